// For every test account (and anonymous), each list and get through lib/data returns exactly the
// rows and fields the policies allow. Expectations are written out by hand from the policy
// intent (docs/requirements.md#record-views's full / limited / denied table), and compared with raw database rows — not
// computed by the policy engine under test.
import { beforeAll, describe, expect, it } from "vitest";
import { testPrisma } from "@/test/fixtures/db";
import { viewerOf } from "@/test/fixtures/viewers";
import { type Document, type HeritageSite, type ServiceRequest } from "@/lib/generated/prisma/client";
import { ANONYMOUS } from "@/lib/identity/principal";
import { viewerFor } from "@/lib/auth/viewer";
import { TEST_ACCOUNTS } from "@/lib/seed/test-users";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { recordsOf } from "./record-store";
import type { Viewer } from "@/lib/identity/viewer";
import { permissionMatrix } from "@/lib/policy/matrix";
import { statisticsScopeFor } from "./statistics";
import { SERVICE_REQUEST_PUBLIC_FIELDS } from "@/test/fixtures/record-fields";

const { get: getServiceRequest, list: listServiceRequests } = recordsOf("ServiceRequest");
const { get: getHeritageSite, list: listHeritageSites } = recordsOf("HeritageSite");
const { get: getDocument, list: listDocuments } = recordsOf("Document");

const raw = testPrisma();

const SR_PUBLIC = SERVICE_REQUEST_PUBLIC_FIELDS;
const SR_VOLUNTEER = [...SR_PUBLIC, "description", "tags"];
const SR_VIEWER = [
  ...SR_VOLUNTEER,
  "departmentId",
  "isPublic",
  "address",
  "latitude",
  "longitude",
  "reporterName",
  "internalNotes",
  "assigneeId",
];
const HS_PUBLIC_LIMITED = [
  "id",
  "municipalityId",
  "kind",
  "name",
  "summary",
  "district",
  "period",
  "designation",
  "createdAt",
  "updatedAt",
];
const HS_PUBLIC_FULL = [...HS_PUBLIC_LIMITED, "address", "latitude", "longitude"];
const DOC_PUBLIC = [
  "id",
  "municipalityId",
  "kind",
  "visibility",
  "title",
  "summary",
  "body",
  "url",
  "createdAt",
  "updatedAt",
];
const ALL = "ALL" as const;
type Fields = string[] | typeof ALL | null; // null: row hidden

type Expect = {
  sr: (r: ServiceRequest, muni: string) => Fields;
  hs: (r: HeritageSite, muni: string) => Fields;
  doc: (r: Document, muni: string) => Fields;
};

const FULL_KINDS = ["HISTORIC_AREA", "CHARACTER_AREA", "MASTER_PLAN_ZONE"];
const publicOnly: Expect = {
  sr: (r) => (r.isPublic ? SR_PUBLIC : null),
  hs: (r) => (!r.isPublic ? null : FULL_KINDS.includes(r.kind) ? HS_PUBLIC_FULL : HS_PUBLIC_LIMITED),
  doc: (r) => (r.visibility === "PUBLIC" && !r.archivedAt ? DOC_PUBLIC : null),
};
const staffOf = (home: string, sr: (r: ServiceRequest) => Fields): Expect => ({
  sr: (r, m) => (m === home ? (sr(r) ?? publicOnly.sr(r, m)) : publicOnly.sr(r, m)),
  hs: (r, m) => (m === home ? ALL : publicOnly.hs(r, m)),
  doc: (r, m) => (m === home ? ALL : publicOnly.doc(r, m)),
});

const EXPECTED: Record<string, Expect> = {
  anonymous: publicOnly,
  // A citizen account with no reports of its own sees what the public sees.
  "citizen@example.test": publicOnly,
  "superuser@gatehouse.test": { sr: () => ALL, hs: () => ALL, doc: () => ALL },
  "platform.admin@gatehouse.test": publicOnly,
  "admin@riverton.test": staffOf("riverton", () => ALL),
  "manager@riverton.test": staffOf("riverton", () => ALL),
  "operator@riverton.test": staffOf("riverton", (r) =>
    ["ROADS", "STREET_LIGHTING"].includes(r.category) ? ALL : null,
  ),
  "viewer@riverton.test": staffOf("riverton", () => SR_VIEWER),
  "editor@riverton.test": staffOf("riverton", () => SR_VIEWER),
  "volunteer@riverton.test": {
    sr: (r, m) => (m === "riverton" ? SR_VOLUNTEER : publicOnly.sr(r, m)),
    hs: (r, m) =>
      m === "riverton"
        ? [...(FULL_KINDS.includes(r.kind) ? HS_PUBLIC_FULL : HS_PUBLIC_LIMITED), "isPublic"]
        : publicOnly.hs(r, m),
    doc: (r, m) => (m === "riverton" ? (r.visibility === "PUBLIC" ? DOC_PUBLIC : null) : publicOnly.doc(r, m)),
  },
  "analyst@riverton.test": publicOnly,
  "admin@lakeside.test": staffOf("lakeside", () => ALL),
  "operator@lakeside.test": staffOf("lakeside", () => ALL),
  "suspended@riverton.test": publicOnly,
  "pending@riverton.test": publicOnly,
  "deactivated@riverton.test": publicOnly,
};

