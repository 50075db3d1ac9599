import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { expectSignedIn, signIn } from "./support/auth";
import { deactivateAccount } from "./support/admin";
import { sql, testPrisma } from "../test/fixtures/db";
import { freshPerson } from "../test/fixtures/people";
import { createMunicipality } from "../lib/seed/demo";
import { confirmInDialog } from "./support/confirm";

test("after an admin deactivates a signed-in user, their next click lands on sign-in with an explanation", async ({
  browser,
}) => {
  const staff = await browser.newContext();
  const staffPage = await staff.newPage();
  await signIn(staffPage, "editor@riverton.test");
  await expectSignedIn(staffPage, "editor@riverton.test");

  const admin = await browser.newContext();
  const adminPage = await admin.newPage();
  await signIn(adminPage, "admin@riverton.test", undefined, "/admin/riverton/people");
  await adminPage.getByLabel("Name or email").fill("editor@riverton.test");
  await adminPage.getByRole("button", { name: "Filter" }).click();
  await deactivateAccount(adminPage, "Edith Editor", "Left the municipality");

  await staffPage.getByRole("link", { name: "Workspace" }).click();
  await expect(staffPage).toHaveURL(/\/signin\?reason=deactivated/);
  await expect(staffPage.getByRole("status")).toContainText("your account has been deactivated");

  const [u] = await sql<{ id: string; isActive: boolean }>(
    `select id, "isActive" from "User" where email = 'editor@riverton.test'`,
  );
  expect(u!.isActive).toBe(false);
  const open = await sql(`select 1 from "Session" where "userId" = $1 and "revokedAt" is null`, [u!.id]);
  expect(open).toHaveLength(0);
  const events = await sql<{ action: string }>(
    `select action from "AuditEvent" where "subjectUserId" = $1 order by seq`,
    [u!.id],
  );
  expect(events.map((e) => e.action)).toContain("user.deactivate");

  // Reversible: the admin reactivates, and the person signs in again.
  await adminPage.getByRole("button", { name: "Reactivate account" }).click();
  await expect(adminPage.getByText("Account reactivated.")).toBeVisible();
  await signIn(staffPage, "editor@riverton.test");
  await expectSignedIn(staffPage, "editor@riverton.test");
  await staff.close();
  await admin.close();
});

test("an admin of one municipality gets not found for another municipality's people", async ({ page }) => {
  await signIn(page, "admin@lakeside.test");
  await expectSignedIn(page, "admin@lakeside.test");
  const [m] = await sql<{ id: string }>(
    `select ms.id from "Membership" ms join "Municipality" m on m.id = ms."municipalityId" where m.slug = 'riverton' limit 1`,
  );
  expect((await page.goto("/admin/riverton/people"))?.status()).toBe(404);
  expect((await page.goto(`/admin/lakeside/people/${m!.id}`))?.status()).toBe(404);
  expect((await page.goto("/admin/lakeside/people"))?.status()).toBe(200);
});

test("a municipality's last active admin cannot be suspended or deactivated: the admin page says why", async ({
  page,
}) => {
  // A municipality of its own with one admin, so no other spec's people are touched.
  const id = randomBytes(5).toString("hex");
  const slug = `solo-${id}`;
  const town = await createMunicipality(testPrisma(), {
    slug,
    name: `Solo ${id}`,
    requiresApproval: true,
    selfRegistrationDomains: [],
    departments: [],
  });
  const sole = await freshPerson(town.id, ["municipality_admin"], {
    email: `sole-${id}@example.test`,
    name: "Sole Admin",
    emailVerified: new Date(),
    source: "seed",
  });
  const membershipId = sole.memberships[0]!.id;

  await signIn(page, "platform.admin@gatehouse.test", undefined, `/admin/${slug}/people/${membershipId}`);
  await expect(page.getByRole("heading", { name: "Sole Admin" })).toBeVisible();
  await page.getByLabel("Reason for suspending (this municipality only)").fill("testing the guard");
  await page.getByRole("button", { name: "Suspend membership" }).click();
  await confirmInDialog(page, "Suspend membership");
  await expect(page.getByRole("alert").filter({ hasText: "last active municipality admin" })).toBeVisible();
  await page.getByLabel("Reason for deactivating the whole account").fill("testing the guard");
  await page.getByRole("button", { name: "Deactivate account" }).click();
  await confirmInDialog(page, "Deactivate account");
  await expect(page.getByRole("alert").filter({ hasText: "last active municipality admin" })).toHaveCount(2);

  const [m] = await sql<{ status: string; isActive: boolean }>(
    `select m.status, u."isActive" from "Membership" m join "User" u on u.id = m."userId" where m.id = $1`,
    [membershipId],
  );
  expect(m).toEqual({ status: "ACTIVE", isActive: true });
});
