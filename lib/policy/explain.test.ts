// Explain answers in words from the compiled rules: conditions without a record, the deciding rule
// with a record, denials that say why, and fields with the rule behind each. Pure: hand-built
// principals, real policy files (lib/people/explain.test.ts asks the same of seeded people).
import { describe, expect, it } from "vitest";
import type { Principal } from "@/lib/identity/principal";
import { buildAbility } from "./ability";
import { explain, explanationLines, type ExplainContext } from "./explain";

const RIV = "muni-riverton";
const LAK = "muni-lakeside";
const OLGA = "user-olga";

function person(groups: string[], more: { allowedCategories?: string[]; departmentId?: string } = {}): Principal {
  return {
    kind: "user",
    userId: OLGA,
    email: "olga@example.test",
    name: "Olga Operator",
    platformGroups: [],
    accessVersion: 1,
    via: "session",
    memberships: [
      {
        membershipId: "m1",
        municipalityId: RIV,
        departmentId: more.departmentId ?? null,
        allowedCategories: (more.allowedCategories ?? []) as never,
        groups,
      },
    ],
  };
}

const ctx = (groups: string[], more: Partial<ExplainContext> = {}): ExplainContext => ({
  person: "Olga Operator",
  groups,
  personId: OLGA,
  municipalityId: RIV,
  words: {
    municipality: (id) => ({ [RIV]: "Riverton", [LAK]: "Lakeside" })[id] ?? id,
    department: () => "the Public works department",
  },
  ...more,
});

const operator = buildAbility(person(["operator"], { allowedCategories: ["ROADS", "STREET_LIGHTING"] }));

describe("explain without a record: the conditions", () => {
  it("answers an operator's update with their categories, their assignments and the fields", () => {
    const e = explain(operator, "update", "ServiceRequest", undefined, undefined, ctx(["operator"]));
    expect(e.allowed).toBe(true);
    expect(e.text).toBe(
      "Allowed for service requests of Riverton in categories Roads, Street lighting, or assigned to them; fields: status, internal notes, assignee, tags",
    );
    expect(e.decidedBy.map((r) => [r.group, r.file, r.index])).toEqual([
      ["Operator", "policies/groups/operator.yaml", 3],
      ["Operator", "policies/groups/operator.yaml", 6],
    ]);
    expect(e.decidedBy[0]!.reason).toBe(
      "may update the status, internal notes, assignee and tags of service requests of Riverton in categories Roads, Street lighting",
    );
    // The assignee is granted by the category rule only, not by the "assigned to them" one.
    const assignee = e.fields.granted.find((f) => f.field === "assigneeId")!;
    expect(assignee.why).toBe(
      "Operator rule 3, only for service requests of Riverton in categories Roads, Street lighting",
    );
    expect(e.fields.granted.find((f) => f.field === "status")!.why).toBe("Operator rules 3 and 6");
    expect(e.fields.withheld.find((f) => f.field === "title")!.why).toBe(
      "not among the fields of Operator rules 3 and 6",
    );
  });

  it("leaves out rules about another municipality and unrestricted categories", () => {
    const here = person(["operator"]) as Extract<Principal, { kind: "user" }>;
    const both = buildAbility({
      ...here,
      memberships: [
        ...here.memberships,
        { membershipId: "m2", municipalityId: LAK, departmentId: null, allowedCategories: [], groups: ["manager"] },
      ],
    });
    const e = explain(both, "update", "ServiceRequest", undefined, undefined, ctx(["operator"]));
    expect(e.text).toBe("Allowed for service requests of Riverton; fields: status, internal notes, assignee, tags");
  });

  it("denies in words when no rule could ever apply", () => {
    const e = explain(operator, "delete", "ServiceRequest", undefined, undefined, ctx(["operator"]));
    expect(e).toMatchObject({ allowed: false, kind: "none", decidedBy: [] });
    expect(e.text).toBe("Denied: none of Olga Operator's groups (Operator) grants deleting service requests");
  });

  it("names the cannot rule and its reason when one takes the action away", () => {
    const admin = buildAbility(person(["municipality_admin"]));
    const e = explain(admin, "delete", "ServiceRequest", undefined, undefined, ctx(["municipality_admin"]));
    expect(e.allowed).toBe(false);
    expect(e.text).toBe("Denied by Municipality admin: service requests are closed or rejected, never deleted");
    expect(e.decidedBy[0]).toMatchObject({ file: "policies/groups/municipality_admin.yaml", index: 5, kind: "cannot" });
  });

  it("says a module switched off is the municipality's setting", () => {
    const a = buildAbility(person(["viewer"]), { modules: { [RIV]: ["heritage"] }, includePublic: false });
    const e = explain(a, "read", "HeritageSite", undefined, undefined, ctx(["viewer"]));
    expect(e.text).toBe("Denied by Municipality settings: the heritage sites module is switched off in Riverton");
  });

  it("reads inherited rules through the group that holds them", () => {
    const editor = buildAbility(person(["document_editor"]), { includePublic: false });
    const e = explain(editor, "read", "Document", undefined, undefined, ctx(["document_editor"]));
    expect(e.text).toBe("Allowed for documents of Riverton; fields: all");
    expect(e.decidedBy[0]).toMatchObject({ group: "Viewer", via: "Document editor", index: 2 });
  });
});

