// View as (lib/auth/view-as.ts), as an administrator uses it: from the person page to the
// workspace as the person, read-only. The lists are exactly the person's own — the same rows and
// fields as their own signed-in page in a second browser — with each hidden field a placeholder
// that names its rule; every change attempted is refused on the server; the banner ends it (by
// keyboard too); the person sees in their account that it happened. The action matrix
// (e2e/security/action-matrix.spec.ts) posts every server action of the build while viewing as.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "./support/auth";
import { sql } from "../test/fixtures/db";
import { accessibilityProblems } from "./ux/support/axe";

async function membershipOf(email: string): Promise<string> {
  const [row] = await sql<{ id: string }>(
    `SELECT m.id FROM "Membership" m JOIN "User" u ON u.id = m."userId" JOIN "Municipality" x ON x.id = m."municipalityId" WHERE u.email = $1 AND x.slug = 'riverton'`,
    [email],
  );
  return row!.id;
}

/** A page of its own, signed in as `email` (a session of its own: no other spec meets the view-as). */
async function signedIn(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto("/signin?next=%2Fw%2Friverton");
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/w\/riverton$/, { timeout: 30_000 });
  return page;
}

/** A list as text: its headers and every row's cells; a hidden field (either way it is shown) as "⟂". */
async function tableOf(page: Page, path: string): Promise<{ headers: string[]; rows: string[][] }> {
  await page.goto(path);
  await page.waitForLoadState("networkidle");
  const table = page.locator("main table").first();
  await expect(table).toBeVisible();
  return table.evaluate((t) => {
    const text = (el: Element) => (el as HTMLElement).innerText.replace(/\s+/g, " ").trim();
    return {
      headers: [...t.querySelectorAll("thead th")].map((th) => text(th).replace(/[▲▼↕]/g, "").trim()),
      rows: [...t.querySelectorAll("tbody tr")].map((tr) =>
        [...tr.querySelectorAll("td")].map((td) =>
          td.querySelector("[data-hidden-field]") || td.textContent?.includes("(not visible to you)") ? "⟂" : text(td),
        ),
      ),
    };
  });
}

async function startViewAs(admin: Page, email: string, name: string) {
  await admin.goto(`/admin/riverton/people/${await membershipOf(email)}`);
  await admin.waitForLoadState("networkidle");
  await admin.getByRole("button", { name: `View as ${name}` }).click();
  await expect(admin).toHaveURL(/\/w\/riverton$/, { timeout: 30_000 });
  await expect(admin.getByRole("region", { name: "View as" })).toContainText(`Viewing as ${name}`);
}

async function endByKeyboard(admin: Page) {
  await admin.goto("/w/riverton");
  await admin.waitForLoadState("networkidle");
  const end = admin.getByRole("button", { name: "End view as" });
  // The banner comes right after the skip link: a few Tabs reach its button.
  for (let i = 0; i < 6 && !(await end.evaluate((b) => b === document.activeElement)); i++)
    await admin.keyboard.press("Tab");
  await expect(end).toBeFocused();
  await admin.keyboard.press("Enter");
  await expect(admin.getByRole("region", { name: "View as" })).toHaveCount(0, { timeout: 30_000 });
}

