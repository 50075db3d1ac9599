// For each test account: the workspace pages and the JSON API show the same rows and the same
// fields, and those are exactly what the account's groups grant (checked against the database
// for the viewer, the category-restricted operator and the volunteer).
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./support/auth";
import { sql } from "../test/fixtures/db";

type Row = Record<string, unknown> & { id: string };
const LISTS = [
  { page: "requests", api: "service-requests" },
  { page: "heritage", api: "heritage-sites" },
  { page: "documents", api: "documents" },
] as const;
type List = (typeof LISTS)[number];

async function rivertonId(): Promise<string> {
  const [m] = await sql<{ id: string }>(`select id from "Municipality" where slug = 'riverton'`);
  return m!.id;
}

/** Ids of the rows a list page shows, following its "Next" links. */
async function pageIds(page: Page, list: List): Promise<string[]> {
  const res = await page.goto(`/w/riverton/${list.page}`);
  expect(res!.status()).toBe(200);
  const ids: string[] = [];
  for (;;) {
    // Each row's link to its record (a list may put a selection checkbox before it).
    const hrefs = await page
      .locator(`tbody tr a[href*="/${list.page}/"]`)
      .evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
    ids.push(...hrefs.map((h) => h.split("/").at(-1)!));
    const next = page.getByRole("link", { name: "Next page", exact: true });
    if ((await next.count()) === 0) return ids.sort();
    const current = page.url();
    await next.click();
    await page.waitForURL((u) => u.toString() !== current);
  }
}

/** Every row the API gives the signed-in person (session cookie), following nextCursor. */
async function apiRows(page: Page, list: List, municipalityId: string): Promise<Row[]> {
  const rows: Row[] = [];
  let cursor: string | null = null;
  do {
    const res = await page.request.get(
      `/api/v1/${list.api}?municipalityId=${municipalityId}&limit=40${cursor ? `&cursor=${cursor}` : ""}`,
    );
    expect(res.status(), await res.text()).toBe(200);
    const body = (await res.json()) as { data: Row[]; nextCursor: string | null };
    rows.push(...body.data);
    cursor = body.nextCursor;
  } while (cursor);
  return rows;
}

/** The fields the detail page shows for one record. */
async function pageFields(page: Page, list: List, id: string): Promise<string[]> {
  const res = await page.goto(`/w/riverton/${list.page}/${id}`);
  expect(res!.status()).toBe(200);
  return (
    await page.locator("[data-field]").evaluateAll((els) => els.map((e) => e.getAttribute("data-field") ?? ""))
  ).sort();
}

// The retired notes column (emptied by the timeline migration, notes are timeline entries now) is
// still a readable field of the API, but no page shows it.
const shown = (r: Row) =>
  Object.keys(r)
    .filter((k) => k !== "id" && k !== "municipalityId" && k !== "internalNotes")
    .sort();

