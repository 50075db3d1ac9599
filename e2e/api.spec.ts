import { expect, test, type Page } from "@playwright/test";
import { expectSignedIn, signIn } from "./support/auth";
import { sql } from "../test/fixtures/db";
import { bearerFor } from "./support/create-api-token";
import { recordType, type RecordModel } from "../lib/records";
import { confirmInDialog } from "./support/confirm";

async function createToken(page: Page, name: string): Promise<string> {
  await page.goto("/account");
  const form = page.getByRole("form", { name: "Create API token" });
  await form.getByLabel("Token name").fill(name);
  await form.getByRole("button", { name: "Create token" }).click();
  const token = await form.getByLabel("New token").inputValue();
  expect(token).toMatch(/^gh_/);
  return token;
}

test("an API token works, and stops working the moment it is revoked", async ({ page, request }) => {
  await signIn(page, "manager@riverton.test");
  await expectSignedIn(page, "manager@riverton.test");
  const token = await createToken(page, "Nightly export");
  const me = await request.get("/api/v1/me", { headers: { Authorization: `Bearer ${token}` } });
  expect(me.status()).toBe(200);
  expect((await me.json()).data).toMatchObject({ email: "manager@riverton.test", via: "token" });

  const [hash] = await sql<{ tokenHash: string }>(`select "tokenHash" from "ApiToken" where name = 'Nightly export'`);
  expect(hash!.tokenHash).not.toContain(token.slice(3));

  await page.reload();
  await page.getByRole("button", { name: "Revoke Nightly export" }).click();
  await confirmInDialog(page, "Revoke Nightly export");
  await expect(page.getByRole("row", { name: /Nightly export/ })).toContainText("revoked");
  const after = await request.get("/api/v1/me", { headers: { Authorization: `Bearer ${token}` } });
  expect(after.status()).toBe(401);
  expect(after.headers()["content-type"]).toContain("application/problem+json");
  const actions = (
    await sql<{ action: string }>(`select action from "AuditEvent" where "targetType" = 'ApiToken' order by seq`)
  ).map((a) => a.action);
  expect(actions).toEqual(expect.arrayContaining(["token.create", "token.use", "token.revoke"]));
});

test("a bearer token of one municipality gets 404 for another's record ids; the API returns the page's rows", async ({
  page,
  request,
}) => {
  await signIn(page, "operator@riverton.test");
  await expectSignedIn(page, "operator@riverton.test");
  const token = await createToken(page, "Operator script");
  const auth = { Authorization: `Bearer ${token}` };
  const lakeside = await sql<{ id: string }>(
    `select r.id from "ServiceRequest" r join "Municipality" m on m.id = r."municipalityId" where m.slug = 'lakeside' limit 5`,
  );
  for (const r of lakeside)
    expect((await request.get(`/api/v1/service-requests/${r.id}`, { headers: auth })).status()).toBe(404);
  const [doc] = await sql<{ id: string }>(
    `select d.id from "Document" d join "Municipality" m on m.id = d."municipalityId" where m.slug = 'lakeside' and visibility = 'INTERNAL' limit 1`,
  );
  expect((await request.get(`/api/v1/documents/${doc!.id}`, { headers: auth })).status()).toBe(404);

  const [rv] = await sql<{ id: string }>(`select id from "Municipality" where slug = 'riverton'`);
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const res = await request.get(
      `/api/v1/service-requests?municipalityId=${rv!.id}&limit=20${cursor ? `&cursor=${cursor}` : ""}`,
      { headers: auth },
    );
    expect(res.status()).toBe(200);
    const body = (await res.json()) as { data: { id: string; reporterEmail?: string }[]; nextCursor: string | null };
    ids.push(...body.data.map((r) => r.id));
    cursor = body.nextCursor;
  } while (cursor);
  const want = await sql<{ id: string }>(
    `select id from "ServiceRequest" where "municipalityId" = $1 and category in ('ROADS','STREET_LIGHTING')`,
    [rv!.id],
  );
  expect(ids.sort()).toEqual(want.map((w) => w.id).sort());
});

test("the public API shows limited fields only, and bad input gets a clear 400", async ({ request }) => {
  const res = await request.get("/api/public/v1/service-requests?limit=100");
  expect(res.status()).toBe(200);
  const { data } = (await res.json()) as { data: Record<string, unknown>[] };
  expect(data.length).toBeGreaterThan(0);
  for (const r of data) {
    for (const hidden of [
      "reporterName",
      "reporterEmail",
      "reporterPhone",
      "address",
      "latitude",
      "internalNotes",
      "description",
    ])
      expect(r).not.toHaveProperty(hidden);
  }
  const bad = await request.get("/api/public/v1/service-requests?status=EXPLODED&limit=5");
  expect(bad.status()).toBe(400);
  expect((await bad.json()).title).toBe("Invalid request");
  for (const q of ["role=admin", "constructor=1", "isPublic=false", "limit=5&cursor=' OR 1=1 --"]) {
    expect((await request.get(`/api/public/v1/service-requests?${q}`)).status(), q).toBe(400);
  }
  expect((await request.get("/api/v1/service-requests")).status()).toBe(401);
});

