import { afterEach, describe, expect, it } from "vitest";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { subject } from "@casl/ability";
import { loadPolicies, PolicyLoadError } from "./load";
import { buildAbility } from "./ability";
import type { MembershipGrant, Principal, UserPrincipal } from "@/lib/identity/principal";
import { TEST_ACCOUNTS } from "@/lib/seed/test-users";

const dirs: string[] = [];
function copyPolicies(): string {
  const root = mkdtempSync(path.join(tmpdir(), "gh-policies-"));
  const dir = path.join(root, "groups");
  cpSync(path.join(process.cwd(), "policies", "groups"), dir, { recursive: true });
  // Group files grant services' resource types, which policies/services declares beside them.
  cpSync(path.join(process.cwd(), "policies", "services"), path.join(root, "services"), { recursive: true });
  dirs.push(root);
  return dir;
}
function edit(dir: string, file: string, from: string, to: string) {
  const p = path.join(dir, file);
  const text = readFileSync(p, "utf8");
  expect(text).toContain(from);
  writeFileSync(p, text.replace(from, to));
}
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe("policy loader", () => {
  it("loads every built-in group", () => {
    const names = [...loadPolicies().groups.keys()].sort();
    expect(names).toEqual([
      "analyst",
      "citizen",
      "document_editor",
      "manager",
      "municipality_admin",
      "operator",
      "performance_monitors",
      "platform_admin",
      "public",
      "superuser",
      "viewer",
      "volunteer",
    ]);
  });

  it("reads privileged and deprecated groups, and a deprecated group must say why", () => {
    const groups = loadPolicies().groups;
    expect(groups.get("municipality_admin")?.privileged).toBe(true);
    expect(groups.get("viewer")?.privileged).toBe(false);
    expect(groups.get("performance_monitors")?.deprecated?.reason).toMatch(/Analyst/);
    expect(groups.get("analyst")?.deprecated).toBeUndefined();
    const dir = copyPolicies();
    writeFileSync(path.join(dir, "old.yaml"), "group: old\nlabel: Old\nscope: municipality\ndeprecated: true\n");
    expect(() => loadPolicies(dir)).toThrow(/old\.yaml deprecationReason: a deprecated group says why/);
  });

  it("every group a test account holds exists, in the right place", () => {
    const groups = loadPolicies().groups;
    for (const a of TEST_ACCOUNTS) {
      for (const g of a.platformGroups ?? []) expect(groups.get(g)?.scope, `${a.email}: ${g}`).toBe("platform");
      for (const g of a.membership?.groups ?? []) expect(groups.get(g)?.scope, `${a.email}: ${g}`).toBe("municipality");
    }
  });

  it("keeps each rule's origin as file#index", () => {
    const op = loadPolicies().groups.get("operator")!;
    expect(op.rules.map((r) => r.origin)).toEqual([
      "operator.yaml#1",
      "operator.yaml#2",
      "operator.yaml#3",
      "operator.yaml#4",
      "operator.yaml#5",
      "operator.yaml#6",
      "operator.yaml#7",
      "operator.yaml#8",
      "operator.yaml#9",
      "operator.yaml#10",
    ]);
    const editor = loadPolicies().groups.get("document_editor")!;
    expect(editor.rules[0]!.origin).toBe("viewer.yaml#1");
  });

  const broken: [string, string, string, string, RegExp][] = [
    [
      "an unknown field",
      "operator.yaml",
      "fields: [status, internalNotes, assigneeId, tags]",
      "fields: [status, internalNotez]",
      /operator\.yaml rule #3: unknown field "internalNotez" for ServiceRequest/,
    ],
    [
      "an unknown placeholder",
      "operator.yaml",
      "$membership.allowedCategories } }\n  - can: create",
      "$membership.categoriez } }\n  - can: create",
      /operator\.yaml rule #1: unknown placeholder "\$membership\.categoriez"/,
    ],
    [
      "an unknown subject",
      "viewer.yaml",
      "on: [HeritageSite, Document, Statistics]",
      "on: [HeritageSite, Documents]",
      /viewer\.yaml rule #2: unknown subject "Documents"/,
    ],
    [
      "an unknown action",
      "viewer.yaml",
      "  - can: read\n    on: ServiceRequest",
      "  - can: peek\n    on: ServiceRequest",
      /viewer\.yaml rule #1: unknown action "peek"/,
    ],
    [
      "an unknown field in where",
      "public.yaml",
      "where: { isPublic: true }",
      "where: { public: true }",
      /public\.yaml rule #1: where uses unknown field "public"/,
    ],
    [
      "an unknown extended group",
      "document_editor.yaml",
      "extends: [viewer]",
      "extends: [reader]",
      /document_editor\.yaml: extends unknown group "reader"/,
    ],
    [
      "an unknown enum value",
      "public.yaml",
      "kind: { in: [HISTORIC_AREA, CHARACTER_AREA, MASTER_PLAN_ZONE] }",
      "kind: { in: [HISTORIC_AREA, CHARACTER_AREAS, MASTER_PLAN_ZONE] }",
      /public\.yaml rule #3: where\.kind has unknown value "CHARACTER_AREAS" for HeritageSite\.kind/,
    ],
    [
      "an unknown operator",
      "public.yaml",
      "kind: { in: [ARCHAEOLOGICAL_ZONE, INVENTORY_RESOURCE] }",
      "kind: { inside: [ARCHAEOLOGICAL_ZONE, INVENTORY_RESOURCE] }",
      /public\.yaml rule #4: where\.kind uses unknown operator "inside"/,
    ],
    [
      "an unknown field nested in OR",
      "public.yaml",
      "where: { isPublic: true }",
      "where: { OR: [{ isPublic: true }, { visible: true }] }",
      /public\.yaml rule #1: where uses unknown field "visible" for ServiceRequest/,
    ],
    [
      "a relation filter",
      "viewer.yaml",
      "    where: { municipalityId: $membership.municipalityId }\n    fields:",
      "    where: { municipality: { is: { id: $membership.municipalityId } } }\n    fields:",
      /viewer\.yaml rule #1: where uses unknown field "municipality" for ServiceRequest/,
    ],
    [
      "a list placeholder used as a value",
      "operator.yaml",
      "category: { in: $membership.allowedCategories } }\n  - can: create",
      "category: $membership.allowedCategories }\n  - can: create",
      /operator\.yaml rule #1: \$membership\.allowedCategories is a list/,
    ],
    [
      "a misspelt rule key",
      "viewer.yaml",
      "  - can: read\n    on: ServiceRequest",
      "  - can: read\n    onn: ServiceRequest",
      /viewer\.yaml rule #1/,
    ],
    [
      "a membership placeholder in a platform group",
      "platform_admin.yaml",
      "  - can: read\n    on: [AuditEvent, OutboxMessage, Statistics]",
      "  - can: read\n    on: [AuditEvent, OutboxMessage, Statistics]\n    where: { municipalityId: $membership.municipalityId }",
      /platform_admin\.yaml rule #2: "\$membership\.municipalityId" is only available in municipality groups/,
    ],
    [
      "a tracking link's request in a staff group",
      "viewer.yaml",
      "  - can: read\n    on: RequestTag\n    where: { municipalityId: $membership.municipalityId }",
      "  - can: read\n    on: RequestTag\n    where: { municipalityId: $membership.municipalityId }\n  - can: read\n    on: RequestEvent\n    where: { requestId: $tracking.requestId }",
      /viewer\.yaml rule #6: "\$tracking\.requestId" is only available in public-scope groups/,
    ],
    [
      "the person's id in the public group (anonymous visitors have none)",
      "public.yaml",
      "  - can: read\n    on: Statistics\n    where: { scope: public }",
      "  - can: read\n    on: Statistics\n    where: { scope: public }\n  - can: read\n    on: RequestFollower\n    where: { userId: $user.id }",
      /public\.yaml rule #7: "\$user\.id" is not available to the public group/,
    ],
  ];
  for (const [what, file, from, to, message] of broken) {
    it(`refuses ${what}, naming the file and rule`, () => {
      const dir = copyPolicies();
      edit(dir, file, from, to);
      expect(() => loadPolicies(dir)).toThrow(PolicyLoadError);
      expect(() => loadPolicies(dir)).toThrow(message);
    });
  }

  it("refuses an extends cycle", () => {
    const dir = copyPolicies();
    edit(dir, "viewer.yaml", "scope: municipality\n", "scope: municipality\nextends: [document_editor]\n");
    expect(() => loadPolicies(dir)).toThrow(/extends cycle/);
  });
});

