// The staff timeline on the real database: every change through lib/data's update path writes its
// entries in the same transaction, a save that changes nothing writes nothing, notes and comments
// are written and read as the policies say (an operator restricted to notes cannot comment, a
// volunteer never reads an internal note, the public only public entries of public requests).
import { beforeAll, describe, expect, it } from "vitest";
import { testPrisma } from "@/test/fixtures/db";
import { freshMunicipality } from "@/test/fixtures/municipalities";
import { freshPerson } from "@/test/fixtures/people";
import { staffViewerOf } from "@/test/fixtures/viewers";
import { uniq } from "@/test/fixtures/unique";
import { anonymousViewer } from "./anonymous-viewer";
import { createPrismaAbility, type AppAbility } from "@/lib/policy/casl";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import type { Viewer } from "@/lib/identity/viewer";
import { recordsOf } from "./record-store";
import { addRequestEntries, requestTimeline, requestTimelineWrites, writableKinds } from "./request-timeline";
import { updateRecord } from "./scoped-records";
import { workOnRequest } from "./request-work";

const raw = testPrisma();
const requests = recordsOf("ServiceRequest");

let muni: string;
let manager: Viewer;
let operator: Viewer;
let volunteer: Viewer;
let viewer: Viewer;
let managerId: string;

async function person(groups: string[], opts: Parameters<typeof freshPerson>[2] = {}) {
  const p = await freshPerson(muni, groups, { email: `${groups[0]}-${uniq()}@timeline.test`, ...opts });
  return { id: p.id, viewer: await staffViewerOf(p.email) };
}

async function newRequest(over: { isPublic?: boolean; category?: "ROADS" | "WASTE" } = {}) {
  const created = await requests.create(manager, {
    municipalityId: muni,
    category: over.category ?? "ROADS",
    title: "Pothole on Main Street",
    description: "A deep pothole near the bakery.",
    area: "Centre",
  });
  if (over.isPublic === false) await requests.update(manager, created.id, { isPublic: false });
  return created.id;
}