describe("explain with a record", () => {
  const road = { id: "r1", municipalityId: RIV, category: "ROADS", assigneeId: null, reference: "RIV-00001" };
  const waste = { ...road, id: "r2", category: "WASTE", reference: "RIV-00002" };

  it("names the rule that decided, and the fields", () => {
    const e = explain(
      operator,
      "update",
      "ServiceRequest",
      road,
      undefined,
      ctx(["operator"], { record: "RIV-00001" }),
    );
    expect(e.text).toBe(
      "Allowed: Olga Operator may update service request RIV-00001; fields: status, internal notes, assignee, tags",
    );
    expect(e).toMatchObject({ rule: "operator.yaml#3", kind: "can" });
    expect(e.fields.withheld.find((f) => f.field === "title")!.why).toBe("not among the fields of Operator rule 3");
  });

  it("says how a record outside the person's categories differs from what they may update", () => {
    const e = explain(
      operator,
      "update",
      "ServiceRequest",
      waste,
      undefined,
      ctx(["operator"], { record: "RIV-00002" }),
    );
    expect(e.allowed).toBe(false);
    expect(e.text).toBe(
      "Denied: none of Olga Operator's groups (Operator) grants updating service request RIV-00002: they may update service requests of Riverton in categories Roads, Street lighting, or assigned to them, and this one is in category Waste and not assigned to anyone",
    );
    expect(e.fields.granted).toEqual([]);
    expect(e.fields.withheld[0]!.why).toBe("no rule grants updating this service request");
    // Assigned to them, the same record is theirs to update, without the assignee field.
    const mine = explain(
      operator,
      "update",
      "ServiceRequest",
      { ...waste, assigneeId: OLGA },
      undefined,
      ctx(["operator"]),
    );
    expect(mine).toMatchObject({ allowed: true, rule: "operator.yaml#6" });
    expect(mine.fields.granted.map((f) => f.field)).toEqual(["status", "internalNotes", "tags"]);
  });

  it("shows which fields a limited view hides, and why", () => {
    const viewer = buildAbility(person(["viewer"]), { includePublic: false });
    const e = explain(viewer, "read", "ServiceRequest", road, undefined, ctx(["viewer"]));
    expect(e.allowed).toBe(true);
    expect(e.fields.withheld.map((f) => f.field)).toEqual([
      "reporterEmail",
      "reporterPhone",
      "reporterUserId",
      "createdById",
      "updatedById",
    ]);
    expect(e.fields.withheld[0]!.why).toBe("not among the fields of Viewer rule 1");
    expect(e.fields.granted.find((f) => f.field === "reporterName")!.why).toBe("Viewer rule 1");
  });

  it("prints the same explanation as lines (the command line)", () => {
    const lines = explanationLines(explain(operator, "update", "ServiceRequest", road, undefined, ctx(["operator"])));
    expect(lines[1]).toBe(
      "Granted by Operator: may update the status, internal notes, assignee and tags of service requests of Riverton in categories Roads, Street lighting (policies/groups/operator.yaml, rule 3)",
    );
    expect(lines).toContain("Fields they may change:");
    expect(lines).toContain("  - Status: Operator rule 3");
  });
});