describe("service resource rules (policies/services)", () => {
  const OWN = "  - can: [view, edit, submit]\n    on: permits.permit\n    where: { ownerID: $user.email }\n";
  const cases: [string, string, RegExp][] = [
    [
      "an unknown service",
      OWN.replace("permits.permit", "parking.permit"),
      /operator\.yaml rule #11: unknown service "parking"/,
    ],
    [
      "an unknown resource type",
      OWN.replace("permits.permit", "permits.licence"),
      /operator\.yaml rule #11: unknown resource type "licence" of service permits; known: permit/,
    ],
    [
      "an action the type does not declare",
      OWN.replace("[view, edit, submit]", "[view, delete]"),
      /operator\.yaml rule #11: unknown action "delete" for permits\.permit; known: view, edit, submit, approve/,
    ],
    [
      "an undeclared attribute in where",
      OWN.replace("ownerID:", "owner:"),
      /operator\.yaml rule #11: where uses unknown attribute "owner" for permits\.permit/,
    ],
    [
      "a rule mixing our records and a service's",
      OWN.replace("on: permits.permit", "on: [permits.permit, Document]"),
      /operator\.yaml rule #11: a rule is about our own records or about a service's resources, not both/,
    ],
    [
      "fields on a service rule",
      OWN.replace("    where:", "    fields: [status]\n    where:"),
      /operator\.yaml rule #11: a rule on a service's resources has no fields/,
    ],
    [
      "access on a record type",
      "  - can: access\n    on: Document\n",
      /operator\.yaml rule #11: "access" is only about Service, not Document/,
    ],
  ];
  for (const [what, replacement, message] of cases) {
    it(`refuses ${what}, naming the file and rule`, () => {
      const dir = copyPolicies();
      edit(dir, "operator.yaml", OWN, replacement);
      expect(() => loadPolicies(dir)).toThrow(message);
    });
  }

  it("keeps service rules apart from the rules lib/data filters with, inherited like the others", () => {
    const dir = copyPolicies();
    writeFileSync(
      path.join(dir, "permit_clerk.yaml"),
      "group: permit_clerk\nlabel: Permit clerk\nscope: municipality\nextends: [operator]\nrules: []\n",
    );
    const g = loadPolicies(dir).groups.get("permit_clerk")!;
    expect(g.serviceRules.map((r) => [r.origin, r.service, r.subjects])).toEqual([
      ["operator.yaml#11", "permits", ["permits.permit"]],
    ]);
    expect(g.rules.some((r) => (r.subjects as string[]).includes("permits.permit"))).toBe(false);
  });
});

