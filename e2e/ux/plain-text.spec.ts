// Plain words on every page (issue 17): over every stop of the tour, what a person reads holds no
// internal id, raw enum constant, policy subject or field identifier, or group file name — people
// by name, departments by name, groups, enums, fields and record types by their labels. The words
// allowed anyway are listed with their reason in ./support/plain-text.ts (ALLOWED).
import { expect, test } from "@playwright/test";
import { ALLOWED, checkPlainText, findInternalNames } from "./support/plain-text";
import { tourStops, Visitors, type Stop } from "./support/tour";
import { sql } from "../../test/fixtures/db";

let stops: Stop[];
/** The tour's service request, worked on by staff for the tour: created, updated and assigned. */
let request: { path: string; id: string; before: Record<string, unknown> };
const userId = async (email: string) =>
  (await sql<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [email]))[0]!.id;

test.beforeAll(async () => {
  stops = await tourStops();
  const path = stops.find((s) => s.route === "/w/[slug]/requests/[id]" && s.path.startsWith("/w/riverton/"))!.path;
  const id = path.split("/").at(-1)!;
  const [before] = await sql(`SELECT "createdById", "updatedById", "assigneeId" FROM "ServiceRequest" WHERE id = $1`, [
    id,
  ]);
  request = { path, id, before: before! };
  await sql(`UPDATE "ServiceRequest" SET "createdById" = $2, "updatedById" = $3, "assigneeId" = $4 WHERE id = $1`, [
    id,
    await userId("admin@riverton.test"),
    await userId("manager@riverton.test"),
    await userId("operator@riverton.test"),
  ]);
});

test.afterAll(async () => {
  const b = request.before;
  await sql(`UPDATE "ServiceRequest" SET "createdById" = $2, "updatedById" = $3, "assigneeId" = $4 WHERE id = $1`, [
    request.id,
    b.createdById,
    b.updatedById,
    b.assigneeId,
  ]);
});

test("people on a record read by name, as far as the viewer may see them", async ({ browser, baseURL }) => {
  const visitors = new Visitors(browser, baseURL!);
  try {
    const field = (page: Awaited<ReturnType<Visitors["page"]>>, name: string) =>
      page.locator(`[data-field="${name}"] dd`);
    // The administrator sees their colleagues: by name, with the email.
    const admin = await visitors.page("admin@riverton.test", 1280);
    await admin.goto(request.path);
    await expect(field(admin, "createdById")).toHaveText("Ada Admin (admin@riverton.test)");
    await expect(field(admin, "updatedById")).toHaveText("Max Manager (manager@riverton.test)");
    await expect(field(admin, "assigneeId")).toHaveText("Olga Operator (operator@riverton.test)");
    // The operator may not read memberships: colleagues are "a staff member", they themself are named.
    const operator = await visitors.page("operator@riverton.test", 1280);
    await operator.goto(request.path);
    await expect(field(operator, "createdById")).toHaveText("a staff member");
    await expect(field(operator, "updatedById")).toHaveText("a staff member");
    await expect(field(operator, "assigneeId")).toHaveText("Olga Operator (operator@riverton.test)");
    for (const p of [admin, operator]) expect(await checkPlainText(p)).toEqual([]);
  } finally {
    await visitors.close();
  }
});

test("the check fails on a page that shows ids and enum constants", async ({ page }) => {
  await page.setContent(`<!doctype html><title>Request cmx4dc9zf0050abcd1234efgh</title>
    <main><h1>Pothole</h1>
      <p>Updated by cmx4dc9zf0050abcd1234efgh</p>
      <p>Department cmx4dc9z…</p>
      <p>Categories: ROADS, STREET_LIGHTING</p>
      <p>Group municipality_admin may update ServiceRequest</p>
      <table><tr><th>createdById</th></tr></table>
      <button aria-label="Set status IN_PROGRESS">Go</button>
      <p hidden>SUSPENDED cmx4dc9zf0050abcd1234wxyz</p>
      <p style="text-transform: uppercase">Active · Submitted</p>
    </main>`);
  const found = await checkPlainText(page);
  const words = found.map((f) => f.split(" ").slice(0, 2).join(" "));
  expect(words).toEqual(
    expect.arrayContaining([
      "id cmx4dc9zf0050abcd1234efgh",
      "id cmx4dc9z…",
      "enum ROADS",
      "enum STREET_LIGHTING",
      "group municipality_admin",
      "subject ServiceRequest",
      "field createdById",
      "enum IN_PROGRESS",
    ]),
  );
  // The title counts; hidden text does not, nor a label that CSS merely shows in capitals.
  expect(found.filter((f) => f.startsWith("id cmx4dc9zf0050abcd1234efgh"))).toHaveLength(2);
  expect(found.join("\n")).not.toMatch(/SUSPENDED|wxyz|ACTIVE|SUBMITTED/);
});

test("the words allowed anyway are the ones a person must read, and only those", () => {
  expect(findInternalNames(["Sign in with OIDC or SAML 2.0; reference RIV-00045; token gh_ab12"])).toEqual([]);
  for (const a of ALLOWED) expect(a.reason.length, a.word).toBeGreaterThan(20);
  // A word allowed on one page only is flagged elsewhere.
  expect(findInternalNames(["Attributes: displayName"], "/admin/riverton/sso/saml")).toEqual([]);
  expect(findInternalNames(["Attributes: displayName"], "/account").map((f) => f.word)).toEqual(["displayName"]);
  // Ordinary words that happen to be field or model names are not flagged; long words are not ids.
  expect(findInternalNames(["Status: Open. Title: Pothole. Document, Department. counterrevolutionaries"])).toEqual([]);
});

test("no page of the tour shows internal ids, enum constants or identifiers", async ({ browser, baseURL }) => {
  test.setTimeout(60_000 + stops.length * 10_000); // the full size opens every page as every account
  const visitors = new Visitors(browser, baseURL!);
  /** What one stop shows that it should not, each line naming the visitor and the page. */
  const findingsAt = async (s: Stop) => {
    const page = await visitors.page(s.account, 1280);
    await page.goto(s.path);
    const found = await checkPlainText(page);
    await page.context().close();
    return found.map((f) => `${s.account ?? "anonymous"} ${s.path}: ${f}`);
  };
  try {
    // Each page its own (soft) assertion: a long full-size run reports every page found so far.
    for (const s of stops) expect.soft(await findingsAt(s)).toEqual([]);
  } finally {
    await visitors.close();
  }
});
