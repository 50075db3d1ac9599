import { expect, test, type Page } from "@playwright/test";
import { sql } from "./support/db";

async function ssoSignIn(page: Page, login: string) {
  await page.goto("/signin");
  await page.getByRole("button", { name: "Continue with Riverton SSO" }).click();
  // The local identity provider's own pages (oidc-provider's development interaction).
  await page.getByPlaceholder("Enter any login").fill(login);
  await page.getByPlaceholder("and password").fill("any-password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  const consent = page.getByRole("button", { name: "Continue" });
  if (await consent.isVisible({ timeout: 3000 }).catch(() => false)) await consent.click();
}

test("signing in through the municipality's identity provider lands with the groups its job codes map to", async ({ page }) => {
  await ssoSignIn(page, "bob");
  await expect(page).toHaveURL(/\/w$/);
  await expect(page.getByText("Signed in as bob@riverton.test")).toBeVisible();
  await expect(page.getByRole("list", { name: "Your municipalities" })).toContainText("Groups: analyst, manager");
  const events = await sql<{ action: string; data: { added: string[] } }>(`select e.action, e.data from "AuditEvent" e join "User" u on u.id = e."subjectUserId" where u.email = 'bob@riverton.test' order by seq`);
  expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(["membership.sso_sync", "auth.login"]));
  expect(events.find((e) => e.action === "membership.sso_sync")!.data.added).toEqual(["analyst", "manager"]);
});

test("every SSO sign-in re-applies the mapping: a group removed in the municipality comes back from the claims", async ({ page }) => {
  await ssoSignIn(page, "alice");
  await expect(page.getByRole("list", { name: "Your municipalities" })).toContainText("Groups: operator");
  await sql(`update "Membership" set groups = '{viewer}' where "userId" = (select id from "User" where email = 'alice@riverton.test')`);
  await page.context().clearCookies();
  await ssoSignIn(page, "alice");
  await expect(page.getByRole("list", { name: "Your municipalities" })).toContainText("Groups: operator");
});

test("a person whose claims map to nothing is refused with a clear page", async ({ page }) => {
  await ssoSignIn(page, "mallory");
  await expect(page).toHaveURL(/\/signin\/refused\?reason=no_mapped_claim/);
  await expect(page.getByRole("heading", { name: "Access refused" })).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: "none of your job codes or groups gives access" })).toBeVisible();
  expect(await sql(`select 1 from "User" where email = 'mallory@riverton.test'`)).toHaveLength(0);
});

test("a groups claim alone maps too, and an address outside the municipality's domains is refused", async ({ page }) => {
  await ssoSignIn(page, "vera");
  await expect(page).toHaveURL(/\/w$/);
  await expect(page.getByRole("list", { name: "Your municipalities" })).toContainText("Groups: volunteer");
  await page.context().clearCookies();
  await ssoSignIn(page, "eve");
  await expect(page).toHaveURL(/\/signin\/refused\?reason=email_domain/);
  await expect(page.getByRole("alert").filter({ hasText: "domain this municipality does not accept" })).toBeVisible();
});