test("a write naming an unknown or read-only field is a 400 problem naming each one; an unknown or out-of-reach id is a 404 whatever the body", async ({
  request,
}) => {
  test.setTimeout(120_000);
  const auth = {
    ...bearerFor("admin@riverton.test", "riverton", ["municipality_admin"]),
    "Content-Type": "application/json",
  };
  const one = async (table: string, slug: string) =>
    (
      await sql<{ id: string }>(
        `select r.id from "${table}" r join "Municipality" m on m.id = r."municipalityId" where m.slug = $1 order by r.id limit 1`,
        [slug],
      )
    )[0]!.id;
  const [riverton] = await sql<{ id: string }>(`select id from "Municipality" where slug = 'riverton'`);
  type Problem = { status: number; detail?: string; errors?: Record<string, string[]> };
  // Per record type (its API path from the registry): a valid change, read-only keys, a create body.
  const cases = {
    Document: {
      valid: { title: "A title the API test never writes" },
      readOnly: ["municipalityId", "createdAt"],
      create: { kind: "GUIDANCE", visibility: "INTERNAL", title: "Never created by the API test" },
    },
    ServiceRequest: {
      valid: { status: "TRIAGED" },
      readOnly: ["reference", "reporterEmail"],
      create: {
        category: "ROADS",
        title: "Never created: a pothole",
        description: "Never created by the API test.",
        area: "North",
      },
    },
    HeritageSite: {
      valid: { name: "A name the API test never writes" },
      readOnly: ["kind", "updatedAt"],
      create: { kind: "HISTORIC_AREA", name: "Never created by the API test", district: "North" },
    },
  } as const;
  const before = await sql(
    `select id, "updatedAt" from "Document" union all select id, "updatedAt" from "ServiceRequest" union all select id, "updatedAt" from "HeritageSite" order by id`,
  );
  for (const [table, c] of Object.entries(cases)) {
    const path = recordType(table as RecordModel).paths.api;
    const mine = await one(table, "riverton");
    const theirs = await one(table, "lakeside");
    const patch = async (id: string, data: object) => {
      const res = await request.patch(`/api/v1/${path}/${id}`, { headers: auth, data, failOnStatusCode: false });
      expect(res.headers()["content-type"], `PATCH ${path}`).toContain("application/problem+json");
      return { status: res.status(), body: (await res.json()) as Problem };
    };
    // Unknown and read-only keys, next to a valid one: a 400 whose errors name each key.
    const unknown = await patch(mine, { ...c.valid, zz_nope: 1, colour: "red" });
    expect(unknown.status, JSON.stringify(unknown.body)).toBe(400);
    expect(Object.keys(unknown.body.errors ?? {}).sort(), JSON.stringify(unknown.body)).toEqual(["colour", "zz_nope"]);
    for (const k of ["colour", "zz_nope"]) expect(unknown.body.errors![k]![0], k).toMatch(/\S/);
    expect(unknown.body.detail).toContain("zz_nope");
    const readOnly = await patch(mine, { ...c.valid, ...Object.fromEntries(c.readOnly.map((k) => [k, "x"])) });
    expect(readOnly.status, JSON.stringify(readOnly.body)).toBe(400);
    expect(Object.keys(readOnly.body.errors ?? {}).sort(), JSON.stringify(readOnly.body)).toEqual(
      [...c.readOnly].sort(),
    );
    // An id that names nothing, or another municipality's record: 404, whatever the body says.
    for (const id of ["cnosuchrecord0000000000000", theirs]) {
      for (const data of [c.valid, { zz_nope: 1 }, {}]) {
        const r = await patch(id, data);
        expect(r.status, `PATCH ${path}/${id} ${JSON.stringify(data)}: ${JSON.stringify(r.body)}`).toBe(404);
      }
    }
    // A create with an unknown key names it too.
    const post = await request.post(`/api/v1/${path}`, {
      headers: auth,
      data: { municipalityId: riverton!.id, ...c.create, zz_nope: true },
      failOnStatusCode: false,
    });
    const pb = (await post.json()) as Problem;
    expect(post.status(), JSON.stringify(pb)).toBe(400);
    expect(Object.keys(pb.errors ?? {}), JSON.stringify(pb)).toEqual(["zz_nope"]);
  }
  const after = await sql(
    `select id, "updatedAt" from "Document" union all select id, "updatedAt" from "ServiceRequest" union all select id, "updatedAt" from "HeritageSite" order by id`,
  );
  expect(after, "a refused write changed a record").toEqual(before);
});
