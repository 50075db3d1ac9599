// Clips end to end (issue 21's "done when"): Riverton's analyst writes a query in the editor, runs
// it, pages the result on the server, saves it as a clip, opens the clip's latest result and
// downloads it as CSV; PostgreSQL's refusal is shown beside the SQL; a result over the row cap is
// cut with a notice; personal fields of a request never appear in what clips return, on the page
// or in the CSV; a viewer without the clips group gets "not found"; a municipality whose clips role
// cannot read the schema shows the "unavailable" page. The rules of the clips role themselves:
// lib/clips/run.test.ts; of the flows: lib/flows/clips.test.ts.
import { expect, test, type Page } from "@playwright/test";
import { sql } from "../test/fixtures/db";
import { freshMunicipality } from "../test/fixtures/municipalities";
import { freshSignInPerson } from "../test/fixtures/people";
import { uniq } from "../test/fixtures/unique";
import { signInTo } from "./support/auth";
import { confirmInDialog } from "./support/confirm";

test.describe.configure({ mode: "serial" });

const tag = uniq();
const ANALYST = "analyst@riverton.test";
/** Markers in a Riverton request's personal and free-text fields: none may reach a clips result. */
const PERSONAL = {
  reporterName: `Reporter ${tag}zqname`,
  reporterEmail: `reporter-${tag}-zqmail@example.test`,
  reporterPhone: `+31 6 ${tag}`,
  address: `Leakstraat ${tag} zqaddr`,
  internalNotes: `Internal ${tag} zqnote`,
  description: `Description ${tag} zqdesc`,
  title: `Title ${tag} zqtitle`,
};
const reference = `CLP-${tag}`;
let requestId = "";

test.beforeAll(async () => {
  // A copy of a Riverton request with our markers in every personal and free-text field.
  requestId = `clips-leak-${tag}`;
  await sql(
    `INSERT INTO "ServiceRequest"
     SELECT (jsonb_populate_record(NULL::"ServiceRequest", to_jsonb(r) || $1::jsonb)).*
     FROM "ServiceRequest" r JOIN "Municipality" m ON m.id = r."municipalityId"
     WHERE m.slug = 'riverton' ORDER BY r."createdAt" LIMIT 1`,
    [JSON.stringify({ id: requestId, reference, ...PERSONAL })],
  );
});

/** The editor's SQL: CodeMirror once hydrated (its content is filled like a text box). */
async function writeSql(page: Page, text: string) {
  const editor = page.locator(".cm-content");
  await expect(editor).toBeVisible();
  await editor.fill(text);
}

async function run(page: Page) {
  await page.getByRole("button", { name: "Run", exact: true }).click();
}

