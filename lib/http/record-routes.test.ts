// The public API's route handlers on the seeded database: zod-validated query, problem details,
// limited fields, cursor paging that ends; and the export scope helper for the staff side.
import { describe, expect, it, vi } from "vitest";
import { testPrisma } from "@/test/fixtures/db";
import { staffViewerOf } from "@/test/fixtures/viewers";
import { recordsOf } from "@/lib/data/record-store";
import { listQuerySchema } from "@/lib/records/list";
import { keepExportable, canExportIn } from "@/lib/data/export-scope";
import { errorResponse } from "./api";
import { listHandler } from "./record-routes";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";

// The staff API reads the session through next/headers; the public handler never does.
vi.mock("@/lib/auth/current-session", () => ({ getViewerForRequest: vi.fn() }));

const { list: listServiceRequests, listAfter: listServiceRequestsAfter, def } = recordsOf("ServiceRequest");
const serviceRequestListQuery = listQuerySchema(def);
const raw = testPrisma();
const publicList = listHandler(serviceRequestListQuery, listServiceRequestsAfter, false);

describe("public list handler", () => {
  it("pages through public rows only, without hidden fields", async () => {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await publicList(
        new Request(`http://x/api/public/v1/service-requests?limit=7${cursor ? `&cursor=${cursor}` : ""}`),
      );
      expect(res.status).toBe(200);
      const body = (await res.json()) as { data: Record<string, unknown>[]; nextCursor: string | null };
      for (const r of body.data)
        for (const f of ["reporterEmail", "address", "internalNotes", "latitude"]) expect(r).not.toHaveProperty(f);
      ids.push(...body.data.map((r) => String(r.id)));
      cursor = body.nextCursor;
    } while (cursor);
    const want = await raw.serviceRequest.findMany({ where: { isPublic: true }, select: { id: true } });
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(want.map((w) => w.id).sort());
  });

  it.each(["status=EXPLODED", "limit=0", "limit=101", "page=2", "constructor=1", "cursor=a%20b", "sort=reporterEmail"])(
    "answers %s with a 400 problem",
    async (q) => {
      const res = await publicList(new Request(`http://x/api/public/v1/service-requests?${q}`));
      expect(res.status).toBe(400);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      expect(((await res.json()) as { title: string }).title).toBe("Invalid request");
    },
  );
});

describe("errorResponse", () => {
  it("maps typed errors to problem details and hides anything else", async () => {
    expect((await errorResponse(new NotFoundError()).json()) as object).toMatchObject({
      status: 404,
      title: "Not found",
    });
    expect((await errorResponse(new ForbiddenError("You may not change category.")).json()) as object).toMatchObject({
      status: 403,
      title: "Forbidden",
      detail: "You may not change category.",
    });
    expect((await errorResponse(new ValidationError("bad", { q: ["too long"] })).json()) as object).toMatchObject({
      status: 400,
      errors: { q: ["too long"] },
    });
    const spy = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const res = errorResponse(new Error('relation "User" does not exist'));
    expect(res.status).toBe(500);
    expect(await res.text()).not.toContain("relation");
    spy.mockRestore();
  });
});

describe("export scope", () => {
  const staffOf = staffViewerOf;

  it("lets operators export their rows and viewers nothing", async () => {
    const riverton = await raw.municipality.findUniqueOrThrow({ where: { slug: "riverton" }, select: { id: true } });
    const operator = await staffOf("operator@riverton.test");
    const viewer = await staffOf("viewer@riverton.test");
    expect(canExportIn(operator, "ServiceRequest", riverton.id)).toBe(true);
    expect(canExportIn(viewer, "ServiceRequest", riverton.id)).toBe(false);
    const rows = (await listServiceRequests(viewer, { municipalityId: riverton.id, pageSize: 100 })).rows;
    expect(rows.length).toBeGreaterThan(0);
    expect(await keepExportable(viewer, "ServiceRequest", rows)).toEqual([]);
    const opRows = (await listServiceRequests(operator, { municipalityId: riverton.id, pageSize: 100 })).rows;
    // Her export rule covers her categories (operator.yaml#1); a request merely assigned to her
    // (another file may make one meanwhile) is hers to read and work on, not to export.
    const inCategories = opRows.filter((r) => r.category === "ROADS" || r.category === "STREET_LIGHTING");
    expect(inCategories.length).toBeGreaterThan(0);
    expect(await keepExportable(operator, "ServiceRequest", opRows)).toEqual(inCategories);
  });
});
