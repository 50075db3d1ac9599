// Plain words on every page (issue 17): what a person reads holds no internal id, raw enum constant,
// policy subject or field identifier, or group file name — people by name, departments by name,
// groups, enums, fields and record types by their labels. The words allowed anyway are listed with
// their reason in ./support/plain-text.ts (ALLOWED). The check runs over every page of the tour in
// ./pages.spec.ts; here: its self-tests and people named on a record.
import { expect, test } from "@playwright/test";
import { ALLOWED, checkPlainText, findInternalNames } from "./support/plain-text";
import { staffTheTourRequest, tourStops, Visitors } from "./support/tour";

let requestPath: string;
let restore: () => Promise<void>;
test.beforeAll(async () => {
  const stops = await tourStops();
  requestPath = stops.find((s) => s.route === "/w/[slug]/requests/[id]" && s.path.startsWith("/w/riverton/"))!.path;
  restore = await staffTheTourRequest(stops);
});
test.afterAll(async () => restore());

test("people on a record read by name, as far as the viewer may see them", async ({ browser, baseURL }) => {
  const visitors = new Visitors(browser, baseURL!);
  try {
    const field = (page: Awaited<ReturnType<Visitors["page"]>>, name: string) =>
      page.locator(`[data-field="${name}"] dd`);
    // The administrator sees their colleagues: by name, with the email.
    const admin = await visitors.page("admin@riverton.test", 1280);
    await admin.goto(requestPath);
    await expect(field(admin, "createdById")).toHaveText("Ada Admin (admin@riverton.test)");
    await expect(field(admin, "updatedById")).toHaveText("Max Manager (manager@riverton.test)");
    await expect(field(admin, "assigneeId")).toHaveText("Olga Operator (operator@riverton.test)");
    // The operator may not read memberships: colleagues are "a staff member", they themself are named.
    const operator = await visitors.page("operator@riverton.test", 1280);
    await operator.goto(requestPath);
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
