// Deprecated groups (policies/groups/performance_monitors.yaml): every flow that grants groups
// refuses to give one to someone who does not hold it, naming the field, and changes nothing; a
// holder keeps it when their other groups change. Real PostgreSQL, real flows.
import { describe, expect, it } from "vitest";
import { newSecret, sha256 } from "@/lib/crypto/tokens";
import { ValidationError } from "@/lib/errors";
import { createApiToken } from "@/lib/auth/api-token";
import { applySsoSignIn } from "@/lib/auth/sso";
import type { SsoMap } from "@/lib/auth/sso-map";
import { createInvitation, resendInvitation } from "@/lib/flows/invite";
import { previewBulkInvite, sendBulkInvite } from "@/lib/flows/bulk-invite";
import { changeMembershipAccess } from "@/lib/flows/group-change";
import { approveMembership } from "@/lib/flows/approval";
import { acceptInvitation } from "@/lib/flows/onboarding";
import { saveMappingRows } from "@/lib/flows/sso-console";
import { testPrisma } from "@/test/fixtures/db";
import { freshMunicipality } from "@/test/fixtures/municipalities";
import { freshPerson } from "@/test/fixtures/people";
import { freshTownWithAdmin, viewerOfUser } from "@/test/fixtures/viewers";
import { uniq } from "@/test/fixtures/unique";
import { validationRefusal } from "@/test/fixtures/refusals";
import { deprecatedGroupProblem, withoutNewDeprecatedGroups } from "./grantable";

const raw = testPrisma();
const PM = "performance_monitors";
const WHY = /^Performance monitor is deprecated: Replaced by the Analyst group/;

/** The ValidationError a flow threw, naming `field` with the deprecation's words. */
async function refusal(p: Promise<unknown>, field: string): Promise<string> {
  const e = await validationRefusal(p);
  expect(e.fieldErrors[field]?.[0], `field ${field}`).toMatch(WHY);
  return e.message;
}

describe("deprecatedGroupProblem", () => {
  it("names the group and the reason when it is deprecated and not held; null otherwise", () => {
    expect(deprecatedGroupProblem(PM, [])).toMatch(WHY);
    expect(deprecatedGroupProblem(PM, ["viewer", PM])).toBeNull();
    expect(deprecatedGroupProblem("analyst", [])).toBeNull();
    expect(deprecatedGroupProblem("no_such_group", [])).toBeNull();
    expect(withoutNewDeprecatedGroups(["analyst", PM], [])).toEqual(["analyst"]);
    expect(withoutNewDeprecatedGroups(["analyst", PM], [PM])).toEqual(["analyst", PM]);
  });
});

