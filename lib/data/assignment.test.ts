// Assignment, tags, staff filters, bulk changes and the capped count through lib/data on the real
// database (issue 18), in municipalities this file makes for itself: the picker offers exactly the
// people whose own policies let them work the request; the server refuses anyone else on the
// field; tags are the municipality's own and not archived; filters on fields a limited view
// withholds match only where the viewer may read them; bulk changes go row by row through the
// policies and report each row; lists count exactly up to 10,000 and then say so.
import { beforeAll, describe, expect, it } from "vitest";
import { testPrisma } from "@/test/fixtures/db";
import { freshMunicipality, type FreshMunicipality } from "@/test/fixtures/municipalities";
import { freshPerson } from "@/test/fixtures/people";
import { staffViewerOf } from "@/test/fixtures/viewers";
import { uniq } from "@/test/fixtures/unique";
import type { ServiceCategory } from "@/lib/generated/prisma/enums";
import { NotFoundError, ValidationError } from "@/lib/errors";
import type { Viewer } from "@/lib/identity/viewer";
import { recordsOf } from "./record-store";
import { assigneeChoices, eligibleAssigneeIds } from "./assignees";
import { changeRequestTag, createRequestTag, listRequestTags, tagChoices } from "./request-tags";
import { bulkUpdateRequests } from "./request-bulk";
import { COUNT_CAP } from "./scoped-records";

const requests = recordsOf("ServiceRequest");
const raw = testPrisma();

type People = Record<"admin" | "manager" | "roads" | "parks" | "viewer" | "volunteer" | "suspended", string>;
let town: FreshMunicipality;
let lake: FreshMunicipality;
const ids = {} as People & { lakeOperator: string };
const as = {} as Record<keyof People, Viewer>;

async function person(key: keyof People, groups: string[], cats: ServiceCategory[] = [], suspended = false) {
  const p = await freshPerson(town.id, groups, {
    name: `${key} ${uniq()}`,
    allowedCategories: cats,
    ...(suspended ? { status: "SUSPENDED" as const } : {}),
  });
  ids[key] = p.id;
  if (!suspended) as[key] = await staffViewerOf(p.email);
}

async function request(category: ServiceCategory, over: Record<string, unknown> = {}, municipalityId = town.id) {
  const r = await raw.serviceRequest.create({
    data: {
      municipalityId,
      reference: `T-${uniq()}`,
      category,
      title: `A ${category.toLowerCase()} problem`,
      description: "Something needs fixing here.",
      area: "North",
      ...over,
    },
  });
  return r.id;
}

beforeAll(async () => {
  town = await freshMunicipality();
  lake = await freshMunicipality();
  await person("admin", ["municipality_admin"]);
  await person("manager", ["manager"]);
  await person("roads", ["operator"], ["ROADS"]);
  await person("parks", ["operator"], ["PARKS"]);
  await person("viewer", ["viewer"]);
  await person("volunteer", ["volunteer"]);
  await person("suspended", ["operator"], [], true);
  ids.lakeOperator = (await freshPerson(lake.id, ["operator"])).id;
});