let slugOf: Map<string, string>;
let rows: { sr: ServiceRequest[]; hs: HeritageSite[]; doc: Document[] };
const viewers = new Map<string, Viewer>();

// Only the seeded municipalities: other test files create their own municipalities and records
// in parallel, and each list below is asked per seeded municipality (a caller filter AND-ed with
// the ability, as the app does).
const SEEDED = ["riverton", "lakeside", "hillcrest"];
let seededIds: string[];

beforeAll(async () => {
  const munis = await raw.municipality.findMany({ where: { slug: { in: SEEDED } } });
  expect(munis).toHaveLength(SEEDED.length);
  slugOf = new Map(munis.map((m) => [m.id, m.slug]));
  seededIds = munis.map((m) => m.id);
  const inSeeded = { municipalityId: { in: seededIds } };
  rows = {
    sr: await raw.serviceRequest.findMany({ where: inSeeded }),
    hs: await raw.heritageSite.findMany({ where: inSeeded }),
    doc: await raw.document.findMany({ where: inSeeded }),
  };
  for (const key of Object.keys(EXPECTED)) {
    viewers.set(key, key === "anonymous" ? await viewerFor(ANONYMOUS) : await viewerOf(key));
  }
});

async function all<T>(
  fetch: (municipalityId: string, page: number) => Promise<{ rows: T[]; pageCount: number; total: number }>,
): Promise<T[]> {
  const out: T[] = [];
  for (const municipalityId of seededIds) {
    const before = out.length;
    for (let page = 1; ; page++) {
      const p = await fetch(municipalityId, page);
      out.push(...p.rows);
      if (page >= p.pageCount) {
        expect(out.length - before, "total agrees with the rows returned").toBe(p.total);
        break;
      }
    }
  }
  return out;
}

function expectedMap<R extends { id: string; municipalityId: string }>(list: R[], f: (r: R, muni: string) => Fields) {
  const m = new Map<string, string[]>();
  for (const r of list) {
    const fields = f(r, slugOf.get(r.municipalityId)!);
    if (fields) m.set(r.id, (fields === ALL ? Object.keys(r) : fields).slice().sort());
  }
  return m;
}

function actualMap(list: Record<string, unknown>[]) {
  return new Map(list.map((r) => [String(r.id), Object.keys(r).sort()]));
}

type Page = { rows: Record<string, unknown>[]; pageCount: number; total: number };

/**
 * One record type as `key` sees it: its list (every page of every seeded municipality) holds
 * exactly the `listed` rows with their permitted fields, and each `checked` row reads back with
 * exactly its permitted fields, or answers not found.
 */
async function expectListAndGet<R extends { id: string; municipalityId: string }>(
  key: string,
  t: {
    listed: R[];
    checked: R[];
    fields: (r: R, muni: string) => Fields;
    list: (v: Viewer, q: { municipalityId: string; page: number; pageSize: number }) => Promise<Page>;
    get: (v: Viewer, id: string) => Promise<Record<string, unknown>>;
  },
) {
  const v = viewers.get(key)!;
  const got = actualMap(await all((municipalityId, page) => t.list(v, { municipalityId, page, pageSize: 100 })));
  expect(got).toEqual(expectedMap(t.listed, t.fields));
  const want = expectedMap(t.checked, t.fields);
  for (const r of t.checked) {
    if (want.has(r.id)) expect(Object.keys(await t.get(v, r.id)).sort()).toEqual(want.get(r.id));
    else await expect(t.get(v, r.id)).rejects.toBeInstanceOf(NotFoundError);
  }
}

