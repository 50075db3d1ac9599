import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./support/auth";
import { sql } from "../test/fixtures/db";
import { demoMunicipality } from "../test/fixtures/municipalities";
import { freshPerson, freshUser } from "../test/fixtures/people";
import { idpLogin } from "./support/idp-login";
import { confirmInDialog } from "./support/confirm";

async function ssoSignIn(page: Page, login: string) {
  await page.goto("/signin");
  await page.getByRole("button", { name: "Continue with Riverton SSO" }).click();
  await idpLogin(page, login);
}

/** The refusal page: its URL names the reason, its alert (and heading, where given) says it in words. */
async function expectRefused(page: Page, reason: string, alert: string, heading?: string) {
  await expect(page).toHaveURL(new RegExp(`/signin/refused\\?reason=${reason}`));
  if (heading) await expect(page.getByRole("heading", { name: heading })).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: alert })).toBeVisible();
}

test("signing in through the municipality's identity provider lands with the groups its job codes map to", async ({
  page,
}) => {
  await ssoSignIn(page, "bob");
  await expect(page).toHaveURL(/\/w$/);
  await expect(page.getByText("Signed in as bob@riverton.test")).toBeVisible();
  await expect(page.getByRole("list", { name: "Your municipalities" })).toContainText("Groups: Analyst, Manager");
  const events = await sql<{ action: string; data: { added: string[] } }>(
    `select e.action, e.data from "AuditEvent" e join "User" u on u.id = e."subjectUserId" where u.email = 'bob@riverton.test' order by seq`,
  );
  expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(["membership.sso_sync", "auth.login"]));
  expect(events.find((e) => e.action === "membership.sso_sync")!.data.added).toEqual(["analyst", "manager"]);
});

test("every SSO sign-in re-applies the mapping: a group removed in the municipality comes back from the claims", async ({
  page,
}) => {
  await ssoSignIn(page, "alice");
  await expect(page.getByRole("list", { name: "Your municipalities" })).toContainText("Groups: Operator");
  await sql(
    `update "Membership" set groups = '{viewer}' where "userId" = (select id from "User" where email = 'alice@riverton.test')`,
  );
  await page.context().clearCookies();
  await ssoSignIn(page, "alice");
  await expect(page.getByRole("list", { name: "Your municipalities" })).toContainText("Groups: Operator");
});

test("a person whose claims map to nothing is refused with a clear page", async ({ page }) => {
  await ssoSignIn(page, "mallory");
  await expectRefused(page, "no_mapped_claim", "none of your job codes or groups gives access", "Access refused");
  expect(await sql(`select 1 from "User" where email = 'mallory@riverton.test'`)).toHaveLength(0);
});

test("a groups claim alone maps too, and an address outside the municipality's domains is refused", async ({
  page,
}) => {
  await ssoSignIn(page, "vera");
  await expect(page).toHaveURL(/\/w$/);
  await expect(page.getByRole("list", { name: "Your municipalities" })).toContainText("Groups: Volunteer");
  await page.context().clearCookies();
  await ssoSignIn(page, "eve");
  await expectRefused(page, "email_domain", "domain this municipality does not accept");
});

test("a person with a password account is refused at SSO sign-in, links SSO from their account page, then signs in with SSO alone", async ({
  page,
}) => {
  // The account exists with a password (invited and onboarded earlier, or — the attack this
  // closes — a password someone else set for this address). The IdP's word alone must not open it.
  const email = "petra@riverton.test";
  const password = "petra-password-1234";
  const id = `e2e-petra-${Date.now()}`;
  await freshPerson((await demoMunicipality("riverton")).id, ["viewer"], {
    id,
    email,
    name: "Petra Password",
    password,
    emailVerified: new Date(),
    source: "seed",
  });
  const accounts = () =>
    sql<{ provider: string; providerAccountId: string }>(
      `SELECT provider, "providerAccountId" FROM "Account" WHERE "userId" = $1`,
      [id],
    );

  await ssoSignIn(page, "petra");
  await expectRefused(
    page,
    "link_required",
    "You already have a Gatehouse account for this email address",
    "Sign in with your password first",
  );
  await expect(page.getByText("Link your Riverton SSO sign-in")).toBeVisible();
  expect(await accounts()).toEqual([]);

  // Password first, then the explicit link from the account page.
  await page.getByRole("link", { name: "Sign in with your password" }).click();
  await expect(page).toHaveURL(/\/signin\?next=%2Faccount/);
  await signIn(page, email, password, "/account");
  await expect(page).toHaveURL(/\/account$/);
  const methods = page.getByRole("list", { name: "Your sign-in methods" });
  await expect(methods).toContainText("Password: set");
  // The button is a client component: wait until the page is interactive before clicking.
  await page.waitForLoadState("networkidle");
  await page.getByRole("button", { name: "Link your Riverton SSO sign-in" }).click();
  await idpLogin(page, "petra", { mayRemember: true });
  await expect(page).toHaveURL(/\/account\?linked=sso-riverton/);
  await expect(page.getByRole("status").filter({ hasText: "Linked: Riverton SSO now signs you in" })).toBeVisible();
  await expect(methods).toContainText("Riverton SSO: linked");
  // Still the same browser session: linking signs no one in anew.
  expect(await sql(`SELECT count(*)::int AS n FROM "Session" WHERE "userId" = $1`, [id])).toEqual([{ n: 1 }]);
  await expect(page.getByRole("list", { name: "Your sessions" })).toContainText("This browser");
  expect(await accounts()).toEqual([{ provider: "sso-riverton", providerAccountId: "petra" }]);
  const linked = await sql<{ actorId: string }>(
    `SELECT "actorId" FROM "AuditEvent" WHERE action = 'auth.identity.linked' AND "subjectUserId" = $1`,
    [id],
  );
  expect(linked).toEqual([{ actorId: id }]);

  // A fresh browser: SSO alone signs Petra in now, with the groups her job codes map to.
  await page.context().clearCookies();
  await ssoSignIn(page, "petra");
  await expect(page).toHaveURL(/\/w$/);
  await expect(page.getByText(`Signed in as ${email}`)).toBeVisible();

  // And she can take it back (she still has her password), audited.
  await page.goto("/account");
  await page.waitForLoadState("networkidle");
  await page.getByRole("button", { name: "Unlink Riverton SSO" }).click();
  await confirmInDialog(page, "Unlink Riverton SSO");
  await expect(page).toHaveURL(/\/account\?unlinked=sso-riverton/);
  await expect(
    page.getByRole("status").filter({ hasText: "Unlinked: Riverton SSO no longer signs you in." }),
  ).toBeVisible();
  await expect(methods).not.toContainText("Riverton SSO: linked");
  expect(await accounts()).toEqual([]);
  expect(
    await sql(`SELECT 1 FROM "AuditEvent" WHERE action = 'auth.identity.unlinked' AND "subjectUserId" = $1`, [id]),
  ).toHaveLength(1);
});

test("an IdP that does not verify the address never joins an existing account", async ({ page }) => {
  const id = `e2e-nora-${Date.now()}`;
  await freshUser({ id, email: "nora@riverton.test", name: "Nora" });
  await ssoSignIn(page, "nora");
  await expect(page).toHaveURL(/\/signin\/refused\?reason=email_unverified/);
  await expect(
    page.getByRole("alert").filter({ hasText: "did not confirm that this email address is yours" }),
  ).toBeVisible();
  expect(await sql(`SELECT 1 FROM "Account" WHERE "userId" = $1`, [id])).toHaveLength(0);
});
