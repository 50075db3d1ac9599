// The public portal's record pages: limited views only (area or district, never a location),
// public rows only, internal documents "not found".
import { expect, test } from "@playwright/test";
import { sql } from "../test/fixtures/db";

async function riverton(): Promise<string> {
  const [m] = await sql<{ id: string }>(`select id from "Municipality" where slug = 'riverton'`);
  return m!.id;
}

test("reported problems: public rows only, by area, sortable, without any reporter or address", async ({ page }) => {
  const mid = await riverton();
  const [pub] = await sql<{ n: string }>(
    `select count(*) as n from "ServiceRequest" where "municipalityId" = $1 and "isPublic"`,
    [mid],
  );
  // Internal notes are timeline entries (INTERNAL_NOTE): each request's notes, one line.
  const secrets = await sql<{ address: string | null; reporterEmail: string | null; notes: string[] }>(
    `select address, "reporterEmail",
            array(select e.body from "RequestEvent" e where e."requestId" = r.id and e.kind = 'INTERNAL_NOTE') as notes
       from "ServiceRequest" r where "municipalityId" = $1`,
    [mid],
  );
  const res = await page.goto("/m/riverton/requests?sort=title&dir=asc");
  expect(res!.status()).toBe(200);
  await expect(page.getByRole("navigation", { name: "Pages" })).toContainText(`${pub!.n} reports`);
  // Sorted in the database: the first row is the database's first title.
  const [first] = await sql<{ title: string }>(
    `select title from "ServiceRequest" where "municipalityId" = $1 and "isPublic" order by title asc, id asc limit 1`,
    [mid],
  );
  await expect(page.locator("tbody tr").first().locator("td").nth(1)).toHaveText(first!.title);
  await expect(page.getByRole("columnheader", { name: /Problem/ })).toHaveAttribute("aria-sort", "ascending");
  const html = await res!.text();
  for (const s of secrets)
    for (const v of [s.address, s.reporterEmail, ...s.notes]) if (v) expect(html).not.toContain(v);
  for (const h of ["Address", "Reporter", "Internal notes"])
    await expect(page.getByRole("columnheader", { name: h, exact: true })).toHaveCount(0);
  expect((await page.goto("/m/riverton/requests?status=EXPLODED"))!.status()).toBe(200);
  await expect(page.getByText("These filters are not valid.")).toBeVisible();
});

test("heritage: districts, never an exact location, not even of historic areas", async ({ page }) => {
  const mid = await riverton();
  const sites = await sql<{
    name: string;
    summary: string;
    address: string | null;
    ownerContact: string | null;
    isPublic: boolean;
  }>(`select name, summary, address, "ownerContact", "isPublic" from "HeritageSite" where "municipalityId" = $1`, [
    mid,
  ]);
  const html = await (await page.goto("/m/riverton/heritage"))!.text();
  for (const s of sites) {
    // (A building named after its street address gives that much away by its name; nothing more.)
    if (s.address && !s.name.includes(s.address) && !s.summary.includes(s.address))
      expect(html).not.toContain(s.address);
    if (s.ownerContact) expect(html).not.toContain(s.ownerContact);
    if (!s.isPublic) expect(html).not.toContain(s.name);
  }
  expect(sites.some((s) => s.isPublic && html.includes(s.name))).toBe(true);
});

test("documents: public ones readable, internal ones not found", async ({ page }) => {
  const mid = await riverton();
  const [pub] = await sql<{ id: string; title: string }>(
    `select id, title from "Document" where "municipalityId" = $1 and visibility = 'PUBLIC' and "archivedAt" is null limit 1`,
    [mid],
  );
  const [internal] = await sql<{ id: string; title: string }>(
    `select id, title from "Document" where "municipalityId" = $1 and visibility = 'INTERNAL' limit 1`,
    [mid],
  );
  await page.goto("/m/riverton/documents");
  await page.getByRole("link", { name: pub!.title }).click();
  await expect(page.getByRole("heading", { level: 1, name: pub!.title })).toBeVisible();
  const res = await page.goto(`/m/riverton/documents/${internal!.id}`);
  expect(res!.status()).toBe(404);
  expect(await res!.text()).not.toContain(internal!.title);
  expect((await page.goto(`/m/lakeside/documents/${pub!.id}`))!.status()).toBe(404);
});

test("public statistics count public reports only, as figures and charts", async ({ page }) => {
  const mid = await riverton();
  const [pub] = await sql<{ n: string }>(
    `select count(*) as n from "ServiceRequest" where "municipalityId" = $1 and "isPublic"`,
    [mid],
  );
  await page.goto("/m/riverton/stats");
  await expect(page.getByRole("heading", { name: "Public reports in numbers" })).toBeVisible();
  await expect(page.getByText("All public reports").locator("..")).toContainText(String(pub!.n));
  await expect(page.getByRole("figure").first()).toBeVisible();
  const api = await page.request.get(`/api/public/v1/statistics/${mid}`);
  expect(((await api.json()) as { data: { total: number } }).data.total).toBe(Number(pub!.n));
});