describe("lib/data returns exactly the rows and fields the policies allow", () => {
  it("covers every test account", () => {
    expect(
      Object.keys(EXPECTED)
        .filter((k) => k !== "anonymous")
        .sort(),
    ).toEqual(TEST_ACCOUNTS.map((a) => a.email).sort());
  });

  for (const key of Object.keys(EXPECTED)) {
    describe(key, () => {
      it("service requests: list and get", () =>
        expectListAndGet(key, {
          listed: rows.sr,
          checked: rows.sr.slice(0, 40),
          fields: EXPECTED[key]!.sr,
          list: listServiceRequests,
          get: getServiceRequest,
        }));

      it("heritage sites: list and get", () =>
        expectListAndGet(key, {
          listed: rows.hs,
          checked: rows.hs,
          fields: EXPECTED[key]!.hs,
          list: listHeritageSites,
          get: getHeritageSite,
        }));

      it("documents: list and get", () =>
        expectListAndGet(key, {
          listed: rows.doc.filter((d) => !d.archivedAt),
          checked: rows.doc,
          fields: EXPECTED[key]!.doc,
          list: listDocuments,
          get: getDocument,
        }));
    });
  }

  it("another municipality's internal record answers not found, while its owner still sees it", async () => {
    const lakesideHidden = rows.sr.find((r) => slugOf.get(r.municipalityId) === "lakeside" && !r.isPublic)!;
    await expect(getServiceRequest(viewers.get("operator@riverton.test")!, lakesideHidden.id)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(getServiceRequest(viewers.get("admin@riverton.test")!, lakesideHidden.id)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    expect((await getServiceRequest(viewers.get("operator@lakeside.test")!, lakesideHidden.id)).reporterEmail).toBe(
      lakesideHidden.reporterEmail,
    );
    const lakesideInternalDoc = rows.doc.find(
      (d) => slugOf.get(d.municipalityId) === "lakeside" && d.visibility === "INTERNAL",
    )!;
    await expect(getDocument(viewers.get("admin@riverton.test")!, lakesideInternalDoc.id)).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it("an unknown or malformed id answers not found", async () => {
    const v = viewers.get("superuser@gatehouse.test")!;
    await expect(getServiceRequest(v, "does-not-exist")).rejects.toBeInstanceOf(NotFoundError);
    await expect(getServiceRequest(v, "")).rejects.toBeInstanceOf(NotFoundError);
    await expect(getServiceRequest(v, "x".repeat(500))).rejects.toBeInstanceOf(NotFoundError);
    await expect(getServiceRequest(v, "abc\u0000def")).rejects.toBeInstanceOf(NotFoundError);
  });

  it("a search or filter holding a NUL byte is bad input, not a database error", async () => {
    const v = viewers.get("superuser@gatehouse.test")!;
    await expect(listServiceRequests(v, { q: "pot\u0000hole" })).rejects.toBeInstanceOf(ValidationError);
    await expect(listServiceRequests(v, { area: "\u0000" })).rejects.toBeInstanceOf(ValidationError);
    await expect(listHeritageSites(v, { q: "\u0000" })).rejects.toBeInstanceOf(ValidationError);
    await expect(listDocuments(v, { q: "\u0000" })).rejects.toBeInstanceOf(ValidationError);
  });
});

// `npm run policy:matrix` must describe what lib/data actually does. For every test account that
// holds exactly one group in one municipality: "denied" means they get exactly what anonymous
// gets there, "full" means some row arrives with every column, a limited-only cell means none does
// (and they still get at least what anonymous gets).
describe("the permission matrix agrees with what lib/data returns", () => {
  const matrix = permissionMatrix();
  const single = TEST_ACCOUNTS.filter(
    (a) =>
      a.isActive !== false &&
      !a.platformGroups?.length &&
      a.membership &&
      (a.membership.status ?? "ACTIVE") === "ACTIVE" &&
      a.membership.groups.length === 1,
  );

  type Lister = (v: Viewer, municipalityId: string) => Promise<Record<string, unknown>[]>;
  const listers: Record<"ServiceRequest" | "HeritageSite" | "Document", Lister> = {
    ServiceRequest: async (v, municipalityId) => (await listServiceRequests(v, { municipalityId, pageSize: 100 })).rows,
    HeritageSite: async (v, municipalityId) => (await listHeritageSites(v, { municipalityId, pageSize: 100 })).rows,
    Document: async (v, municipalityId) => (await listDocuments(v, { municipalityId, pageSize: 100 })).rows,
  };
  const columns = {
    ServiceRequest: () => Object.keys(rows.sr[0]!),
    HeritageSite: () => Object.keys(rows.hs[0]!),
    Document: () => Object.keys(rows.doc[0]!),
  };

  for (const a of single) {
    const group = a.membership!.groups[0]!;
    it(`${a.email} (${group})`, async () => {
      const home = [...slugOf.entries()].find(([, slug]) => slug === a.membership!.municipality)![0];
      const v = viewers.get(a.email)!;
      const anon = viewers.get("anonymous")!;
      for (const s of ["ServiceRequest", "HeritageSite", "Document"] as const) {
        const cell = matrix.cells[group]![s];
        const got = actualMap(await listers[s](v, home));
        const anonGot = actualMap(await listers[s](anon, home));
        const fullRow = [...got.values()].some((f) => f.length === columns[s]().length);
        if (cell.denied) expect(got, `${s}: denied means the public view only`).toEqual(anonGot);
        // A view of one's own adds to the public's (it may equal it, e.g. volunteers' documents).
        else
          for (const [id, f] of anonGot)
            expect(got.get(id), `${s} ${id}: at least the public view`).toEqual(expect.arrayContaining(f));
        expect(fullRow, `${s}: full view`).toBe(cell.full);
      }
      expect(statisticsScopeFor(v, home) === "internal", "Statistics").toBe(!matrix.cells[group]!.Statistics.denied);
    });
  }
});