test("view as the operator: their request list exactly as they see it, every change refused, ended from the banner, and they see it in their account", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const operator = await signedIn(browser, "operator@riverton.test");
  const own = await tableOf(operator, "/w/riverton/requests");
  expect(own.rows.length).toBeGreaterThan(0);

  const admin = await signedIn(browser, "admin@riverton.test");
  const adminsOwn = await tableOf(admin, "/w/riverton/requests");
  await startViewAs(admin, "operator@riverton.test", "Olga Operator");
  const seen = await tableOf(admin, "/w/riverton/requests");
  expect(seen).toEqual(own);
  // It is the operator's view, not the administrator's (who sees every category).
  expect(adminsOwn.rows.length).toBeGreaterThanOrEqual(seen.rows.length);
  await expect(admin.getByRole("region", { name: "View as" })).toBeVisible();

  // A change through the page's own form is refused on the server, and nothing changes.
  const ref = seen.rows[0]![seen.headers.findIndex((h) => h.startsWith("Reference"))]!;
  expect(ref).toMatch(/^RIV-/);
  const [before] = await sql<{ id: string; status: string; updatedAt: Date }>(
    `SELECT r.id, r.status::text AS status, r."updatedAt" FROM "ServiceRequest" r JOIN "Municipality" m ON m.id = r."municipalityId" WHERE m.slug = 'riverton' AND r.reference = $1`,
    [ref],
  );
  await admin.getByRole("link", { name: ref, exact: true }).click();
  await admin.waitForLoadState("networkidle");
  await expect(admin.getByRole("region", { name: "View as" })).toBeVisible();
  // Internal notes are timeline entries (issue 18): the request page's own timeline form.
  const timeline = admin.getByRole("form", { name: "Add to the timeline" });
  await timeline.getByRole("textbox", { name: "Text" }).fill(`changed while viewing as ${Date.now()}`);
  await timeline.getByRole("button", { name: "Save to the timeline" }).click();
  await expect(admin.getByText("You are viewing as someone else").first()).toBeVisible();
  const [notes] = await sql<{ n: number }>(
    `SELECT count(*)::int AS n FROM "RequestEvent" WHERE "requestId" = $1 AND body LIKE 'changed while viewing as %'`,
    [before!.id],
  );
  expect(notes!.n).toBe(0);
  const [after] = await sql<{ status: string; updatedAt: Date }>(
    `SELECT status::text AS status, "updatedAt" FROM "ServiceRequest" WHERE id = $1`,
    [before!.id],
  );
  expect(after!.updatedAt.getTime()).toBe(before!.updatedAt.getTime());

  // Their account stays theirs: the account page says so instead of showing it.
  await admin.goto("/account");
  await expect(admin.getByRole("heading", { name: "Account pages are not part of “view as”" })).toBeVisible();

  await endByKeyboard(admin);
  expect(await tableOf(admin, "/w/riverton/requests")).toEqual(adminsOwn);

  // The operator's own history names who looked, and for how long.
  await operator.goto("/account");
  const history = operator.getByRole("region", { name: "Who looked at your access" });
  await expect(history).toContainText("Ada");
  await expect(history.getByRole("row").nth(1)).toContainText("ended by them");
  await operator.context().close();
  await admin.context().close();
});

test("view as the volunteer: the heritage list as they see it, each hidden field a placeholder naming the rule that hides it", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const volunteer = await signedIn(browser, "volunteer@riverton.test");
  const own = await tableOf(volunteer, "/w/riverton/heritage");
  const admin = await signedIn(browser, "admin@riverton.test");
  await startViewAs(admin, "volunteer@riverton.test", "Val Volunteer");
  const seen = await tableOf(admin, "/w/riverton/heritage");
  expect(seen).toEqual(own);
  // Archaeological zones hide the exact location from volunteers: a placeholder with its rule.
  const placeholders = admin.locator("main table [data-hidden-field]");
  expect(await placeholders.count()).toBeGreaterThan(0);
  await placeholders.first().locator("summary").click();
  await expect(placeholders.first()).toContainText(/shown to them only by Volunteer rule \d/);
  // Owner and review notes: no column at all for them, listed with the rule.
  const note = admin.getByRole("region", { name: "Hidden from Val Volunteer here" });
  await expect(note.locator("[data-hidden-column=ownerName]")).toContainText(/Owner: .+/);
  expect(await accessibilityProblems(admin, "heritage list viewed as the volunteer")).toEqual([]);
  await admin.screenshot({ path: "test-results/view-as-heritage-1280.png", fullPage: true });
  await admin.setViewportSize({ width: 390, height: 844 });
  await admin.screenshot({ path: "test-results/view-as-heritage-390.png", fullPage: true });
  await admin.setViewportSize({ width: 1280, height: 900 });
  await endByKeyboard(admin);
  await volunteer.context().close();
  await admin.context().close();
});