describe("explain for platform groups", () => {
  it("carves a conditional cannot out as an exception, in words", () => {
    const su = buildAbility({ ...person([]), memberships: [], platformGroups: ["superuser"] } as Principal);
    const e = explain(su, "approve", "PlatformGrantRequest", undefined, undefined, {
      person: "Sam Super",
      groups: ["superuser"],
      personId: OLGA,
    });
    expect(e.text).toBe(
      "Allowed for platform group requests; except those they proposed; except those about themselves",
    );
    expect(e.decidedBy).toMatchObject([{ group: "Superuser", index: 1 }]);
  });
});

describe("explain for a request's parts and the citizen group", () => {
  it("says which kinds of timeline entry an operator may write", () => {
    const e = explain(operator, "create", "RequestEvent", undefined, undefined, ctx(["operator"]));
    expect(e.text).toBe(
      "Allowed for request timeline entries of Riverton of kinds Internal note, Public comment; fields: all",
    );
    expect(e.decidedBy).toMatchObject([{ group: "Operator", index: 8 }]);
  });

  it("denies a volunteer an internal note, naming the kinds they do read and the fields they do not", () => {
    const volunteer = buildAbility(person(["volunteer"]), { includePublic: false });
    const note = { id: "e1", municipalityId: RIV, requestId: "r1", kind: "INTERNAL_NOTE" };
    const e = explain(volunteer, "read", "RequestEvent", note, undefined, ctx(["volunteer"]));
    expect(e.allowed).toBe(false);
    expect(e.text).toBe(
      "Denied: none of Olga Operator's groups (Volunteer) grants reading timeline entry e1: they may read request timeline entries of Riverton of kinds Created, Status changed, Assigned, Public comment, Tags changed, Photo published, and this one is of kind Internal note",
    );
    const kinds = explain(volunteer, "read", "RequestEvent", undefined, undefined, ctx(["volunteer"]));
    expect(kinds.fields.withheld.map((f) => f.label)).toEqual([
      "Assignee",
      "Photo",
      "Request is public",
      "Reporter's account",
    ]);
  });

  it("reads a tracking link's request and a citizen's own reports as words", () => {
    const tracking = buildAbility({ kind: "anonymous", trackedRequestId: "r-ada" });
    const t = explain(tracking, "read", "ServiceRequest", undefined, undefined, { trackedRequestId: "r-ada" });
    expect(t.text).toMatch(
      /^Allowed for service requests of every municipality opened by their tracking link, or that are public; fields: /,
    );
    expect(t.fields.withheld.map((f) => f.field)).toEqual(
      expect.arrayContaining(["latitude", "longitude", "address", "reporterEmail", "internalNotes"]),
    );
    const photo = { id: "p1", municipalityId: RIV, requestId: "r-ada", isPublished: false, onPublicRequest: false };
    const p = explain(tracking, "read", "RequestPhoto", photo, undefined, {
      trackedRequestId: "r-ada",
      words: ctx([]).words,
    });
    expect(p.text).toBe(
      "Denied: no rule of the public group or of their tracking link grants reading request photo p1: they may read request photos of Riverton of the request their tracking link opens and that are published, or of public requests and that are published, and this one is not published and of requests that are not public",
    );
    const ada = buildAbility({
      kind: "user",
      userId: "ada",
      email: "ada@example.test",
      name: "Ada Citizen",
      platformGroups: [],
      memberships: [],
      accessVersion: 0,
      via: "session",
      isCitizen: true,
    });
    const own = { person: "Ada Citizen", personId: "ada", groups: ["citizen"] };
    expect(explain(ada, "read", "RequestPhoto", undefined, undefined, own).text).toMatch(
      /^Allowed for request photos of every municipality they uploaded, or of their own reports and that are published, or of public requests and that are published; /,
    );
    expect(explain(ada, "update", "RequestFollower", undefined, undefined, own).text).toBe(
      "Allowed for request followers of every municipality of their own; fields: unsubscribed",
    );
  });

  it("names the superuser's one limit on the timeline", () => {
    const su = buildAbility({ ...person([]), memberships: [], platformGroups: ["superuser"] } as Principal);
    const e = explain(su, "delete", "RequestEvent", undefined, undefined, {
      person: "Sam Super",
      groups: ["superuser"],
    });
    expect(e.text).toBe("Denied by Superuser: a request's timeline is append-only");
  });
});
