import { expect, test } from "@playwright/test";
import { signIn, expectSignedIn } from "./support/auth";
import { previewCsv } from "./support/admin";

test("an admin uploads a CSV: good rows are invited, bad rows are reported with the reason", async ({ page }) => {
  await signIn(page, "admin@riverton.test");
  await expectSignedIn(page, "admin@riverton.test");
  await page.goto("/admin/riverton/invitations");
  const stamp = Date.now();
  const csv = [
    "email,groups,department,categories",
    `csv.ok.${stamp}@riverton.test,viewer,,`,
    `not-an-email,viewer,,`,
    `csv.bad.${stamp}@riverton.test,superuser,,`,
  ].join("\n");
  const send = await previewCsv(page, csv);
  await expect(send.getByRole("row", { name: /superuser/ })).toContainText("Refused");
  await send.getByRole("button", { name: "Send 1 invitation" }).click();
  await expect(page.getByRole("status").filter({ hasText: "1 invited, 2 refused." })).toBeVisible();
  const report = page.getByRole("table", { name: "Report: what happened per row" });
  await expect(report.getByRole("row", { name: new RegExp(`csv.ok.${stamp}.*Invited`) })).toBeVisible();
  await expect(report.getByRole("row", { name: /superuser/ })).toContainText("Refused");
  await page.reload();
  await expect(
    page
      .getByRole("table", { name: "Pending invitations" })
      .getByRole("cell", { name: `csv.ok.${stamp}@riverton.test`, exact: true }),
  ).toBeVisible();
});

test("the audit log filters, the matrix is shown, and explain names the deciding rule", async ({ page }) => {
  await signIn(page, "admin@riverton.test");
  await expectSignedIn(page, "admin@riverton.test");
  await page.goto("/admin/riverton/audit?action=invitation");
  await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "Invitation sent", exact: true }).first()).toBeVisible();
  await expect(page.getByRole("cell", { name: "Sign-in failed", exact: true })).toHaveCount(0);
  await page.goto("/admin/riverton/policies");
  await expect(page.getByRole("table", { name: "Service requests" })).toBeVisible();
  const form = page.getByRole("form", { name: "Explain a decision" });
  await form.getByLabel("Person (email)").fill("operator@riverton.test");
  await form.getByLabel("Action").selectOption("delete");
  await form.getByRole("button", { name: "Explain" }).click();
  await expect(form.getByRole("status")).toHaveText(
    "Denied: none of Olga Operator's groups (Operator) grants deleting service requests",
  );
});

test("a manager cannot open the admin console; a viewer neither", async ({ page }) => {
  await signIn(page, "viewer@riverton.test");
  await expectSignedIn(page, "viewer@riverton.test");
  for (const path of [
    "/admin/riverton/invitations",
    "/admin/riverton/audit",
    "/admin/riverton/approvals",
    "/admin/riverton/outbox",
  ]) {
    expect((await page.goto(path))!.status(), path).toBe(404);
  }
});

test("a deprecated group: the invite form shows it disabled with the reason, refuses it, and its holder is marked", async ({
  page,
}) => {
  await signIn(page, "admin@riverton.test", undefined, "/admin/riverton/invitations");
  const form = page.getByRole("form", { name: "Invite someone" });
  const box = form.getByRole("checkbox", { name: "Performance monitor" });
  await expect(box).toBeDisabled();
  await expect(form.getByText(/Not given to anyone new: Replaced by the Analyst group/)).toBeVisible();
  // A forged submission (the box enabled by hand) is refused on the server, naming the field.
  const email = `pm.${Date.now()}@riverton.test`;
  await form.getByLabel("Email").fill(email);
  await box.evaluate((el) => ((el as HTMLInputElement).disabled = false));
  await box.check();
  await form.getByRole("button", { name: "Send invitation" }).click();
  await expect(
    form.getByText(/Performance monitor is deprecated: Replaced by the Analyst group/).first(),
  ).toBeVisible();
  await page.reload();
  await expect(page.getByRole("table", { name: "Pending invitations" }).getByText(email)).toHaveCount(0);
  // Pat Monroe (demo data) still holds it: marked on the people list and on their page.
  await page.goto("/admin/riverton/people?q=pat.monroe");
  const row = page.getByRole("row", { name: /Pat Monroe/ });
  await expect(row.getByText("Deprecated")).toBeVisible();
  await row.getByRole("link", { name: "Pat Monroe" }).click();
  const access = page.getByRole("form", { name: "Change access" });
  await expect(access.getByRole("checkbox", { name: "Performance monitor" })).toBeChecked();
  await expect(access.getByRole("checkbox", { name: "Performance monitor" })).toBeEnabled();
  await expect(access.getByText(/Kept while held; once removed it cannot be given back/)).toBeVisible();
});