/** A few rows of different shapes: one per kind / category / visibility value. */
function samples(rows: Row[]): Row[] {
  const seen = new Set<string>();
  return rows
    .filter((r) => {
      const key = `${String(r.kind ?? r.category ?? r.visibility ?? "")}:${shown(r).join(",")}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .slice(0, 6);
}

const ACCOUNTS = [
  "viewer@riverton.test",
  "operator@riverton.test",
  "volunteer@riverton.test",
  "manager@riverton.test",
  "editor@riverton.test",
  "admin@riverton.test",
];

for (const email of ACCOUNTS) {
  test(`${email}: the API returns the same rows and fields as the workspace pages`, async ({ page }) => {
    test.setTimeout(180_000);
    await signIn(page, email, undefined, "/w/riverton");
    await expect(page.getByRole("heading", { name: "Riverton" })).toBeVisible();
    const mid = await rivertonId();
    for (const list of LISTS) {
      const api = await apiRows(page, list, mid);
      expect(await pageIds(page, list), `${list.page} rows`).toEqual(api.map((r) => r.id).sort());
      for (const r of samples(api))
        expect(await pageFields(page, list, r.id), `${list.page} ${r.id} fields`).toEqual(shown(r));
    }
  });
}

test("viewer, category-restricted operator and volunteer each get exactly their rows and fields", async ({ page }) => {
  test.setTimeout(120_000);
  const mid = await rivertonId();
  const allRequests = (await sql<{ id: string }>(`select id from "ServiceRequest" where "municipalityId" = $1`, [mid]))
    .map((r) => r.id)
    .sort();
  const operatorUser = await sql<{ id: string }>(`select id from "User" where email = 'operator@riverton.test'`);
  const operatorRequests = (
    await sql<{ id: string }>(
      `select id from "ServiceRequest" where "municipalityId" = $1 and (category in ('ROADS','STREET_LIGHTING') or "assigneeId" = $2)`,
      [mid, operatorUser[0]!.id],
    )
  )
    .map((r) => r.id)
    .sort();
  const allSites = (await sql<{ id: string }>(`select id from "HeritageSite" where "municipalityId" = $1`, [mid]))
    .map((r) => r.id)
    .sort();
  const publicDocs = (
    await sql<{ id: string }>(
      `select id from "Document" where "municipalityId" = $1 and visibility = 'PUBLIC' and "archivedAt" is null`,
      [mid],
    )
  )
    .map((r) => r.id)
    .sort();
  const req = LISTS[0];
  const her = LISTS[1];
  const doc = LISTS[2];

  await signIn(page, "viewer@riverton.test", undefined, "/w/riverton");
  await expect(page.getByRole("heading", { name: "Riverton" })).toBeVisible();
  expect(await pageIds(page, req)).toEqual(allRequests);
  for (const r of await apiRows(page, req, mid)) {
    expect(r).not.toHaveProperty("reporterEmail");
    expect(r).not.toHaveProperty("reporterPhone");
    expect(r).toHaveProperty("internalNotes");
  }
  await page.context().clearCookies();

  await signIn(page, "operator@riverton.test", undefined, "/w/riverton");
  await expect(page.getByRole("heading", { name: "Riverton" })).toBeVisible();
  expect(await pageIds(page, req)).toEqual(operatorRequests);
  const opRows = await apiRows(page, req, mid);
  expect(opRows.every((r) => "reporterEmail" in r)).toBe(true);
  await page.context().clearCookies();

  await signIn(page, "volunteer@riverton.test", undefined, "/w/riverton");
  await expect(page.getByRole("heading", { name: "Riverton" })).toBeVisible();
  expect(await pageIds(page, req)).toEqual(allRequests);
  expect(await pageIds(page, her)).toEqual(allSites);
  expect(await pageIds(page, doc)).toEqual(publicDocs);
  for (const r of await apiRows(page, req, mid))
    for (const hidden of ["reporterName", "reporterEmail", "reporterPhone", "address", "latitude", "internalNotes"])
      expect(r).not.toHaveProperty(hidden);
  for (const s of await apiRows(page, her, mid)) {
    for (const hidden of ["ownerName", "ownerContact", "reviewNotes"]) expect(s).not.toHaveProperty(hidden);
    // docs/requirements.md#record-views: archaeological zones and inventory resources in their limited view — no location.
    if (s.kind === "ARCHAEOLOGICAL_ZONE" || s.kind === "INVENTORY_RESOURCE")
      for (const hidden of ["address", "latitude", "longitude"]) expect(s).not.toHaveProperty(hidden);
  }
  // The volunteer's sensitive site page holds no owner or exact location in its HTML either.
  const [zone] = await sql<{ id: string; address: string | null; ownerContact: string | null }>(
    `select id, address, "ownerContact" from "HeritageSite" where "municipalityId" = $1 and kind = 'ARCHAEOLOGICAL_ZONE' and address is not null limit 1`,
    [mid],
  );
  if (zone) {
    const html = await (await page.goto(`/w/riverton/heritage/${zone.id}`))!.text();
    expect(html).not.toContain(zone.address!);
    if (zone.ownerContact) expect(html).not.toContain(zone.ownerContact);
  }
  // No export for a volunteer: the policy grants them no export action.
  await page.goto("/w/riverton/requests");
  await expect(page.getByRole("link", { name: "Export CSV" })).toHaveCount(0);
  expect((await page.request.get("/w/riverton/requests/export")).status()).toBe(404);
});

test("an analyst sees internal statistics and no record rows, on pages or through the API", async ({ page }) => {
  const mid = await rivertonId();
  await signIn(page, "analyst@riverton.test", undefined, "/w/riverton");
  await expect(page.getByRole("heading", { name: "Riverton" })).toBeVisible();
  await expect(page.getByRole("link", { name: /Service requests/ })).toHaveCount(0);
  await page.goto("/w/riverton/stats");
  await expect(page.getByRole("heading", { name: "Internal statistics" })).toBeVisible();
  const [count] = await sql<{ n: string }>(`select count(*) as n from "ServiceRequest" where "municipalityId" = $1`, [
    mid,
  ]);
  await expect(page.getByText(`All requests`).locator("..")).toContainText(String(count!.n));
  for (const list of LISTS) {
    expect((await page.goto(`/w/riverton/${list.page}`))!.status()).toBe(404);
    expect(await apiRows(page, list, mid)).toEqual([]);
  }
  const stats = await page.request.get(`/api/v1/statistics/${mid}`);
  expect(stats.status()).toBe(200);
  expect(((await stats.json()) as { data: { total: number } }).data.total).toBe(Number(count!.n));
});

test("CSV export holds the rows and exactly the fields the API gives the same person", async ({ page }) => {
  const mid = await rivertonId();
  await signIn(page, "operator@riverton.test", undefined, "/w/riverton/requests");
  await expect(page.getByRole("heading", { name: "Service requests" })).toBeVisible();
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const file = await (await download).path();
  const { readFile } = await import("node:fs/promises");
  const lines = (await readFile(file, "utf8")).trim().split("\r\n");
  const header = lines[0]!.split(",");
  const api = await apiRows(page, LISTS[0], mid);
  expect(lines.length - 1).toBe(api.length);
  expect([...header].sort()).toEqual([...new Set(api.flatMap((r) => Object.keys(r)))].sort());
  expect(header).toContain("reporterEmail");
});
