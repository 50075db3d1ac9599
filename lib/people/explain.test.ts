// The admin console's explain, against the real database: seeded people of Riverton asked about by
// Riverton's admin, records found by the reference people see and only within the admin's reach,
// answers in words (conditions without a record, the deciding rule with one, the fields and why).
import { afterAll, describe, expect, it } from "vitest";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { testPrisma } from "@/test/fixtures/db";
import { freshMunicipality } from "@/test/fixtures/municipalities";
import { freshPerson } from "@/test/fixtures/people";
import { uniq } from "@/test/fixtures/unique";
import { staffViewerOf, viewerOf } from "@/test/fixtures/viewers";
import { explanationLines } from "@/lib/policy/explain";
import { explainForAdmin, hiddenFieldReasons, unsafeExplainForCli } from "./explain";

const raw = testPrisma();
const OPERATOR = "operator@riverton.test";

async function riverton() {
  return raw.municipality.findUniqueOrThrow({ where: { slug: "riverton" }, select: { id: true } });
}

/** Requests this file made, removed afterwards: one assigned outside the operator's categories would change what other files see of Riverton. */
const made: string[] = [];
afterAll(async () => {
  await raw.serviceRequest.deleteMany({ where: { id: { in: made } } });
});

/** A request of Riverton of our own (seeded ones are shared by every test file). */
async function request(category: "ROADS" | "WASTE", more: { assigneeId?: string } = {}) {
  const m = await riverton();
  const r = await raw.serviceRequest.create({
    data: {
      municipalityId: m.id,
      reference: `EXP-${uniq()}`.toUpperCase(),
      category,
      title: "Explain test request",
      description: "A request for the explain tests.",
      area: "Old Town",
      ...more,
    },
  });
  made.push(r.id);
  return r;
}

/** Riverton's admin asks about a person of Riverton. */
async function askAsAdmin(email: string, action: string, subject: string, recordId?: string) {
  return explainForAdmin(await viewerOf("admin@riverton.test"), "riverton", { email, action, subject, recordId });
}