describe("ability builder: placeholders without a value", () => {
  it("drops a department rule for a member without a department instead of matching unrouted records", () => {
    const dir = copyPolicies();
    writeFileSync(
      path.join(dir, "dispatcher.yaml"),
      [
        "group: dispatcher",
        "label: Dispatcher",
        "scope: municipality",
        "rules:",
        "  - can: read",
        "    on: ServiceRequest",
        "    where: { municipalityId: $membership.municipalityId, departmentId: $membership.departmentId }",
        "",
      ].join("\n"),
    );
    const policies = loadPolicies(dir);
    const member = (departmentId: string | null): UserPrincipal => ({
      kind: "user",
      userId: "d",
      email: "d@x",
      name: null,
      platformGroups: [],
      accessVersion: 1,
      via: "session",
      memberships: [
        { membershipId: "m", municipalityId: "riverton", departmentId, allowedCategories: [], groups: ["dispatcher"] },
      ],
    });
    const unrouted = subject("ServiceRequest", {
      municipalityId: "riverton",
      departmentId: null,
      isPublic: false,
    }) as never;
    const routed = subject("ServiceRequest", {
      municipalityId: "riverton",
      departmentId: "works",
      isPublic: false,
    }) as never;
    expect(buildAbility(member(null), { policies }).can("read", unrouted)).toBe(false);
    expect(buildAbility(member("works"), { policies }).can("read", routed)).toBe(true);
    expect(buildAbility(member("works"), { policies }).can("read", unrouted)).toBe(false);
  });
});

