// Lists as a clerk uses them: a CSV of invitations previewed row by row, sent, and its report
// still there after a reload (real SMTP); the numbered pager with its page size; bulk approve and
// reject on the approval queue, each asking first and reporting per person.
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./support/auth";
import { previewCsv } from "./support/admin";
import { sql } from "../test/fixtures/db";
import { freshPerson } from "../test/fixtures/people";
import { waitForMail } from "../test/fixtures/smtp";

async function riverton(): Promise<string> {
  const [m] = await sql<{ id: string }>(`select id from "Municipality" where slug = 'riverton'`);
  return m!.id;
}

test("bulk invitations: template, a preview of every row, then exactly the previewed rows are sent and the report stays", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signIn(page, "admin@riverton.test", undefined, "/admin/riverton/invitations");
  await expect(page.getByRole("link", { name: "Download the CSV template" })).toBeVisible();
  const template = await page.request.get("/admin/riverton/invitations/template");
  expect(template.status()).toBe(200);
  expect(template.headers()["content-type"]).toContain("text/csv");
  const text = await template.text();
  expect(text.split("\r\n")[0]).toBe("email,groups,department,categories");
  expect(text).toContain("# Groups you may grant: ");

  const s = Date.now();
  const [one, two] = [`bulk.one.${s}@riverton.test`, `bulk.two.${s}@riverton.test`];
  const csv = [
    text.trimEnd(), // the template's own lines: the header and comments, ignored on upload
    `${one},operator,,ROADS`,
    `not-an-email,viewer,,`,
    `${two},Viewer,,`,
    `bulk.bad.${s}@riverton.test,superuser,,`,
    `${one.toUpperCase()},viewer,,`,
  ].join("\n");
  const send = await previewCsv(page, csv);
  await expect(send.getByRole("status")).toHaveText(
    "Preview: 2 of 5 rows can be invited, 3 refused. Nothing has been sent yet.",
  );
  const preview = send.getByRole("table", { name: "Preview: what will happen per row" });
  await expect(preview.getByRole("row", { name: new RegExp(one) }).first()).toContainText("Will be invited");
  await expect(preview.getByRole("row", { name: new RegExp(one) }).first()).toContainText(
    "As Operator; categories Roads.",
  );
  await expect(preview.getByRole("row", { name: /not-an-email/ })).toContainText("Enter a valid email address.");
  await expect(preview.getByRole("row", { name: /bulk\.bad/ })).toContainText('There is no group called "superuser".');
  await expect(preview.getByRole("row", { name: new RegExp(one) }).last()).toContainText("Same address as line");
  // Nothing has gone out yet.
  const queued = () =>
    sql<{ n: number }>(`select count(*)::int n from "OutboxMessage" where "to" in ($1, $2)`, [one, two]);
  expect((await queued())[0]!.n).toBe(0);

  await send.getByRole("button", { name: "Send 2 invitations" }).click();
  await expect(page.getByRole("status").filter({ hasText: "2 invited, 3 refused." })).toBeVisible();
  await expect(page.getByRole("table", { name: "Report: what happened per row" })).toContainText(two);
  await waitForMail(one, /\/invite\//);
  await waitForMail(two, /\/invite\//);
  expect((await queued())[0]!.n).toBe(2);

  await page.reload();
  const past = page.getByRole("group").filter({ hasText: "2 invited, 3 refused" }).first();
  await expect(past.getByRole("table")).toContainText(`bulk.bad.${s}@riverton.test`);
  await expect(
    page.getByRole("table", { name: "Pending invitations" }).getByRole("cell", { name: one, exact: true }),
  ).toBeVisible();
});

test("the outbox says whether mail is being sent", async ({ page }) => {
  await signIn(page, "admin@riverton.test", undefined, "/admin/riverton/outbox");
  // The suite's server has an SMTP server, so no warning; its states are labelled badges.
  await expect(page.getByRole("heading", { name: "No mail server (SMTP) is configured" })).toHaveCount(0);
  await expect(page.locator("main li").first()).toContainText(/Sent|Waiting to be sent|Failed/);
});

async function pagerOf(page: Page) {
  return page.getByRole("navigation", { name: "Pages" });
}

test("the pager: numbered pages, first/previous/next/last, the current page marked, a page size kept in the URL", async ({
  page,
}) => {
  await signIn(page, "manager@riverton.test", undefined, "/w/riverton/requests?pageSize=10");
  const nav = await pagerOf(page);
  const status = nav.getByText(/^Page \d+ of \d+ · \d+ requests$/);
  await expect(status).toHaveText(/^Page 1 of (\d+)/);
  const pages = Number((await status.textContent())!.match(/of (\d+)/)![1]);
  expect(pages).toBeGreaterThan(1);
  await expect(page.locator("tbody tr")).toHaveCount(10);
  await expect(nav.getByRole("link", { name: "Page 1", exact: true })).toHaveAttribute("aria-current", "page");
  await expect(nav.getByRole("link", { name: "Previous page" })).toHaveCount(0);

  await nav.getByRole("link", { name: "Page 2", exact: true }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(page).toHaveURL(/pageSize=10/);
  await expect(nav.getByRole("link", { name: "Page 2", exact: true })).toHaveAttribute("aria-current", "page");
  await expect(nav.getByRole("link", { name: "Page 1", exact: true })).not.toHaveAttribute("aria-current", "page");

  await nav.getByRole("link", { name: "Last page" }).click();
  await expect(status).toHaveText(new RegExp(`^Page ${pages} of ${pages}`));
  await expect(nav.getByRole("link", { name: "Next page" })).toHaveCount(0);
  await nav.getByRole("link", { name: "First page" }).click();
  await expect(status).toHaveText(/^Page 1 of/);

  // The size choice: 50 rows a page, and a hand-typed size above the cap shows the cap.
  await page.getByLabel("Rows per page").selectOption("50");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/pageSize=50/);
  await expect(status).toHaveText(/^Page 1 of/);
  expect(await page.locator("tbody tr").count()).toBeLessThanOrEqual(50);
  expect(await page.locator("tbody tr").count()).toBeGreaterThan(10);
  await page.goto("/w/riverton/requests?pageSize=100000");
  await expect(page.getByLabel("Rows per page")).toHaveValue("100");
  expect(await page.locator("tbody tr").count()).toBeLessThanOrEqual(100);
});

test("an empty list says so and what to do; a list with no match offers to clear the filters", async ({ page }) => {
  await signIn(page, "manager@riverton.test", undefined, "/w/riverton/requests?q=no-such-request-anywhere");
  await expect(page.getByText("Nothing matches these filters.")).toBeVisible();
  await page.getByRole("link", { name: "Clear the filters" }).click();
  await expect(page).toHaveURL(/\/w\/riverton\/requests$/);
  await expect(page.locator("tbody tr").first()).toBeVisible();
});

test("bulk approve and reject on the approval queue: select, confirm, a result per person", async ({ page }) => {
  test.setTimeout(120_000);
  const id = await riverton();
  const s = Date.now();
  const waiting = (x: string) =>
    freshPerson(id, ["viewer"], { status: "PENDING_APPROVAL", email: `queue.${x}.${s}@riverton.test` });
  const [a, b, c] = [await waiting("a"), await waiting("b"), await waiting("c")];
  await signIn(page, "admin@riverton.test", undefined, "/admin/riverton/approvals");
  const bulk = page.getByRole("form", { name: "Decide on the selected requests" });
  await expect(bulk.getByRole("button", { name: "Approve selected (0)" })).toBeDisabled();
  await page.getByRole("checkbox", { name: `Select ${a.email}` }).check();
  await page.getByRole("checkbox", { name: `Select ${b.email}` }).check();
  await bulk.getByRole("button", { name: "Approve selected (2)" }).click();
  const dialog = page.getByRole("dialog", { name: "Approve 2 people?" });
  await expect(dialog).toContainText(a.email);
  await dialog.getByRole("button", { name: "Approve 2 people" }).click();
  await expect(bulk.getByRole("status")).toHaveText("2 approved, 0 refused.");
  const result = bulk.getByRole("table", { name: "Result per person" });
  await expect(result.getByRole("row", { name: new RegExp(a.email) })).toContainText("Approved");
  await waitForMail(a.email, /approved/);
  await expect(page.getByRole("checkbox", { name: `Select ${a.email}` })).toHaveCount(0);
  // Select all picks every request on the page, and unticking it clears the selection.
  const all = bulk.getByRole("checkbox", { name: /^Select all/ });
  await all.check();
  await expect(page.getByRole("checkbox", { name: `Select ${c.email}` })).toBeChecked();
  await all.uncheck();
  await expect(bulk.getByRole("button", { name: "Approve selected (0)" })).toBeDisabled();
  const statuses = await sql<{ status: string }>(
    `select status::text from "Membership" where "userId" in ($1, $2, $3) order by "userId" = $3`,
    [a.id, b.id, c.id],
  );
  expect(statuses.map((r) => r.status)).toEqual(["ACTIVE", "ACTIVE", "PENDING_APPROVAL"]);

  // Reject: the reason is required and sent; Cancel in the dialog changes nothing.
  await page.getByRole("checkbox", { name: `Select ${c.email}` }).check();
  await bulk.getByRole("button", { name: "Reject selected (1)" }).click();
  await page.getByRole("dialog", { name: "Reject 1 person?" }).getByRole("button", { name: "Cancel" }).click();
  await bulk.getByRole("button", { name: "Reject selected (1)" }).click();
  await page.getByRole("dialog", { name: "Reject 1 person?" }).getByRole("button", { name: "Reject 1 person" }).click();
  await expect(bulk.getByRole("alert").first()).toBeVisible();
  expect(
    (await sql<{ status: string }>(`select status::text from "Membership" where "userId" = $1`, [c.id]))[0]!.status,
  ).toBe("PENDING_APPROVAL");
  await bulk.getByLabel("Reason for rejecting (sent to each person rejected)").fill("Not on the staff list");
  await bulk.getByRole("button", { name: "Reject selected (1)" }).click();
  await page.getByRole("dialog", { name: "Reject 1 person?" }).getByRole("button", { name: "Reject 1 person" }).click();
  await expect(bulk.getByRole("status")).toHaveText("1 rejected, 0 refused.");
  await waitForMail(c.email, /Not on the staff list/);
});
