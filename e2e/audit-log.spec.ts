// The audit log in Chromium (issue 17): an admin chooses filters from lists, reads the events as
// sentences with links, times in Riverton's zone with UTC on hover, exports exactly what is
// filtered, and opens one event with its place in the hash chain and the raw event one click away.
// A filter not on offer is a message beside it (and a 400 for the export), never a 500; an event
// of another municipality is "not found".
import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { signIn, expectSignedIn } from "./support/auth";
import { sql } from "../test/fixtures/db";

/** A CSV file's rows (quoted cells with commas, quotes and line breaks included). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  const endCell = () => {
    row.push(cell);
    cell = "";
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") endCell();
    else if (c === "\r") continue;
    else if (c === "\n") {
      endCell();
      rows.push(row);
      row = [];
    } else cell += c;
  }
  if (cell || row.length) {
    endCell();
    rows.push(row);
  }
  return rows;
}

/** The event numbers of the table on the page, top to bottom. */
async function listedSeqs(page: Page): Promise<string[]> {
  const labels = await page
    .getByRole("link", { name: /^Event \d+: details$/ })
    .evaluateAll((as) => as.map((a) => a.getAttribute("aria-label")!));
  return labels.map((l) => /^Event (\d+)/.exec(l)![1]!);
}

test("an admin filters the log from lists, exports exactly what is filtered, and opens one event", async ({ page }) => {
  await signIn(page, "admin@riverton.test");
  await expectSignedIn(page, "admin@riverton.test");
  await page.goto("/admin/riverton/audit");
  const filters = page.getByRole("search", { name: "Filter audit log" });
  await filters.getByLabel("Action").selectOption({ label: "Signed in" });
  await filters.getByLabel("Person (by or about)").selectOption({ label: "Ada Admin (admin@riverton.test)" });
  await filters.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/action=auth\.login&/);
  await expect(filters.getByLabel("Action")).toHaveValue("auth.login");

  const table = page.getByRole("table", { name: "Audit events" });
  await expect(table.getByRole("cell", { name: /^Ada Admin signed in/ }).first()).toBeVisible();
  // The person is a link to their page; the time is Riverton's (CET/CEST) with UTC on hover.
  await expect(table.getByRole("link", { name: "Ada Admin" }).first()).toHaveAttribute(
    "href",
    /\/admin\/riverton\/people\//,
  );
  const time = table.locator("time").first();
  await expect(time).toHaveAttribute("title", /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/);
  await expect(time).toHaveText(/\d{4}, \d\d:\d\d:\d\d (CET|CEST|GMT\+\d)$/);
  expect(await table.innerText()).not.toMatch(/\bc[a-z0-9]{20,}\b|auth\.login/);

  const exportLink = page.getByRole("link", { name: /^Export these \d+ events \(CSV\)$/ });
  const total = Number(/(\d+)/.exec((await exportLink.textContent())!)![1]);
  const seqs = await listedSeqs(page);
  expect(seqs.length).toBe(Math.min(total, 50));
  const [download] = await Promise.all([page.waitForEvent("download"), exportLink.click()]);
  const rows = parseCsv(readFileSync((await download.path())!, "utf8"));
  expect(rows[0]).toEqual(["Event", "When", "When (UTC)", "Action", "What happened", "Action code"]);
  const data = rows.slice(1);
  expect(data).toHaveLength(total);
  expect(data.slice(0, seqs.length).map((r) => r[0])).toEqual(seqs);
  for (const r of data) {
    expect(r[3]).toBe("Signed in");
    expect(r[4]).toMatch(/^Ada Admin signed in/);
    expect(r[5]).toBe("auth.login");
  }

  // One event: its sentence, its fields, its place in the chain, the raw event one click away.
  await page.getByRole("link", { name: `Event ${seqs[0]}: details` }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/riverton/audit/${seqs[0]}$`));
  await expect(page.getByRole("heading", { level: 1, name: `Audit event ${seqs[0]}` })).toBeVisible();
  await expect(page.getByText(/^Ada Admin signed in/).first()).toBeVisible();
  await expect(page.getByRole("status")).toHaveText(
    "The hash matches the event's content. It follows the previous event's hash.",
  );
  const raw = page.getByLabel("Raw event");
  await expect(raw).toBeHidden();
  await page.getByText("Raw event (JSON)").click();
  await expect(raw).toContainText(`"action": "auth.login"`);
  await expect(raw).toContainText(`"seq": "${seqs[0]}"`);

  // Another municipality's log does not have it; a made-up event is not found either.
  expect((await page.goto(`/admin/lakeside/audit/${seqs[0]}`))!.status()).toBe(404);
  expect((await page.goto(`/admin/riverton/audit/99999999999`))!.status()).toBe(404);
});

test("a filter not on offer is a message beside it and a 400 for the export, never a 500", async ({ page }) => {
  await signIn(page, "admin@riverton.test");
  await expectSignedIn(page, "admin@riverton.test");
  const [lakesider] = await sql<{ id: string }>(`SELECT id FROM "User" WHERE email = 'admin@lakeside.test'`);
  const r = await page.goto(`/admin/riverton/audit?actor=${lakesider!.id}&from=2026-12-05&to=2026-12-01`);
  expect(r!.status()).toBe(200);
  await expect(page.getByRole("alert").filter({ hasText: "Some filters are not valid" })).toContainText(
    "Done by: choose a person from the list.",
  );
  await expect(page.getByText("To: on or after From.").first()).toBeVisible();
  // What was chosen stays in the form.
  await expect(page.getByLabel("From")).toHaveValue("2026-12-05");
  const csv = await page.request.get(`/admin/riverton/audit/export?action=invitation.`);
  expect(csv.status()).toBe(400);
  expect(await csv.text()).toContain("Action: choose one from the list.");
});

test("a Lakeside admin cannot open a Riverton event, and sees their own log in their own names", async ({ page }) => {
  // Ada's latest sign-in: part of Riverton's log (she is Riverton's staff), not Lakeside's.
  const [e] = await sql<{ seq: string }>(
    `SELECT seq::text AS seq FROM "AuditEvent" WHERE "subjectUserId" = (SELECT id FROM "User" WHERE email = 'admin@riverton.test') ORDER BY seq DESC LIMIT 1`,
  );
  await signIn(page, "admin@lakeside.test");
  await expectSignedIn(page, "admin@lakeside.test");
  expect((await page.goto(`/admin/lakeside/audit/${e!.seq}`))!.status()).toBe(404);
  expect((await page.goto(`/admin/riverton/audit/${e!.seq}`))!.status()).toBe(404);
  expect((await page.goto(`/admin/riverton/audit/export`))!.status()).toBe(404);
  await page.goto("/admin/lakeside/audit");
  await expect(page.getByRole("table", { name: "Audit events" })).toBeVisible();
});

test("the audit log and an event fit a phone and a desktop (screenshots in test-results)", async ({ page }) => {
  await signIn(page, "admin@riverton.test");
  await expectSignedIn(page, "admin@riverton.test");
  for (const [width, height] of [
    [390, 844],
    [1280, 900],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.goto("/admin/riverton/audit");
    await page.screenshot({ path: `test-results/audit-screens/log-${width}.png`, fullPage: true });
    const first = (await listedSeqs(page))[0]!;
    await page.goto(`/admin/riverton/audit/${first}`);
    await page.getByText("Raw event (JSON)").click();
    await page.screenshot({ path: `test-results/audit-screens/event-${width}.png`, fullPage: true });
  }
});
