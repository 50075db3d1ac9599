// Cross-tenant: a bearer token of Riverton gets "not found" for Lakeside's record ids — reads and
// writes, every record type — while the owner's token still reaches them. Tokens are created
// through lib/auth's createApiToken.
import { expect, test } from "@playwright/test";
import { sql } from "../test/fixtures/db";
import { bearerFor } from "./support/create-api-token";

const TYPES = [
  ["service-requests", "ServiceRequest"],
  ["heritage-sites", "HeritageSite"],
  ["documents", "Document"],
] as const;

async function idsOf(table: string, slug: string): Promise<string[]> {
  return (
    await sql<{ id: string }>(
      `select r.id from "${table}" r join "Municipality" m on m.id = r."municipalityId" where m.slug = $1 order by r.id limit 5`,
      [slug],
    )
  ).map((r) => r.id);
}

test("a Riverton bearer token gets 404 for Lakeside's records; Lakeside's own token reaches them", async ({
  request,
}) => {
  test.setTimeout(120_000);
  const riverton = bearerFor("admin@riverton.test", "riverton", ["municipality_admin"]);
  const lakeside = bearerFor("admin@lakeside.test", "lakeside", ["municipality_admin"]);
  const before = await sql<{ id: string; updatedAt: Date }>(
    `select r.id, r."updatedAt" from "ServiceRequest" r join "Municipality" m on m.id = r."municipalityId" where m.slug = 'lakeside'`,
  );
  for (const [path, table] of TYPES) {
    const victims = await idsOf(table, "lakeside");
    expect(victims.length).toBeGreaterThan(0);
    for (const id of victims) {
      const res = await request.get(`/api/v1/${path}/${id}`, { headers: riverton });
      expect(res.status(), `${path}/${id}`).toBe(404);
      expect(res.headers()["content-type"]).toContain("application/problem+json");
      // A write is refused the same way, and nothing changes.
      const patch = await request.patch(`/api/v1/${path}/${id}`, {
        headers: { ...riverton, "Content-Type": "application/json" },
        data:
          path === "service-requests"
            ? { status: "CLOSED" }
            : path === "heritage-sites"
              ? { name: "hijacked" }
              : { title: "hijacked" },
      });
      expect(patch.status(), `PATCH ${path}/${id}`).toBe(404);
      // The owner still has access.
      expect((await request.get(`/api/v1/${path}/${id}`, { headers: lakeside })).status()).toBe(200);
    }
    // Listing Lakeside's municipality with Riverton's token yields nothing.
    const [lake] = await sql<{ id: string }>(`select id from "Municipality" where slug = 'lakeside'`);
    const list = await request.get(`/api/v1/${path}?municipalityId=${lake!.id}&limit=100`, { headers: riverton });
    expect(list.status()).toBe(200);
    expect(((await list.json()) as { data: unknown[] }).data).toEqual([]);
    // Nor may a Lakeside id serve as a cursor into Riverton's list (its position would leak).
    const cur = await request.get(`/api/v1/${path}?limit=5&cursor=${victims[0]}`, { headers: riverton });
    expect(cur.status()).toBe(400);
  }
  // Nothing of Lakeside's changed (checked on its own rows: other tests may close Riverton's).
  const after = await sql<{ id: string; updatedAt: Date }>(
    `select r.id, r."updatedAt" from "ServiceRequest" r join "Municipality" m on m.id = r."municipalityId" where m.slug = 'lakeside'`,
  );
  expect(after).toEqual(before);
});

test("an operator's token writes only the fields and categories the policy grants", async ({ request }) => {
  const token = {
    ...bearerFor("operator@riverton.test", "riverton", ["operator"]),
    "Content-Type": "application/json",
  };
  const [road] = await sql<{ id: string }>(
    `select r.id from "ServiceRequest" r join "Municipality" m on m.id = r."municipalityId" where m.slug = 'riverton' and category = 'ROADS' limit 1`,
  );
  const [waste] = await sql<{ id: string }>(
    `select r.id from "ServiceRequest" r join "Municipality" m on m.id = r."municipalityId" where m.slug = 'riverton' and category = 'WASTE' limit 1`,
  );
  const ok = await request.patch(`/api/v1/service-requests/${road!.id}`, {
    headers: token,
    data: { status: "TRIAGED" },
  });
  expect(ok.status(), await ok.text()).toBe(200);
  expect(((await ok.json()) as { data: { status: string } }).data.status).toBe("TRIAGED");
  const field = await request.patch(`/api/v1/service-requests/${road!.id}`, {
    headers: token,
    data: { category: "WASTE" },
  });
  expect(field.status()).toBe(403);
  expect(((await field.json()) as { detail: string }).detail).toContain("category");
  expect(
    (
      await request.patch(`/api/v1/service-requests/${waste!.id}`, { headers: token, data: { status: "TRIAGED" } })
    ).status(),
  ).toBe(404);
  const bad = await request.patch(`/api/v1/service-requests/${road!.id}`, {
    headers: { Authorization: token.Authorization, "Content-Type": "text/plain" },
    data: "status=CLOSED",
  });
  expect(bad.status()).toBe(400);
  expect(bad.headers()["content-type"]).toContain("application/problem+json");
});

test("the OpenAPI document describes both APIs", async ({ request }) => {
  const res = await request.get("/api/v1/openapi.json");
  expect(res.status()).toBe(200);
  const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
  expect(doc.openapi).toBe("3.1.0");
  for (const p of [
    "/api/v1/service-requests",
    "/api/v1/heritage-sites/{id}",
    "/api/public/v1/documents",
    "/api/v1/statistics/{municipalityId}",
  ])
    expect(doc.paths).toHaveProperty([p]);
  expect(doc.paths["/api/v1/service-requests/{id}"]).toHaveProperty("patch");
  expect(doc.paths["/api/public/v1/service-requests/{id}"]).not.toHaveProperty("patch");
});