/** A membership in one municipality with these groups: no department, all categories unless given. */
const grant = (
  membershipId: string,
  municipalityId: string,
  groups: string[],
  more: Partial<MembershipGrant> = {},
): MembershipGrant => ({ membershipId, municipalityId, departmentId: null, allowedCategories: [], groups, ...more });

describe("ability builder", () => {
  const operator = (status: "ACTIVE" | "none"): UserPrincipal => ({
    kind: "user",
    userId: "u1",
    email: "o@x",
    name: null,
    platformGroups: [],
    accessVersion: 1,
    via: "session",
    memberships: status === "ACTIVE" ? [grant("m1", "riverton", ["operator"], { allowedCategories: ["ROADS"] })] : [],
  });

  it("instantiates each membership with its own municipality and categories", () => {
    const a = buildAbility({
      ...operator("ACTIVE"),
      memberships: [
        grant("m1", "riverton", ["operator"], { allowedCategories: ["ROADS"] }),
        grant("m2", "lakeside", ["operator"], { allowedCategories: ["WASTE"] }),
      ],
    });
    const can = (m: string, c: string) =>
      a.can("update", subject("ServiceRequest", { municipalityId: m, category: c }) as never);
    expect(can("riverton", "ROADS")).toBe(true);
    expect(can("riverton", "WASTE")).toBe(false);
    expect(can("lakeside", "WASTE")).toBe(true);
    expect(can("lakeside", "ROADS")).toBe(false);
  });

  it("a principal without active memberships has only the public rules", () => {
    const a = buildAbility(operator("none"));
    expect(a.can("update", subject("ServiceRequest", { municipalityId: "riverton", category: "ROADS" }) as never)).toBe(
      false,
    );
    expect(a.can("read", subject("ServiceRequest", { municipalityId: "riverton", isPublic: true }) as never)).toBe(
      true,
    );
  });

  it("an inactive user or a non-active membership grants nothing, even if handed in", () => {
    const inactive = buildAbility({ ...operator("ACTIVE"), isActive: false });
    expect(
      inactive.can("read", subject("ServiceRequest", { municipalityId: "riverton", isPublic: true }) as never),
    ).toBe(false);
    const suspended = buildAbility({
      ...operator("ACTIVE"),
      memberships: [grant("m1", "riverton", ["operator"], { status: "SUSPENDED" })],
    });
    expect(
      suspended.can("update", subject("ServiceRequest", { municipalityId: "riverton", category: "ROADS" }) as never),
    ).toBe(false);
  });

  it("a group held in the wrong place grants nothing (platform group on a membership)", () => {
    const a = buildAbility({
      ...operator("ACTIVE"),
      memberships: [grant("m", "riverton", ["superuser"])],
    });
    expect(a.can("delete", subject("Document", { municipalityId: "riverton" }) as never)).toBe(false);
  });

  it("a module switched off removes its subjects in that municipality only, for everyone", () => {
    const su: Principal = {
      kind: "user",
      userId: "s",
      email: "s@x",
      name: null,
      platformGroups: ["superuser"],
      memberships: [],
      accessVersion: 1,
      via: "session",
    };
    const a = buildAbility(su, { modules: { riverton: ["heritage"] } });
    expect(a.can("read", subject("HeritageSite", { municipalityId: "riverton" }) as never)).toBe(false);
    expect(a.can("read", subject("HeritageSite", { municipalityId: "lakeside" }) as never)).toBe(true);
    expect(a.can("read", subject("Document", { municipalityId: "riverton" }) as never)).toBe(true);
    const anon = buildAbility({ kind: "anonymous" }, { modules: { riverton: ["heritage"] } });
    expect(
      anon.can(
        "read",
        subject("HeritageSite", { municipalityId: "riverton", isPublic: true, kind: "HISTORIC_AREA" }) as never,
      ),
    ).toBe(false);
  });

  it("never serves a cached ability after the principal changes", () => {
    const before = buildAbility(operator("ACTIVE"));
    const after = buildAbility(operator("none"));
    expect(before).not.toBe(after);
    expect(buildAbility(operator("ACTIVE"))).toBe(before);
    expect(
      after.can("update", subject("ServiceRequest", { municipalityId: "riverton", category: "ROADS" }) as never),
    ).toBe(false);
  });
});
