// Writes, submissions, statistics and module switches through lib/data, on the real database.
// Everything happens in a municipality this file creates for itself, so the read tests that
// compare whole seeded lists (records.test.ts) are not disturbed when files run in parallel.
import { beforeAll, describe, expect, it } from "vitest";
import { testPrisma } from "@/test/fixtures/db";
import { freshMunicipality } from "@/test/fixtures/municipalities";
import { freshPerson, freshUser } from "@/test/fixtures/people";
import { uniq } from "@/test/fixtures/unique";
import { viewerOfUser } from "@/test/fixtures/viewers";
import { type Prisma } from "@/lib/generated/prisma/client";
import type { ServiceCategory } from "@/lib/generated/prisma/enums";
import { ANONYMOUS, type Principal, type UserPrincipal } from "@/lib/identity/principal";
import { viewerFor } from "@/lib/auth/viewer";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { recordsOf } from "./record-store";
import { getStatistics, statisticsScopeFor } from "./statistics";
import { createPrismaAbility, type AppAbility } from "@/lib/policy/casl";
import { recordAudit } from "@/lib/audit/record";
import { barrier, exactCounts, isConflict, singleWinner, wholeWinner } from "@/lib/flows/race-checks";
import type { Viewer } from "@/lib/identity/viewer";
import { size } from "@/test/fixtures/suite-size";
import { raceRounds } from "@/test/fixtures/races";

const {
  get: getServiceRequest,
  list: listServiceRequests,
  listAfter: listServiceRequestsAfter,
  create: submitServiceRequest,
  update: updateServiceRequest,
} = recordsOf("ServiceRequest");
const {
  archive: archiveDocument,
  create: createDocument,
  get: getDocument,
  list: listDocuments,
} = recordsOf("Document");
const { create: createHeritageSite, list: listHeritageSites } = recordsOf("HeritageSite");

const EDIT_ROUNDS = size(8, 40);

const raw = testPrisma();

let muni: string;
let other: string;
let dept: string;
const ids: Record<string, string> = {};

function staff(
  groups: string[],
  opts: { municipalityId?: string; allowedCategories?: ServiceCategory[]; userId?: string } = {},
): UserPrincipal {
  const userId = opts.userId ?? `test-${groups.join("-")}`;
  return {
    kind: "user",
    userId,
    email: `${userId}@writes.test`,
    name: null,
    platformGroups: [],
    accessVersion: 1,
    via: "session",
    memberships: [
      {
        membershipId: `m-${userId}`,
        municipalityId: opts.municipalityId ?? muni,
        departmentId: dept,
        allowedCategories: opts.allowedCategories ?? [],
        groups,
      },
    ],
  };
}
const SUPERUSER: UserPrincipal = {
  kind: "user",
  userId: "test-su",
  email: "su@writes.test",
  name: null,
  platformGroups: ["superuser"],
  memberships: [],
  accessVersion: 1,
  via: "session",
};
// `staff(...)` and SUPERUSER describe a person; `as` makes that person for real (one per
// description: user, membership in the municipality and department with those groups and
// categories) and builds the viewer as a request would, through lib/auth's loader. Writes confirm
// inside their transaction that the person still exists with the access version the ability was
// built from (lib/data/access-version.ts), so the person must be real. The first description with a
// user id gets exactly that id (tests check who wrote); another description with the same id
// (the same groups elsewhere) is a different person.
const people = new Map<string, Promise<string>>();
const takenIds = new Set<string>();
async function as(p: Principal) {
  if (p.kind !== "user") return viewerFor(p);
  const m = p.memberships[0];
  const key = JSON.stringify({
    id: p.userId,
    platformGroups: p.platformGroups,
    m: m && { ...m, membershipId: undefined },
  });
  let id = people.get(key);
  if (!id) {
    const userId = takenIds.has(p.userId) ? `${p.userId}-${uniq()}` : p.userId;
    takenIds.add(userId);
    const opts = { id: userId, email: `${userId}@writes.test`, name: null, platformGroups: p.platformGroups };
    id = (
      m
        ? freshPerson(m.municipalityId, m.groups, {
            ...opts,
            departmentId: m.departmentId,
            allowedCategories: m.allowedCategories as ServiceCategory[],
          })
        : freshUser(opts)
    ).then((u) => u.id);
    people.set(key, id);
  }
  return viewerOfUser(await id);
}