describe("flows that grant groups refuse a deprecated group to someone new", () => {
  it("an invitation (and its resend) is refused on the groups field; nothing is written", async () => {
    const { town, admin } = await freshTownWithAdmin();
    const email = `pm.${uniq()}@example.test`;
    await refusal(createInvitation(admin, town.id, { email, groups: [PM], allowedCategories: [] }), "groups");
    await refusal(createInvitation(admin, town.id, { email, groups: ["viewer", PM], allowedCategories: [] }), "groups");
    expect(await raw.invitation.count({ where: { municipalityId: town.id } })).toBe(0);
    // An invitation sent before the group was deprecated is not sent again with it.
    const inv = await raw.invitation.create({
      data: {
        municipalityId: town.id,
        email,
        groups: [PM],
        allowedCategories: [],
        tokenHash: sha256(newSecret(32)),
        expiresAt: new Date(Date.now() + 86_400_000),
        invitedById: "test",
      },
    });
    await refusal(resendInvitation(admin, inv.id), "groups");
    expect(await raw.outboxMessage.count({ where: { to: email } })).toBe(0);
  });

  it("a bulk invitation row naming it is refused with the reason; the other rows go on", async () => {
    const { town, admin } = await freshTownWithAdmin();
    const s = uniq();
    const csv = ["email,groups", `a.${s}@example.test,Performance monitor`, `b.${s}@example.test,analyst`].join("\n");
    const p = await previewBulkInvite(admin, town.id, csv);
    expect(p.rows.map((r) => r.outcome)).toEqual(["refused", "invite"]);
    expect(p.rows[0]!.reason).toMatch(WHY);
    await sendBulkInvite(admin, town.id, csv, [p.rows[1]!.line]);
    const sent = await raw.invitation.findMany({ where: { municipalityId: town.id }, select: { email: true } });
    expect(sent.map((i) => i.email)).toEqual([`b.${s}@example.test`]);
  });

  it("a group change may not add it, but its holder keeps it when their other groups change", async () => {
    const { town, admin } = await freshTownWithAdmin();
    const newcomer = await freshPerson(town.id, ["viewer"]);
    const m = newcomer.memberships[0]!;
    await refusal(changeMembershipAccess(admin, m.id, { groups: ["viewer", PM], allowedCategories: [] }), "groups");
    expect((await raw.membership.findUniqueOrThrow({ where: { id: m.id } })).groups).toEqual(["viewer"]);

    const holder = await freshPerson(town.id, [PM]);
    const h = holder.memberships[0]!;
    await changeMembershipAccess(admin, h.id, { groups: [PM, "viewer"], allowedCategories: [] });
    expect((await raw.membership.findUniqueOrThrow({ where: { id: h.id } })).groups).toEqual([PM, "viewer"]);
    // Once let go, it cannot be given back.
    await changeMembershipAccess(admin, h.id, { groups: ["viewer"], allowedCategories: [] });
    await refusal(changeMembershipAccess(admin, h.id, { groups: ["viewer", PM], allowedCategories: [] }), "groups");
    expect((await raw.membership.findUniqueOrThrow({ where: { id: h.id } })).groups).toEqual(["viewer"]);
  });

  it("approving a request that asks for it is refused until its groups are changed", async () => {
    const { town, admin } = await freshTownWithAdmin();
    const asker = await freshPerson(town.id, [PM], { status: "PENDING_APPROVAL" });
    const m = asker.memberships[0]!;
    const message = await refusal(approveMembership(admin, m.id), "groups");
    expect(message).toMatch(/Change this person's groups before approving\.$/);
    expect((await raw.membership.findUniqueOrThrow({ where: { id: m.id } })).status).toBe("PENDING_APPROVAL");
    await changeMembershipAccess(admin, m.id, { groups: ["analyst"], allowedCategories: [] });
    await approveMembership(admin, m.id);
    expect((await raw.membership.findUniqueOrThrow({ where: { id: m.id } })).status).toBe("ACTIVE");
  });

  it("accepting an invitation sent before the deprecation gives the other groups, not the deprecated one", async () => {
    const town = await freshMunicipality();
    const token = newSecret(32);
    const email = `old.${uniq()}@example.test`;
    await raw.invitation.create({
      data: {
        municipalityId: town.id,
        email,
        groups: ["viewer", PM],
        allowedCategories: [],
        tokenHash: sha256(token),
        expiresAt: new Date(Date.now() + 86_400_000),
        invitedById: "test",
      },
    });
    await acceptInvitation(token, {
      name: "Old Invite",
      password: "a-long-enough-password",
      confirm: "a-long-enough-password",
    });
    const m = await raw.membership.findFirstOrThrow({ where: { municipalityId: town.id, user: { email } } });
    expect(m.groups).toEqual(["viewer"]);
    const e = await raw.auditEvent.findFirstOrThrow({ where: { action: "invitation.accept", targetId: m.id } });
    expect(e.data).toMatchObject({ groups: ["viewer"], withheldDeprecated: [PM] });
  });

  it("an SSO claim mapping to it is refused on the row's groups field", async () => {
    const { town, admin } = await freshTownWithAdmin();
    const e = await saveMappingRows(admin, admin.principal.kind === "user" ? admin.principal.userId : "", town, [
      { claim: "job_codes", value: "PERF", groups: [PM] },
    ]).then(
      () => null,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(ValidationError);
    expect((e as ValidationError).fieldErrors["rows.0.groups"]?.[0]).toMatch(WHY);
  });

  it("an SSO sign-in never gives it to someone new; a holder keeps it", async () => {
    const tag = uniq();
    const slug = `dep-${tag}`;
    const domain = `dep-${tag}.test`;
    const town = await freshMunicipality({ slug, name: `Deprecated ${tag}` });
    const map: SsoMap = {
      municipalities: {
        [slug]: { requireMappedClaim: true, emailDomains: [domain], claims: { job_codes: { PERF: [PM, "viewer"] } } },
      },
    };
    const fresh = await applySsoSignIn(slug, { sub: "new-1", email: `new@${domain}`, job_codes: ["PERF"] }, { map });
    expect(fresh).toMatchObject({ ok: true, groups: ["viewer"] });
    const made = await raw.membership.findFirstOrThrow({
      where: { municipalityId: town.id, user: { email: `new@${domain}` } },
    });
    expect(made.groups).toEqual(["viewer"]);

    const holder = await freshPerson(town.id, [PM], { email: `holder@${domain}` });
    await raw.account.create({
      data: { userId: holder.id, type: "oauth", provider: `sso-${slug}`, providerAccountId: "holder-1" },
    });
    const kept = await applySsoSignIn(
      slug,
      { sub: "holder-1", email: `holder@${domain}`, job_codes: ["PERF"] },
      { map },
    );
    expect(kept).toMatchObject({ ok: true, groups: [PM, "viewer"] });
  });

  it("an API token is refused on the groups field, even for a holder", async () => {
    const town = await freshMunicipality();
    const holder = await freshPerson(town.id, [PM, "viewer"]);
    const viewer = await viewerOfUser(holder.id);
    await refusal(createApiToken(viewer, { name: "stats", municipalityId: town.id, groups: [PM] }), "groups");
    expect(await raw.apiToken.count({ where: { userId: holder.id } })).toBe(0);
    await createApiToken(viewer, { name: "read", municipalityId: town.id, groups: ["viewer"] });
    expect(await raw.apiToken.count({ where: { userId: holder.id } })).toBe(1);
  });
});