describe("the assignee picker", () => {
  it("lists exactly the members whose own policies let them work the request", async () => {
    const roadsJob = await request("ROADS");
    const eligible = await eligibleAssigneeIds(await raw.serviceRequest.findUniqueOrThrow({ where: { id: roadsJob } }));
    expect(new Set(eligible)).toEqual(new Set([ids.admin, ids.manager, ids.roads]));
    // The operator of parks, the read-only people, a suspended member, Lakeside's operator: never.
    for (const absent of [ids.parks, ids.viewer, ids.volunteer, ids.suspended, ids.lakeOperator])
      expect(eligible).not.toContain(absent);
  });

  it("does not count the assignment itself: a parks operator holding a roads request is still not offered", async () => {
    const held = await request("ROADS", { assigneeId: ids.parks });
    const { choices, current } = await assigneeChoices(as.manager, held, town.id);
    expect(choices.map((c) => c.id)).not.toContain(ids.parks);
    expect(current?.id).toBe(ids.parks);
    expect(current?.label).toMatch(/^parks /);
  });

  it("names only people the viewer may see: an operator is offered themself alone", async () => {
    const roadsJob = await request("ROADS");
    const forManager = await assigneeChoices(as.manager, roadsJob, town.id);
    expect(forManager.choices.map((c) => c.id).sort()).toEqual([ids.admin, ids.manager, ids.roads].sort());
    expect(forManager.choices.every((c) => !c.label.includes(c.id))).toBe(true);
    const forOperator = await assigneeChoices(as.roads, roadsJob, town.id);
    expect(forOperator.choices.map((c) => c.id)).toEqual([ids.roads]);
  });

  it("is not found for a request outside the viewer's reach or municipality", async () => {
    const parksJob = await request("PARKS");
    await expect(assigneeChoices(as.roads, parksJob, town.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(assigneeChoices(as.manager, parksJob, lake.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("the server refuses an assignee outside the list on the field; the list's people are accepted", async () => {
    const roadsJob = await request("ROADS");
    for (const outsider of [ids.parks, ids.viewer, ids.lakeOperator, ids.suspended, "not-a-person"]) {
      await expect(requests.update(as.manager, roadsJob, { assigneeId: outsider })).rejects.toMatchObject({
        fieldErrors: { assigneeId: [expect.stringMatching(/may work on this request/)] },
      });
    }
    await requests.update(as.manager, roadsJob, { assigneeId: ids.roads });
    expect((await raw.serviceRequest.findUniqueOrThrow({ where: { id: roadsJob } })).assigneeId).toBe(ids.roads);
    // The assignee now finds it; and unassigning is always possible.
    await requests.update(as.manager, roadsJob, { assigneeId: null });
    expect((await raw.serviceRequest.findUniqueOrThrow({ where: { id: roadsJob } })).assigneeId).toBeNull();
  });
});

describe("tags", () => {
  it("are added, renamed, archived and restored, audited, never twice the same name", async () => {
    const t = await createRequestTag(as.admin, town.id, { label: "Pothole" });
    await expect(createRequestTag(as.admin, town.id, { label: "pothole" })).rejects.toMatchObject({
      fieldErrors: { label: [expect.stringMatching(/already has this name/)] },
    });
    await changeRequestTag(as.admin, town.id, t.id, { label: "Potholes" });
    await changeRequestTag(as.admin, town.id, t.id, { label: "Potholes" }); // no change, nothing written
    await changeRequestTag(as.admin, town.id, t.id, { archived: true });
    await changeRequestTag(as.admin, town.id, t.id, { archived: false });
    const events = await raw.auditEvent.findMany({ where: { targetId: t.id }, orderBy: { seq: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["tag.create", "tag.rename", "tag.archive", "tag.restore"]);
  });

  it("are managed only by those the policy lets: a manager reads them but may not add one; Lakeside's are not found", async () => {
    await expect(createRequestTag(as.manager, town.id, { label: "Nope" })).rejects.toBeInstanceOf(NotFoundError);
    const list = await listRequestTags(as.manager, town.id);
    expect(list.canCreate).toBe(false);
    await expect(listRequestTags(as.admin, lake.id)).rejects.toBeInstanceOf(NotFoundError);
    const lakeTag = await raw.requestTag.create({ data: { municipalityId: lake.id, label: `Lake ${uniq()}` } });
    await expect(changeRequestTag(as.admin, town.id, lakeTag.id, { archived: true })).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it("on a request: only the municipality's tags in use; an archived one stays where it was", async () => {
    const job = await request("ROADS");
    const a = await createRequestTag(as.admin, town.id, { label: `Alpha ${uniq()}` });
    const b = await createRequestTag(as.admin, town.id, { label: `Beta ${uniq()}` });
    const lakeTag = await raw.requestTag.create({ data: { municipalityId: lake.id, label: `Lake ${uniq()}` } });
    await requests.update(as.roads, job, { tags: [a.id, b.id] });
    await changeRequestTag(as.admin, town.id, b.id, { archived: true });
    // Another municipality's tag, and a newly chosen archived one, are refused on the field.
    await expect(requests.update(as.manager, job, { tags: [a.id, lakeTag.id] })).rejects.toMatchObject({
      fieldErrors: { tags: [expect.any(String)] },
    });
    const other = await request("ROADS");
    await expect(requests.update(as.manager, other, { tags: [b.id] })).rejects.toBeInstanceOf(ValidationError);
    // The archived tag the request already has may stay.
    await requests.update(as.manager, job, { tags: [b.id] });
    expect((await raw.serviceRequest.findUniqueOrThrow({ where: { id: job } })).tags).toEqual([b.id]);
    // Who may tag is policy: a viewer may not.
    await expect(requests.update(as.viewer, job, { tags: [a.id] })).rejects.toThrow();
    expect((await tagChoices(as.viewer, town.id)).map((t) => t.id)).toContain(a.id);
  });
});

describe("staff filters", () => {
  it("assignee me / none / a person, tag and department, each scoped by the ability", async () => {
    const dept = town.departments[0]!.id;
    const tag = await createRequestTag(as.admin, town.id, { label: `Filter ${uniq()}` });
    const mine = await request("ROADS", { assigneeId: ids.roads, tags: [tag.id], departmentId: dept });
    const nobodys = await request("ROADS");
    const parksHeld = await request("PARKS", { assigneeId: ids.parks });
    const here = [mine, nobodys, parksHeld];
    const list = async (v: Viewer, q: Record<string, string>) =>
      (await requests.list(v, { municipalityId: town.id, pageSize: 100, ...q })).rows
        .map((r) => r.id)
        .filter((id) => here.includes(id));
    expect(await list(as.roads, { assignee: "me" })).toEqual([mine]);
    expect(await list(as.parks, { assignee: "me" })).toEqual([parksHeld]);
    expect(await list(as.manager, { assignee: ids.roads })).toEqual([mine]);
    const none = await list(as.manager, { assignee: "none" });
    expect(none).toContain(nobodys);
    expect(none).not.toContain(mine);
    expect(await list(as.manager, { tag: tag.id })).toEqual([mine]);
    expect(await list(as.manager, { department: dept })).toContain(mine);
    expect(await list(as.manager, { department: dept })).not.toContain(nobodys);
    // The roads operator does not see the parks request, whoever holds it.
    expect(await list(as.roads, { assignee: ids.parks })).toEqual([]);
    await expect(requests.list(as.manager, { assignee: "some one" })).rejects.toBeInstanceOf(ValidationError);
  });

  it("a limited view that withholds the assignee cannot filter by it", async () => {
    const held = await request("ROADS", { assigneeId: ids.roads, isPublic: true });
    // The volunteer group reads requests without the assignee (a limited view): the filter matches nothing.
    const readable = await requests.list(as.volunteer, { municipalityId: town.id, pageSize: 100 });
    const row = readable.rows.find((r) => r.id === held);
    if (row) expect("assigneeId" in row).toBe(false);
    const filtered = await requests.list(as.volunteer, { municipalityId: town.id, assignee: ids.roads });
    expect(filtered.rows.map((r) => r.id)).not.toContain(held);
  });
});

describe("bulk changes", () => {
  it("change each row through the policy and report what changed, what already was, what was refused", async () => {
    const a = await request("ROADS");
    const b = await request("ROADS", { status: "IN_PROGRESS" });
    const parks = await request("PARKS");
    const lakeRow = await request("ROADS", {}, lake.id);
    const rows = await bulkUpdateRequests(as.roads, town.id, [a, b, parks, lakeRow], { status: "IN_PROGRESS" });
    expect(rows.map((r) => [r.id, r.outcome])).toEqual([
      [a, "changed"],
      [b, "unchanged"],
      [parks, "refused"],
      [lakeRow, "refused"],
    ]);
    expect(rows[2]!.reference).toBeNull();
    expect(rows[2]!.reason).toMatch(/Not found/);
    expect((await raw.serviceRequest.findUniqueOrThrow({ where: { id: parks } })).status).toBe("SUBMITTED");
    expect((await raw.serviceRequest.findUniqueOrThrow({ where: { id: lakeRow } })).status).toBe("SUBMITTED");
    expect((await raw.serviceRequest.findUniqueOrThrow({ where: { id: a } })).status).toBe("IN_PROGRESS");
  });

  it("assignment in bulk refuses rows the person may not work, and people the viewer may not assign", async () => {
    const roadsJob = await request("ROADS");
    const parksJob = await request("PARKS");
    const rows = await bulkUpdateRequests(as.manager, town.id, [roadsJob, parksJob], { assigneeId: ids.roads });
    expect(rows.map((r) => r.outcome)).toEqual(["changed", "refused"]);
    expect(rows[1]!.reason).toMatch(/may work on this request/);
    // A viewer may change nothing: every row refused, in words.
    const refused = await bulkUpdateRequests(as.viewer, town.id, [roadsJob], { assigneeId: null });
    expect(refused[0]).toMatchObject({ outcome: "refused" });
    expect(refused[0]!.reason).not.toMatch(/assigneeId/);
  });
});

describe("the list's count", () => {
  it("is exact up to 10,000, then capped and said so", async () => {
    const big = await freshMunicipality();
    const manager = await staffViewerOf((await freshPerson(big.id, ["manager"])).email);
    const row = (n: number) => ({
      municipalityId: big.id,
      reference: `B-${n}`,
      category: "ROADS" as const,
      title: "Bulk row",
      description: "Counted, not shown.",
      area: n % 2 ? "East" : "West",
    });
    await raw.serviceRequest.createMany({ data: Array.from({ length: COUNT_CAP + 5 }, (_, n) => row(n)) });
    const all = await requests.list(manager, { municipalityId: big.id, pageSize: 50 });
    expect(all).toMatchObject({ total: COUNT_CAP, capped: true, page: 1 });
    expect(all.pageCount).toBeGreaterThanOrEqual(COUNT_CAP / 50);
    const half = await requests.list(manager, { municipalityId: big.id, area: "East", pageSize: 50 });
    expect(half.total).toBe(Math.floor((COUNT_CAP + 5) / 2));
    expect(half.capped).toBeUndefined();
    expect(half.pageCount).toBe(Math.ceil(half.total / 50));
  }, 180_000); // ten thousand rows written first: slow on a busy machine
});