const request = (
  over: Partial<Prisma.ServiceRequestUncheckedCreateInput> & { category: ServiceCategory },
): Prisma.ServiceRequestUncheckedCreateInput => ({
  municipalityId: muni,
  reference: `W-${uniq()}`,
  title: "Test request",
  description: "A test request for writes.",
  area: "Centre",
  address: "1 Test Street",
  reporterName: "Rita Reporter",
  reporterEmail: "rita@example.org",
  reporterPhone: "+31 6 0000 0000",
  ...over,
});

const insertRequest = async (over: Parameters<typeof request>[0]) =>
  (await raw.serviceRequest.create({ data: request(over) })).id;
const insertDocument = async (doc: Pick<Prisma.DocumentUncheckedCreateInput, "kind" | "visibility" | "title">) =>
  (await raw.document.create({ data: { municipalityId: muni, ...doc, summary: "", body: "" } })).id;

/** What a member of the public submits: the fields of the public form, in this test's municipality. */
const brokenBench = () => ({
  municipalityId: muni,
  category: "PARKS" as const,
  title: "Broken bench",
  description: "The bench by the pond is broken.",
  area: "Centre",
});

beforeAll(async () => {
  const suffix = uniq();
  const m = await freshMunicipality({
    slug: `writes-${suffix}`,
    name: `Writes ${suffix}`,
    departments: [{ slug: "works", name: "Works" }],
  });
  muni = m.id;
  dept = m.departments[0]!.id;
  other = (await raw.municipality.findUniqueOrThrow({ where: { slug: "riverton" } })).id;
  ids.roadsPublic = await insertRequest({ category: "ROADS", isPublic: true });
  ids.wasteHidden = await insertRequest({ category: "WASTE", isPublic: false, departmentId: dept });
  ids.wastePublic = await insertRequest({
    category: "WASTE",
    isPublic: true,
    status: "RESOLVED",
    createdAt: new Date("2026-01-01T00:00:00Z"),
    resolvedAt: new Date("2026-01-05T00:00:00Z"),
  });
  ids.roadsResolved = await insertRequest({
    category: "ROADS",
    isPublic: false,
    status: "CLOSED",
    createdAt: new Date("2026-02-01T00:00:00Z"),
    resolvedAt: new Date("2026-02-11T00:00:00Z"),
  });
  ids.publicDoc = await insertDocument({ kind: "REGULATION", visibility: "PUBLIC", title: "Public regulation" });
  ids.internalDoc = await insertDocument({ kind: "GUIDANCE", visibility: "INTERNAL", title: "Internal guidance" });
});

