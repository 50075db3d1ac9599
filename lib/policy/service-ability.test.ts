// A person's decisions about a connected service's resources (serviceAbility): the group rules on
// `permits.permit` instantiated per membership, only the service's own municipality counting,
// nothing for an inactive person, a suspended membership or a citizen.
import { describe, expect, it } from "vitest";
import type { MembershipGrant, UserPrincipal } from "@/lib/identity/principal";
import { serviceAbility } from "./ability";
import { serviceResource } from "./casl";

const grant = (municipalityId: string, groups: string[], extra: Partial<MembershipGrant> = {}): MembershipGrant => ({
  membershipId: `m-${municipalityId}-${groups.join("-")}`,
  municipalityId,
  departmentId: null,
  allowedCategories: [],
  groups,
  ...extra,
});
const person = (memberships: MembershipGrant[], extra: Partial<UserPrincipal> = {}): UserPrincipal => ({
  kind: "user",
  userId: "u-1",
  email: "pat@riverton.test",
  name: "Pat",
  platformGroups: [],
  memberships,
  accessVersion: 0,
  via: "session",
  ...extra,
});
const permit = (ownerID: string) => serviceResource("permits.permit", { id: "P-1", ownerID, status: "draft" });
const riverton = { slug: "permits", municipalityId: "riverton" };

describe("serviceAbility", () => {
  it("an operator views, edits and submits the permits they own, nobody else's", () => {
    const a = serviceAbility(person([grant("riverton", ["operator"])]), riverton);
    expect(a.can("view", permit("pat@riverton.test"))).toBe(true);
    expect(a.can("submit", permit("pat@riverton.test"))).toBe(true);
    expect(a.can("view", permit("someone@riverton.test"))).toBe(false);
    expect(a.can("approve", permit("pat@riverton.test"))).toBe(false);
  });

  it("a manager approves every permit but their own, and the deciding rule is kept", () => {
    const a = serviceAbility(person([grant("riverton", ["manager"])]), riverton);
    expect(a.can("approve", permit("someone@riverton.test"))).toBe(true);
    expect(a.can("approve", permit("pat@riverton.test"))).toBe(false);
    expect(a.relevantRuleFor("approve", permit("pat@riverton.test"))?.reason).toBe("manager.yaml#12");
  });

  it("only the service's own municipality counts; a platform-wide service hears every membership", () => {
    const p = person([grant("lakeside", ["manager"])]);
    expect(serviceAbility(p, riverton).can("view", permit("x@y"))).toBe(false);
    expect(serviceAbility(p, { slug: "permits", municipalityId: null }).can("view", permit("x@y"))).toBe(true);
  });

  it("grants nothing to an inactive person, a suspended membership or a citizen", () => {
    const m = grant("riverton", ["manager"]);
    expect(serviceAbility(person([m], { isActive: false }), riverton).can("view", permit("x@y"))).toBe(false);
    expect(serviceAbility(person([{ ...m, status: "SUSPENDED" }]), riverton).can("view", permit("x@y"))).toBe(false);
    expect(serviceAbility(person([], { isCitizen: true }), riverton).can("view", permit("x@y"))).toBe(false);
  });
});