const eventsOf = (requestId: string) =>
  raw.requestEvent.findMany({ where: { requestId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
const auditsOf = (targetId: string) => raw.auditEvent.count({ where: { targetId } });

beforeAll(async () => {
  muni = (await freshMunicipality()).id;
  const m = await person(["manager"]);
  manager = m.viewer;
  managerId = m.id;
  operator = (await person(["operator"], { allowedCategories: ["ROADS"] })).viewer;
  volunteer = (await person(["volunteer"])).viewer;
  viewer = (await person(["viewer"])).viewer;
});

describe("entries per change", () => {
  it("a create writes CREATED by its author", async () => {
    const id = await newRequest();
    const events = await eventsOf(id);
    expect(events.map((e) => [e.kind, e.authorId, e.onPublicRequest])).toEqual([["CREATED", managerId, true]]);
  });

  it("status (with its reason), assignee and visibility each write their entry in the change", async () => {
    const id = await newRequest();
    const assignee = await person(["operator"], { allowedCategories: ["ROADS"] });
    await requests.update(manager, id, { status: "TRIAGED" }, undefined, {}, { reason: "Checked on site." });
    await requests.update(manager, id, { assigneeId: assignee.id });
    await requests.update(manager, id, { isPublic: false });
    await requests.update(manager, id, { assigneeId: null });
    const events = await eventsOf(id);
    expect(events.map((e) => e.kind)).toEqual(["CREATED", "STATUS_CHANGED", "ASSIGNED", "ASSIGNED"]);
    const status = events[1]!;
    expect([status.fromStatus, status.toStatus, status.body, status.authorId]).toEqual([
      "SUBMITTED",
      "TRIAGED",
      "Checked on site.",
      managerId,
    ]);
    expect(events[2]!.assigneeId).toBe(assignee.id);
    expect(events[3]!.assigneeId).toBeNull();
    // isPublic went false: every entry of the request follows, in the same transaction.
    expect(events.every((e) => e.onPublicRequest === false)).toBe(true);
  });

  it("tags changes write TAGS_CHANGED with the tags by name", async () => {
    const id = await newRequest();
    const tag = await raw.requestTag.create({ data: { municipalityId: muni, label: `Urgent ${uniq()}` } });
    // The tags field is written through the update path like any other (raw: the tags form is another part).
    await updateRecord(manager, "ServiceRequest", id, { tags: [tag.id] }, { inTx: requestTimelineWrites(manager) });
    const events = await eventsOf(id);
    expect(events.at(-1)).toMatchObject({ kind: "TAGS_CHANGED", body: tag.label });
  });

  it("a note goes with a status change in one save; a failed change writes neither", async () => {
    const id = await newRequest();
    await workOnRequest(manager, id, {
      status: "IN_PROGRESS",
      reason: "Crew booked.",
      entry: { kind: "PUBLIC_COMMENT", body: "We start on Tuesday." },
    });
    expect((await eventsOf(id)).map((e) => e.kind)).toEqual(["CREATED", "STATUS_CHANGED", "PUBLIC_COMMENT"]);
    // A stale version: the change is refused and its comment is not written either.
    await expect(
      workOnRequest(manager, id, {
        status: "RESOLVED",
        entry: { kind: "PUBLIC_COMMENT", body: "Done." },
      }).then(() =>
        workOnRequest(
          manager,
          id,
          { status: "CLOSED", entry: { kind: "PUBLIC_COMMENT", body: "Closing." } },
          { expectedUpdatedAt: new Date(0) },
        ),
      ),
    ).rejects.toThrow(/Someone else changed/);
    expect((await eventsOf(id)).filter((e) => e.body === "Closing.")).toHaveLength(0);
  });

  it("the hook hears every entry inside the transaction", async () => {
    const id = await newRequest();
    const heard: string[] = [];
    await workOnRequest(
      manager,
      id,
      { status: "TRIAGED", entry: { kind: "INTERNAL_NOTE", body: "Call the contractor." } },
      {
        onEntry: async (tx, request, entry) => {
          // The entry is visible in the transaction the hook runs in.
          expect(await tx.requestEvent.count({ where: { id: entry.id } })).toBe(1);
          heard.push(`${request.id === id}:${entry.kind}`);
        },
      },
    );
    expect(heard).toEqual(["true:STATUS_CHANGED", "true:INTERNAL_NOTE"]);
  });
});

describe("a save that changes nothing writes nothing", () => {
  it("the same status again: no update, no audit event, no timeline entry", async () => {
    const id = await newRequest();
    await requests.update(manager, id, { status: "IN_PROGRESS" });
    const before = await raw.serviceRequest.findUniqueOrThrow({ where: { id } });
    const [audits, events] = [await auditsOf(id), (await eventsOf(id)).length];
    const dto = await requests.update(manager, id, { status: "IN_PROGRESS", isPublic: true }, before.updatedAt);
    expect(dto.status).toBe("IN_PROGRESS");
    const after = await raw.serviceRequest.findUniqueOrThrow({ where: { id } });
    expect(after.updatedAt.getTime()).toBe(before.updatedAt.getTime());
    expect(await auditsOf(id)).toBe(audits);
    expect((await eventsOf(id)).length).toBe(events);
  });

  it("only the fields that differ are written and audited", async () => {
    const id = await newRequest();
    await requests.update(manager, id, { status: "TRIAGED", isPublic: true });
    const audit = await raw.auditEvent.findFirstOrThrow({
      where: { targetId: id, action: "ServiceRequest.update" },
      orderBy: { seq: "desc" },
    });
    expect(Object.keys((audit.data as { changed: object }).changed)).toEqual(["status"]);
  });

  it("a reason without a new status, or nothing at all, is refused by name", async () => {
    const id = await newRequest();
    await expect(workOnRequest(manager, id, { status: "SUBMITTED", reason: "Because." })).rejects.toMatchObject({
      fieldErrors: { reason: [expect.any(String)] },
    });
    await expect(workOnRequest(manager, id, {})).rejects.toBeInstanceOf(ValidationError);
    expect((await eventsOf(id)).map((e) => e.kind)).toEqual(["CREATED"]);
  });
});

describe("who writes which kind is policy", () => {
  it("an operator writes notes and comments on a request of their category, not elsewhere", async () => {
    const id = await newRequest({ category: "ROADS" });
    expect(writableKinds(operator, await raw.serviceRequest.findUniqueOrThrow({ where: { id } }))).toEqual([
      "INTERNAL_NOTE",
      "PUBLIC_COMMENT",
    ]);
    await addRequestEntries(operator, id, [{ kind: "INTERNAL_NOTE", body: "Looked at it." }]);
    const other = await newRequest({ category: "WASTE" });
    await expect(
      addRequestEntries(operator, other, [{ kind: "INTERNAL_NOTE", body: "Not mine." }]),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it("an operator whose policy gives internal notes only cannot write a public comment", async () => {
    const id = await newRequest();
    // The operator's own rules, with the RequestEvent create rule narrowed to INTERNAL_NOTE.
    const createsEntries = (r: { action: unknown; subject?: unknown }) =>
      [r.action].flat().includes("create") && [r.subject].flat().includes("RequestEvent");
    const rules = [
      ...operator.ability.rules.filter((r) => !createsEntries(r)),
      {
        action: "create",
        subject: "RequestEvent",
        conditions: { municipalityId: muni, kind: { in: ["INTERNAL_NOTE"] } },
      },
    ];
    const notesOnly: Viewer = { ...operator, ability: createPrismaAbility<AppAbility>(rules as never) };
    expect(writableKinds(notesOnly, await raw.serviceRequest.findUniqueOrThrow({ where: { id } }))).toEqual([
      "INTERNAL_NOTE",
    ]);
    await expect(
      addRequestEntries(notesOnly, id, [{ kind: "PUBLIC_COMMENT", body: "Public words." }]),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      workOnRequest(notesOnly, id, { status: "TRIAGED", entry: { kind: "PUBLIC_COMMENT", body: "Public words." } }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    const [row] = [await raw.serviceRequest.findUniqueOrThrow({ where: { id } })];
    expect(row.status).toBe("SUBMITTED");
    expect((await eventsOf(id)).some((e) => e.body === "Public words.")).toBe(false);
  });

  it("a viewer and a volunteer write nothing", async () => {
    const id = await newRequest();
    for (const v of [viewer, volunteer]) {
      await expect(addRequestEntries(v, id, [{ kind: "INTERNAL_NOTE", body: "Hello." }])).rejects.toBeInstanceOf(
        ForbiddenError,
      );
    }
  });
});

describe("who reads which kind is policy", () => {
  it("a volunteer never reads an internal note; the viewer does; the public reads public entries only", async () => {
    const id = await newRequest();
    const note = { kind: "INTERNAL_NOTE", body: "zqinternalnote" } as const;
    await workOnRequest(manager, id, { status: "TRIAGED", reason: "Seen.", entry: note });
    await addRequestEntries(manager, id, [{ kind: "PUBLIC_COMMENT", body: "zqpubliccomment" }]);
    const kinds = async (v: Viewer) => (await requestTimeline(v, id)).map((e) => e.kind);
    expect(await kinds(viewer)).toEqual(["CREATED", "STATUS_CHANGED", "INTERNAL_NOTE", "PUBLIC_COMMENT"]);
    expect(await kinds(volunteer)).toEqual(["CREATED", "STATUS_CHANGED", "PUBLIC_COMMENT"]);
    const pub = await requestTimeline(await anonymousViewer(), id);
    expect(pub.map((e) => e.kind)).toEqual(["CREATED", "STATUS_CHANGED", "PUBLIC_COMMENT"]);
    // The public's field list: no author, no assignee.
    expect(JSON.stringify(pub)).not.toContain("zqinternalnote");
    for (const e of pub) expect(e).not.toHaveProperty("authorId");
    // A request the public may not read has no public timeline at all.
    await requests.update(manager, id, { isPublic: false });
    await expect(requestTimeline(await anonymousViewer(), id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("a request of another municipality is not found, whatever its id", async () => {
    const id = await newRequest();
    const elsewhere = await freshMunicipality();
    await expect(requestTimeline(manager, id, { municipalityId: elsewhere.id })).rejects.toBeInstanceOf(NotFoundError);
  });
});