describe("explain in the admin console", () => {
  it("answers an operator's update without a record with the conditions, word for word", async () => {
    const e = await askAsAdmin(OPERATOR, "update", "ServiceRequest");
    expect(e.allowed).toBe(true);
    expect(e.text).toBe(
      "Allowed for service requests of Riverton in categories Roads, Street lighting, or assigned to them; fields: status, internal notes, assignee, tags",
    );
    expect(e.decidedBy.map((r) => `${r.group}: ${r.location}`)).toEqual([
      "Operator: policies/groups/operator.yaml, rule 3",
      "Operator: policies/groups/operator.yaml, rule 6",
    ]);
  });

  it("denies in words when none of the person's groups grants the action", async () => {
    const e = await askAsAdmin(OPERATOR, "delete", "ServiceRequest");
    expect(e).toMatchObject({ allowed: false, decidedBy: [] });
    expect(e.text).toBe("Denied: none of Olga Operator's groups (Operator) grants deleting service requests");
  });

  it("decides a record in the operator's categories by the category rule, and one outside them not at all", async () => {
    const road = await request("ROADS");
    const waste = await request("WASTE");
    const inside = await askAsAdmin(OPERATOR, "update", "ServiceRequest", road.reference);
    expect(inside.text).toBe(
      `Allowed: Olga Operator may update service request ${road.reference}; fields: status, internal notes, assignee, tags`,
    );
    expect(inside.decidedBy).toMatchObject([{ group: "Operator", index: 3, file: "policies/groups/operator.yaml" }]);
    const outside = await askAsAdmin(OPERATOR, "update", "ServiceRequest", waste.id);
    expect(outside.allowed).toBe(false);
    expect(outside.text).toBe(
      `Denied: none of Olga Operator's groups (Operator) grants updating service request ${waste.reference}: they may update service requests of Riverton in categories Roads, Street lighting, or assigned to them, and this one is in category Waste and not assigned to anyone`,
    );
    // Assigned to her by name, the same request is hers to update (without the assignee field).
    const olga = await raw.user.findUniqueOrThrow({ where: { email: OPERATOR } });
    const mine = await request("WASTE", { assigneeId: olga.id });
    const assigned = await askAsAdmin(OPERATOR, "update", "ServiceRequest", mine.reference);
    expect(assigned).toMatchObject({ allowed: true, rule: "operator.yaml#6" });
    expect(assigned.fields.granted.map((f) => f.label)).toEqual(["Status", "Internal notes", "Tags"]);
    expect(assigned.fields.withheld.find((f) => f.field === "assigneeId")!.why).toBe(
      "not among the fields of Operator rule 6",
    );
  });

  it("finds a record by the reference people see, in any letter case", async () => {
    const seeded = await raw.serviceRequest.findFirstOrThrow({
      where: { reference: "RIV-00045" },
      select: { category: true },
    });
    for (const recordId of ["RIV-00045", " riv-00045 "]) {
      const e = await askAsAdmin(OPERATOR, "update", "ServiceRequest", recordId);
      expect(e.text).toContain("service request RIV-00045");
      expect(e.allowed).toBe(["ROADS", "STREET_LIGHTING"].includes(seeded.category));
    }
    // A heritage site by its name, as its list shows it.
    const site = await raw.heritageSite.findFirstOrThrow({
      where: { municipality: { slug: "riverton" }, kind: "HISTORIC_AREA" },
      select: { name: true },
    });
    const e = await askAsAdmin(OPERATOR, "read", "HeritageSite", site.name.toUpperCase());
    expect(e.text).toBe(`Allowed: Olga Operator may read heritage site ${site.name}; fields: all`);
  });

  it("says 'not found' for another municipality's record, an unknown one, or one outside the admin's reach", async () => {
    const lakeside = await raw.serviceRequest.findFirstOrThrow({
      where: { municipality: { slug: "lakeside" } },
      select: { id: true, reference: true },
    });
    for (const recordId of [
      lakeside.id,
      lakeside.reference,
      "RIV-99999",
      `/w/lakeside/requests/${lakeside.id}`,
      "RIV-\u000000045",
    ]) {
      const err = await askAsAdmin(OPERATOR, "read", "ServiceRequest", recordId).catch((e: unknown) => e);
      expect(err, recordId).toBeInstanceOf(NotFoundError);
      expect((err as Error).message).toBe(`No service request "${recordId}" here.`);
    }
    // Another municipality's admin cannot ask in Riverton at all.
    const town = await freshMunicipality();
    const outsider = await viewerOf((await freshPerson(town.id, ["municipality_admin"])).email);
    const q = { email: OPERATOR, action: "read", subject: "ServiceRequest" };
    await expect(explainForAdmin(outsider, "riverton", q)).rejects.toBeInstanceOf(NotFoundError);
    // A person of another municipality is not someone to ask about here.
    await expect(askAsAdmin("operator@lakeside.test", "read", "ServiceRequest")).rejects.toBeInstanceOf(
      ValidationError,
    );
  });

  it("lists the fields visible and hidden on a record, and why", async () => {
    const road = await request("ROADS");
    const e = await askAsAdmin("viewer@riverton.test", "read", "ServiceRequest", road.reference);
    expect(e.allowed).toBe(true);
    expect(e.fields.grantedTitle).toBe("Fields they see");
    const hidden = Object.fromEntries(e.fields.withheld.map((f) => [f.label, f.why]));
    // The request is public, so the public group's limited view applies to it too.
    expect(hidden["Reporter email"]).toBe("not among the fields of Viewer rule 1; Public rule 1");
    expect(hidden["Reporter phone"]).toBe("not among the fields of Viewer rule 1; Public rule 1");
    expect(e.fields.granted.find((f) => f.label === "Internal notes")!.why).toBe("Viewer rule 1");
    // Without a record, the same question answers for the type.
    const type = await askAsAdmin("viewer@riverton.test", "read", "ServiceRequest");
    expect(type.text).toMatch(/^Allowed for service requests of Riverton/);
    expect(type.fields.withheld.map((f) => f.label)).toContain("Reporter email");
  });

  it("gives the command line the same answer as the console", async () => {
    const admin = await viewerOf("admin@riverton.test");
    const road = await request("ROADS");
    const q = { email: OPERATOR, action: "update", subject: "ServiceRequest" };
    const page = await explainForAdmin(admin, "riverton", { ...q, recordId: road.reference });
    const cli = await unsafeExplainForCli({ ...q, record: road.reference });
    expect(explanationLines(cli)).toEqual(explanationLines(page));
    const pageType = await explainForAdmin(admin, "riverton", q);
    const cliType = await unsafeExplainForCli({ ...q, municipality: "riverton" });
    expect(explanationLines(cliType)).toEqual(explanationLines(pageType));
  });

  it("answers about a request's parts in words, as a type only", async () => {
    const e = await askAsAdmin("volunteer@riverton.test", "read", "RequestEvent");
    expect(e.text).toBe(
      "Allowed for request timeline entries of Riverton of kinds Created, Status changed, Assigned, Public comment, Tags changed, Photo published, or of public requests and of kinds Status changed, Public comment, or of public requests and of kinds Created, Photo published; fields: id, municipality, request, kind of entry, author, text, status before, status after, written",
    );
    expect(e.fields.withheld.map((f) => f.label)).toEqual([
      "Assignee",
      "Photo",
      "Request is public",
      "Reporter's account",
    ]);
    const followers = await askAsAdmin(OPERATOR, "read", "RequestFollower");
    expect(followers.allowed).toBe(false);
    expect(followers.text).toBe("Denied: none of Olga Operator's groups (Operator) grants reading request followers");
    await expect(askAsAdmin(OPERATOR, "read", "RequestPhoto", "some-photo")).rejects.toThrow(
      /Ask about request photos without a record/,
    );
  });
});

describe("hiddenFieldReasons (view as)", () => {
  it("says, per field of a type, which rule withholds it or for which records it is shown", async () => {
    const m = await riverton();
    const why = await hiddenFieldReasons(await staffViewerOf("volunteer@riverton.test"), "HeritageSite", m.id);
    // Exact location: shown only on some kinds of site, by the volunteer's own rule.
    expect(why.address).toMatch(/^Hidden on this record: shown to them only by .*volunteer/i);
    // The owner: no rule of theirs shows it.
    expect(why.ownerName).toMatch(/^Hidden from them: not among the fields of .*volunteer/i);
  });
});