test("an analyst writes a query, runs it, pages the result, saves it, opens its latest result and downloads CSV", async ({
  page,
}) => {
  await signInTo(page, ANALYST, "/w/riverton/clips");
  await expect(
    page.getByRole("navigation", { name: "Riverton workspace" }).getByRole("link", { name: "Clips" }),
  ).toHaveAttribute("aria-current", "page");
  // The schema beside the editor: views with their columns and types, generated from the policies.
  const schema = page.getByRole("region", { name: "Schema" });
  await schema.getByText("service_requests", { exact: true }).first().click();
  await expect(schema.getByRole("table", { name: "Columns of service_requests" })).toContainText("created_at");
  await expect(schema.getByRole("table", { name: "Columns of service_requests" })).not.toContainText("reporter_email");

  // PostgreSQL's refusal is shown beside the SQL, which stays as typed.
  await writeSql(page, "SELECT reporter_email FROM service_requests");
  await run(page);
  await expect(page.getByText(/column "reporter_email" does not exist/).first()).toBeVisible();
  await expect(page.locator(".cm-content")).toHaveText("SELECT reporter_email FROM service_requests");

  // A query of 60 rows: the result pages on the server, 25 rows a page.
  const query = "SELECT n, n * 2 AS twice FROM generate_series(1, 60) AS n ORDER BY n";
  await writeSql(page, query);
  await run(page);
  await expect(page).toHaveURL(/\/w\/riverton\/clips\?run=[^&#]+/);
  const result = page.locator("#result");
  await expect(result.getByRole("heading", { name: "Result" })).toBeVisible();
  await expect(result.getByText("60 rows", { exact: true })).toBeVisible();
  const table = result.getByRole("table", { name: /Query result/ });
  await expect(table.locator("tbody tr")).toHaveCount(25);
  await expect(table.locator("thead")).toContainText("twice");
  await result.getByRole("navigation", { name: "Result pages" }).getByRole("link", { name: "Page 3" }).click();
  await expect(page).toHaveURL(/page=3/);
  await expect(table.locator("tbody tr")).toHaveCount(10);
  await expect(table.locator("tbody tr").first()).toContainText("51");
  // The editor holds the run's SQL after the page changed.
  await expect(page.locator(".cm-content")).toHaveText(query);

  // Saved as a clip: its own page, with the author.
  const name = `Doubles ${tag}`;
  await page.getByRole("textbox", { name: "Name", exact: true }).fill(name);
  await page.getByLabel("Description (optional)").fill("Every number up to sixty, and twice it.");
  await page.getByRole("button", { name: "Save clip" }).click();
  await expect(page).toHaveURL(/\/w\/riverton\/clips\/[^/?]+$/);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByText(/^By .* · created/)).toBeVisible();
  const clipUrl = new URL(page.url()).pathname;
  // Run from the clip's page: its latest result.
  await run(page);
  await expect(page.locator("#result").getByRole("heading", { name: "Latest result" })).toBeVisible();

  // The saved clips list links to the latest result, which opens the clip's page on that run.
  await page.goto(`/w/riverton/clips?q=${encodeURIComponent(name)}`);
  const saved = page.locator("#saved");
  await expect(saved.getByRole("link", { name })).toBeVisible();
  await saved.getByRole("link", { name: /Latest result/ }).click();
  await expect(page).toHaveURL(new RegExp(`${clipUrl}\\?run=`));
  await expect(page.locator("#result").getByText("60 rows", { exact: true })).toBeVisible();

  // CSV of the whole result: a header and 60 rows.
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download CSV" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^riverton-clip-run-.*\.csv$/);
  const csv = await (await import("node:fs/promises")).readFile((await file.path())!, "utf8");
  const lines = csv.trim().split(/\r?\n/);
  expect(lines[0]).toBe("n,twice");
  expect(lines).toHaveLength(61);
  expect(lines[60]).toBe("60,120");

  // Archived: asked first, then gone from the list; its page says so.
  await page.goto(clipUrl);
  await page.getByRole("button", { name: "Archive clip" }).click();
  await confirmInDialog(page, "Archive clip");
  await expect(page.getByRole("note").filter({ hasText: "This clip was archived" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Archive clip" })).toHaveCount(0);
  await page.goto(`/w/riverton/clips?q=${encodeURIComponent(name)}`);
  await expect(page.locator("#saved").getByRole("link", { name })).toHaveCount(0);
});

test("a result over the row cap is cut with a notice", async ({ page }) => {
  await signInTo(page, ANALYST, "/w/riverton/clips");
  await writeSql(page, "SELECT n FROM generate_series(1, 1500) AS n");
  await run(page);
  await expect(page.getByRole("note").filter({ hasText: "The result was cut at 1,000 rows" })).toBeVisible();
});

test("personal fields never appear in clips results, on the page or in the CSV", async ({ page }) => {
  await signInTo(page, ANALYST, "/w/riverton/clips");
  await writeSql(page, `SELECT * FROM service_requests WHERE reference = '${reference}'`);
  await run(page);
  const result = page.locator("#result");
  // The request is there (its reference is queryable)…
  await expect(result.getByText("1 row", { exact: true })).toBeVisible();
  await expect(result.getByRole("table", { name: /Query result/ })).toContainText(reference);
  const html = await page.content();
  const csvHref = await result.getByRole("link", { name: "Download CSV" }).getAttribute("href");
  const csv = await (await page.request.get(csvHref!)).text();
  expect(csv).toContain(reference);
  // …and none of its personal or free-text values.
  for (const [field, value] of Object.entries(PERSONAL)) {
    expect(html, `${field} on the page`).not.toContain(value);
    expect(csv, `${field} in the CSV`).not.toContain(value);
  }
  // Only Riverton's requests are there: as many as Riverton has, not every municipality's.
  const [own] = await sql<{ n: string }>(
    `SELECT count(*)::text AS n FROM "ServiceRequest" r JOIN "Municipality" m ON m.id = r."municipalityId" WHERE m.slug = 'riverton'`,
  );
  await writeSql(page, "SELECT count(*) AS requests FROM service_requests");
  await run(page);
  await expect(
    page
      .locator("#result")
      .getByRole("table", { name: /Query result/ })
      .locator("tbody"),
  ).toHaveText(own!.n);
});

test("a viewer without the clips group gets not found, on every clips page", async ({ page }) => {
  const [clip] = await sql<{ id: string }>(
    `SELECT c.id FROM "Clip" c JOIN "Municipality" m ON m.id = c."municipalityId" WHERE m.slug = 'riverton' LIMIT 1`,
  );
  const [runRow] = await sql<{ id: string }>(
    `SELECT r.id FROM "ClipRun" r JOIN "Municipality" m ON m.id = r."municipalityId" WHERE m.slug = 'riverton' LIMIT 1`,
  );
  await signInTo(page, "viewer@riverton.test", "/w/riverton");
  await expect(
    page.getByRole("navigation", { name: "Riverton workspace" }).getByRole("link", { name: "Clips" }),
  ).toHaveCount(0);
  for (const path of [
    "/w/riverton/clips",
    ...(clip ? [`/w/riverton/clips/${clip.id}`, `/w/riverton/clips/${clip.id}/latest`] : []),
  ])
    expect((await page.goto(path))?.status(), path).toBe(404);
  if (runRow) expect((await page.request.get(`/w/riverton/clips/runs/${runRow.id}/result.csv`)).status()).toBe(404);
});

test("without JavaScript the editor is a labelled text box that runs the query", async ({ browser }) => {
  // Signed in with JavaScript; the clips page then without it.
  const signing = await browser.newContext();
  await signInTo(await signing.newPage(), ANALYST, "/w/riverton/clips");
  const context = await browser.newContext({ javaScriptEnabled: false, storageState: await signing.storageState() });
  await signing.close();
  const page = await context.newPage();
  await page.goto("/w/riverton/clips");
  await page.getByRole("textbox", { name: "SQL" }).fill("SELECT 'no script' AS said");
  await run(page);
  await page.getByRole("link", { name: "Show the result" }).click();
  await expect(page.locator("#result").getByRole("table", { name: /Query result/ })).toContainText("no script");
  await context.close();
});

test("clips that cannot read the schema show the unavailable page", async ({ page }) => {
  const town = await freshMunicipality({ requiresApproval: false });
  const email = `clips-analyst-${tag}@example.test`;
  await freshSignInPerson(town.id, ["analyst"], email);
  await signInTo(page, email, `/w/${town.slug}/clips`);
  // The first run creates the municipality's role; then it loses the schema.
  await writeSql(page, "SELECT 1 AS one");
  await run(page);
  await expect(page.locator("#result")).toContainText("1 row");
  const [role] = await sql<{ rolname: string }>(
    `SELECT rolname FROM pg_roles WHERE shobj_description(oid, 'pg_authid') LIKE '%municipality ' || $1`,
    [town.id],
  );
  expect(role, "the clips role of the fresh municipality").toBeTruthy();
  await sql(`REVOKE USAGE ON SCHEMA clips FROM "${role!.rolname}"`);
  await page.goto(`/w/${town.slug}/clips`);
  await expect(page.getByRole("heading", { name: "Clips are not available yet" })).toBeVisible();
  await expect(page.locator(".cm-content")).toHaveCount(0);
});