describe("service request updates", () => {
  it("an operator changes the status of a request in an allowed category; the write is audited", async () => {
    const v = await as(staff(["operator"], { allowedCategories: ["ROADS"], userId: "op-roads" }));
    const dto = await updateServiceRequest(v, ids.roadsPublic!, { status: "IN_PROGRESS" });
    expect(dto.status).toBe("IN_PROGRESS");
    const row = await raw.serviceRequest.findUniqueOrThrow({ where: { id: ids.roadsPublic! } });
    expect(row).toMatchObject({ status: "IN_PROGRESS", updatedById: "op-roads" });
    const audit = await raw.auditEvent.findFirst({
      where: { targetId: ids.roadsPublic!, action: "ServiceRequest.update" },
    });
    expect(audit?.actorId).toBe("op-roads");
  });

  it("a field the operator may not change is refused with ForbiddenError, and nothing is written", async () => {
    const v = await as(staff(["operator"], { allowedCategories: ["ROADS"] }));
    const before = await raw.serviceRequest.findUniqueOrThrow({ where: { id: ids.roadsPublic! } });
    await expect(updateServiceRequest(v, ids.roadsPublic!, { category: "WASTE" })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(updateServiceRequest(v, ids.roadsPublic!, { isPublic: false })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await raw.serviceRequest.findUniqueOrThrow({ where: { id: ids.roadsPublic! } })).toEqual(before);
  });

  it("a record outside reach answers NotFoundError; a readable but not editable one ForbiddenError", async () => {
    const roadsOnly = await as(staff(["operator"], { allowedCategories: ["ROADS"] }));
    await expect(updateServiceRequest(roadsOnly, ids.wasteHidden!, { status: "TRIAGED" })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(getServiceRequest(roadsOnly, ids.wasteHidden!)).rejects.toBeInstanceOf(NotFoundError);
    // Public rows are readable by everyone (limited), so this one exists for them — but is not theirs.
    await expect(updateServiceRequest(roadsOnly, ids.wastePublic!, { status: "TRIAGED" })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    const viewer = await as(staff(["viewer"]));
    await expect(updateServiceRequest(viewer, ids.roadsPublic!, { status: "TRIAGED" })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    const foreignAdmin = await as(staff(["municipality_admin"], { municipalityId: other }));
    await expect(updateServiceRequest(foreignAdmin, ids.wasteHidden!, { status: "TRIAGED" })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(getServiceRequest(foreignAdmin, ids.wasteHidden!)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("a stale version is a ConflictError, not a lost update", async () => {
    const v = await as(staff(["manager"]));
    await expect(
      updateServiceRequest(v, ids.roadsPublic!, { status: "TRIAGED" }, new Date("2000-01-01")),
    ).rejects.toBeInstanceOf(ConflictError);
  });

  // Two managers saving one request from the same version at once, many times. The judges are in
  // lib/flows/race-checks.ts; the next test feeds them a write without the version in its WHERE.
  const EDITS = [
    { status: "TRIAGED", isPublic: true },
    { status: "IN_PROGRESS", isPublic: false },
  ] as const;
  async function raceEdits(
    save: (v: Viewer, id: string, change: (typeof EDITS)[number], version: Date) => Promise<unknown>,
  ) {
    const id = await insertRequest({ category: "ROADS", isPublic: false });
    const { updatedAt } = await raw.serviceRequest.findUniqueOrThrow({ where: { id }, select: { updatedAt: true } });
    const [a, b] = [
      await as(staff(["manager"], { userId: "test-race-a" })),
      await as(staff(["manager"], { userId: "test-race-b" })),
    ];
    const results = await Promise.allSettled([save(a, id, EDITS[0], updatedAt), save(b, id, EDITS[1], updatedAt)]);
    const stored = await raw.serviceRequest.findUniqueOrThrow({
      where: { id },
      select: { status: true, isPublic: true },
    });
    const audits = await raw.auditEvent.count({ where: { targetId: id, action: "ServiceRequest.update" } });
    return [
      ...singleWinner(results, isConflict),
      ...wholeWinner(results, [...EDITS], stored),
      ...exactCounts({ "update audit events": [audits, 1] }),
    ];
  }

  it(`two people saving one request at once from the same version (${EDIT_ROUNDS} rounds): exactly one wins, whole, and the other gets a conflict`, async () => {
    const race = () => raceEdits((v, id, change, version) => updateServiceRequest(v, id, change, version));
    await raceRounds("concurrency-edits", EDIT_ROUNDS, race, {
      racingWrites: EDIT_ROUNDS * 2,
      lostUpdates: 0,
      mixedRows: 0,
    });
  });

  it("the judges catch a lost update: a read-check-write that leaves the version out of its WHERE", async () => {
    // Both read first, then both write: the interleaving that loses an update, made certain.
    const bothRead = barrier(2);
    const naive = async (v: Viewer, id: string, change: (typeof EDITS)[number]) => {
      const seen = await getServiceRequest(v, id);
      await bothRead();
      await raw.$transaction(async (tx) => {
        await tx.serviceRequest.updateMany({ where: { id: String(seen.id) }, data: change });
        await recordAudit(tx, {
          action: "ServiceRequest.update",
          actorType: "user",
          targetType: "ServiceRequest",
          targetId: id,
        });
      });
    };
    const problems = await raceEdits(naive);
    expect(problems).toContain("2 of 2 racing calls succeeded; exactly one must");
    expect(problems).toContain("update audit events: 2, expected 1");
    // And a row holding the winner's status with the loser's visibility is named a mix.
    const oneWon: PromiseSettledResult<unknown>[] = [
      { status: "fulfilled", value: null },
      { status: "rejected", reason: new ConflictError("x") },
    ];
    expect(wholeWinner(oneWon, [...EDITS], { status: "TRIAGED", isPublic: false })).toHaveLength(1);
  });

  it("invalid input is a ValidationError before any authorization question", async () => {
    const v = await as(staff(["manager"]));
    await expect(updateServiceRequest(v, ids.roadsPublic!, { status: "DONE" } as never)).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(updateServiceRequest(v, ids.roadsPublic!, { reporterEmail: "x@y.z" } as never)).rejects.toBeInstanceOf(
      ValidationError,
    );
  });

  it("a manager's assignment by name lets an operator work on it outside her categories, status only", async () => {
    const manager = await as(staff(["manager"]));
    const op = await as(staff(["operator"], { allowedCategories: ["ROADS"], userId: "op-assigned" }));
    const opId = op.principal.kind === "user" ? op.principal.userId : "";
    // Only someone who may work a request is offered (lib/data/assignees.ts): she is assigned while
    // it is a roads request, and keeps it by name when the manager files it under waste.
    await expect(updateServiceRequest(manager, ids.wasteHidden!, { assigneeId: opId })).rejects.toMatchObject({
      fieldErrors: { assigneeId: [expect.any(String)] },
    });
    await updateServiceRequest(manager, ids.wasteHidden!, { category: "ROADS" });
    await updateServiceRequest(manager, ids.wasteHidden!, { assigneeId: opId });
    await updateServiceRequest(manager, ids.wasteHidden!, { category: "WASTE" });
    expect((await getServiceRequest(op, ids.wasteHidden!)).reporterEmail).toBe("rita@example.org");
    expect((await updateServiceRequest(op, ids.wasteHidden!, { status: "IN_PROGRESS" })).status).toBe("IN_PROGRESS");
    await expect(updateServiceRequest(op, ids.wasteHidden!, { assigneeId: null })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    const colleague = await as(staff(["operator"], { allowedCategories: ["ROADS"], userId: "op-other" }));
    await expect(getServiceRequest(colleague, ids.wasteHidden!)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("public submission", () => {
  it("anyone submits a report; the contact details are stored but never read back", async () => {
    const v = await as(ANONYMOUS);
    const dto = await submitServiceRequest(v, { ...brokenBench(), reporterEmail: "anna@example.org" });
    expect(dto.reference).toMatch(/^[A-Z0-9]{3}-\d{5}$/);
    expect(dto).not.toHaveProperty("reporterEmail");
    const row = await raw.serviceRequest.findFirstOrThrow({
      where: { municipalityId: muni, reference: dto.reference! },
    });
    expect(row).toMatchObject({
      reporterEmail: "anna@example.org",
      status: "SUBMITTED",
      isPublic: true,
      category: "PARKS",
    });
  });

  it("a submitter cannot set status, visibility or notes", async () => {
    const v = await as(ANONYMOUS);
    await expect(submitServiceRequest(v, { ...brokenBench(), status: "RESOLVED" } as never)).rejects.toBeInstanceOf(
      ValidationError,
    );
  });
});

describe("documents and heritage sites", () => {
  /** A public regulation titled `title`, in this suite's municipality unless another is named. */
  const regulation = (title: string, municipalityId = muni) =>
    ({ municipalityId, kind: "REGULATION", visibility: "PUBLIC", title }) as const;

  it("a document editor creates and archives documents in her municipality only", async () => {
    const editor = await as(staff(["document_editor"]));
    const doc = await createDocument(editor, regulation("Parking regulation"));
    expect(doc.title).toBe("Parking regulation");
    await expect(createDocument(editor, regulation("Not mine", other))).rejects.toBeInstanceOf(ForbiddenError);
    const anon = await as(ANONYMOUS);
    expect((await getDocument(anon, doc.id)).title).toBe("Parking regulation");
    await archiveDocument(editor, doc.id);
    await expect(getDocument(anon, doc.id)).rejects.toBeInstanceOf(NotFoundError);
    expect((await getDocument(editor, doc.id)).archivedAt).toBeInstanceOf(Date);
  });

  it("a viewer creates nothing", async () => {
    const viewer = await as(staff(["viewer"]));
    await expect(createDocument(viewer, regulation("Nope"))).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      createHeritageSite(viewer, { municipalityId: muni, kind: "HISTORIC_AREA", name: "Old mill", district: "Centre" }),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("a municipality admin adds a heritage site; the public sees an archaeological zone without its location", async () => {
    const admin = await as(staff(["municipality_admin"]));
    const site = await createHeritageSite(admin, {
      municipalityId: muni,
      kind: "ARCHAEOLOGICAL_ZONE",
      name: "Bronze age barrow",
      district: "Heath",
      address: "Parcel 12",
      ownerContact: "owner@example.org",
      latitude: 52.1,
      longitude: 5.1,
    });
    expect(site.ownerContact).toBe("owner@example.org");
    const anonRows = (await listHeritageSites(await as(ANONYMOUS), { municipalityId: muni })).rows;
    expect(anonRows).toHaveLength(1);
    expect(Object.keys(anonRows[0]!).sort()).toEqual([
      "createdAt",
      "designation",
      "district",
      "id",
      "kind",
      "municipalityId",
      "name",
      "period",
      "summary",
      "updatedAt",
    ]);
  });
});

describe("statistics", () => {
  it("internal figures for staff and analysts equal the raw counts; public figures count public requests only", async () => {
    const all = await raw.serviceRequest.findMany({ where: { municipalityId: muni } });
    const analyst = await as(staff(["analyst"]));
    expect(statisticsScopeFor(analyst, muni)).toBe("internal");
    const internal = await getStatistics(analyst, muni, { scope: "internal" });
    expect(internal.total).toBe(all.length);
    const count = (rows: typeof all, key: "category" | "status") =>
      Object.fromEntries(
        [...new Set(rows.map((r) => r[key]))].sort().map((k) => [k, rows.filter((r) => r[key] === k).length]),
      );
    expect(Object.fromEntries(internal.byCategory.map((c) => [c.category, c.count]))).toEqual(count(all, "category"));
    expect(Object.fromEntries(internal.byStatus.map((c) => [c.status, c.count]))).toEqual(count(all, "status"));
    const days = all
      .filter((r) => r.resolvedAt)
      .map((r) => (r.resolvedAt!.getTime() - r.createdAt.getTime()) / 86_400_000)
      .sort((a, b) => a - b);
    const median =
      days.length % 2 ? days[(days.length - 1) / 2]! : (days[days.length / 2 - 1]! + days[days.length / 2]!) / 2;
    expect(internal.medianDaysToResolve).toBeCloseTo(median, 1);

    const anon = await as(ANONYMOUS);
    expect(statisticsScopeFor(anon, muni)).toBe("public");
    const pub = await getStatistics(anon, muni, { scope: "public" });
    expect(pub.total).toBe(all.filter((r) => r.isPublic).length);
    await expect(getStatistics(anon, muni, { scope: "internal" })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("an analyst reads no record rows beyond the public ones", async () => {
    const analyst = await as(staff(["analyst"]));
    // The total, not one page: the race rounds above add public requests (more at full size).
    const { rows, total } = await listServiceRequests(analyst, { municipalityId: muni });
    const pub = await raw.serviceRequest.count({ where: { municipalityId: muni, isPublic: true } });
    expect(total).toBe(pub);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => !("reporterEmail" in r) && !("description" in r))).toBe(true);
  });

  it("another municipality's staff get internal statistics nowhere but at home", async () => {
    const foreign = await as(staff(["analyst"], { municipalityId: other }));
    expect(statisticsScopeFor(foreign, muni)).toBe("public");
    await expect(getStatistics(foreign, muni, { scope: "internal" })).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("no rules, no rows", () => {
  it("an ability without rules reads nothing (never `where: undefined`, which would be every row)", async () => {
    const nobody = { principal: ANONYMOUS, ability: createPrismaAbility<AppAbility>([]) };
    expect((await listServiceRequests(nobody)).total).toBe(0);
    expect((await listHeritageSites(nobody)).total).toBe(0);
    expect((await listDocuments(nobody)).total).toBe(0);
    await expect(getServiceRequest(nobody, ids.roadsPublic!)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("cursor pagination", () => {
  it("only a row of the list itself may be a cursor (no existence oracle for hidden rows)", async () => {
    const anon = await as(ANONYMOUS);
    await expect(
      listServiceRequestsAfter(anon, { municipalityId: muni, cursor: ids.wasteHidden! }),
    ).rejects.toBeInstanceOf(ValidationError);
    const first = await listServiceRequestsAfter(anon, { municipalityId: muni, limit: 1 });
    expect(first.rows).toHaveLength(1);
    const next = await listServiceRequestsAfter(anon, { municipalityId: muni, limit: 1, cursor: first.nextCursor! });
    expect(next.rows[0]?.id).not.toBe(first.rows[0]!.id);
  });
});

// Last: switches modules off in this file's municipality.
describe("module switches", () => {
  it("a module switched off removes its records for everyone there, the public included", async () => {
    await raw.municipality.update({
      where: { id: muni },
      data: { disabledModules: ["service_requests", "statistics"] },
    });
    try {
      for (const p of [ANONYMOUS, SUPERUSER, staff(["municipality_admin"])]) {
        const v = await as(p);
        expect((await listServiceRequests(v, { municipalityId: muni })).total, p.kind).toBe(0);
        await expect(getServiceRequest(v, ids.roadsPublic!)).rejects.toBeInstanceOf(NotFoundError);
        await expect(submitServiceRequest(v, brokenBench())).rejects.toBeInstanceOf(ForbiddenError);
        expect(statisticsScopeFor(v, muni)).toBeNull();
        // Other modules, and other municipalities, are untouched.
        expect((await listDocuments(v, { municipalityId: muni })).total).toBeGreaterThan(0);
        expect((await listServiceRequests(v, { municipalityId: other })).total).toBeGreaterThan(0);
      }
    } finally {
      await raw.municipality.update({ where: { id: muni }, data: { disabledModules: [] } });
    }
    expect((await listServiceRequests(await as(ANONYMOUS), { municipalityId: muni })).total).toBeGreaterThan(0);
  });
});
