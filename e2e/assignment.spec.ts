// Staff working requests as a team (issue 18): a manager assigns a request to an operator from
// the request page, whose picker offers only people who may work it; the operator finds it under
// "Assigned to me" in the workspace navigation; a bulk status change on two rows of the list asks
// first and reports each row.
import { expect, test } from "@playwright/test";
import { openAssignedToMe, signIn } from "./support/auth";
import { sql, testPrisma } from "../test/fixtures/db";

const TAG = Date.now().toString(36);

async function rivertonRequest(title: string, category: "ROADS" | "PARKS" = "ROADS") {
  const [m] = await sql<{ id: string }>(`select id from "Municipality" where slug = 'riverton'`);
  return testPrisma().serviceRequest.create({
    data: {
      municipalityId: m!.id,
      reference: `E2E-${TAG}-${Math.random().toString(36).slice(2, 7)}`,
      category,
      title,
      description: "Made by the assignment spec.",
      area: "North",
      isPublic: false,
    },
    select: { id: true, reference: true },
  });
}

test("a manager assigns a request to an operator, who finds it under Assigned to me", async ({ page, browser }) => {
  const req = await rivertonRequest(`Loose drain cover ${TAG}`);
  await signIn(page, "manager@riverton.test", undefined, `/w/riverton/requests/${req.id}`);
  // Signing in hashes a password: slow on a busy machine.
  await expect(page).toHaveURL(new RegExp(`/w/riverton/requests/${req.id}$`), { timeout: 30_000 });
  const picker = page.getByRole("form", { name: "Assign the request" });
  const select = picker.getByLabel("Assigned to");
  await expect(select).toBeVisible();
  // Only people who may work a roads request: the operator of roads, the manager, the admin —
  // never the viewer, the volunteer or anyone of Lakeside.
  const offered = await select.locator("option").allTextContents();
  expect(offered[0]).toBe("Unassigned");
  expect(offered.some((o) => o.includes("operator@riverton.test"))).toBe(true);
  for (const absent of ["viewer@riverton.test", "volunteer@riverton.test", "lakeside.test"])
    expect(offered.some((o) => o.includes(absent))).toBe(false);
  await select.selectOption({ label: offered.find((o) => o.includes("operator@riverton.test"))! });
  await picker.getByRole("button", { name: "Save assignment" }).click();
  await expect(picker.getByRole("status")).toHaveText("Assignment saved.");
  await expect(page.locator('[data-field="assigneeId"] dd')).toContainText("operator@riverton.test");
  const [row] = await sql<{ assigneeId: string }>(`select "assigneeId" from "ServiceRequest" where id = $1`, [req.id]);
  const [op] = await sql<{ id: string }>(`select id from "User" where email = 'operator@riverton.test'`);
  expect(row!.assigneeId).toBe(op!.id);

  const context = await browser.newContext();
  const operator = await context.newPage();
  await openAssignedToMe(operator);
  await expect(operator).toHaveURL(/\/w\/riverton\/requests\?assignee=me$/);
  const views = operator.getByRole("navigation", { name: "Views of the list" });
  await expect(views.getByRole("link", { name: "Assigned to me" })).toHaveAttribute("aria-current", "true");
  await expect(operator.getByRole("link", { name: req.reference })).toBeVisible();
  // Unassigned does not list it.
  await views.getByRole("link", { name: "Unassigned" }).click();
  await expect(operator).toHaveURL(/assignee=none/);
  await expect(operator.getByRole("link", { name: req.reference })).toHaveCount(0);
  await context.close();
});

test("bulk status change on two rows asks first and reports each row", async ({ page }) => {
  const title = `Flickering lamp ${TAG}`;
  const a = await rivertonRequest(`${title} A`);
  const b = await rivertonRequest(`${title} B`);
  await signIn(page, "manager@riverton.test", undefined, `/w/riverton/requests?q=${encodeURIComponent(title)}`);
  await page.getByRole("checkbox", { name: `Select ${title} A` }).check();
  await page.getByRole("checkbox", { name: `Select ${title} B` }).check();
  const bulk = page.getByRole("form", { name: "Change the selected requests" });
  await bulk.getByLabel("New status").selectOption("IN_PROGRESS");
  await bulk.getByRole("button", { name: "Change status of selected" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("Change the status of 2 requests to In progress?");
  await expect(dialog).toContainText(a.reference);
  await expect(dialog).toContainText(b.reference);
  await dialog.getByRole("button", { name: "Yes, change them" }).click();
  await expect(bulk.getByRole("status")).toHaveText("2 changed, 0 already so, 0 refused.");
  const report = bulk.getByRole("table", { name: "Result per request" });
  await expect(report.getByRole("row")).toHaveCount(3);
  await expect(report).toContainText(a.reference);
  await expect(report).toContainText("Changed");
  const rows = await sql<{ status: string }>(`select status::text from "ServiceRequest" where id = any($1)`, [
    [a.id, b.id],
  ]);
  expect(rows.map((r) => r.status)).toEqual(["IN_PROGRESS", "IN_PROGRESS"]);
});
