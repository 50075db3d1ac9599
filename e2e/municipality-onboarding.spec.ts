// A city set up in the browser, from nothing to its staff signing in through their own identity
// providers (issue 16's walk-through): the platform admin creates Brookfield with an email domain
// and a department, connects it to the local OpenID provider (Test connection and Try sign-in),
// maps its job codes, invites its first admin, who signs in through SSO and adds a SAML connection
// against the local SAML IdP; a clerk then signs in through SAML and gets the mapped groups.
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./support/auth";
import { sql, testPrisma } from "../test/fixtures/db";
import { finishPendingSignIns } from "../test/fixtures/sign-in";
import { waitForMail } from "../test/fixtures/smtp";
import { connectLocalProvider, idpLogin } from "./support/idp-login";

const FIRST_ADMIN = "first.admin@brookfield.test";

/** Brookfield asks admins for a second factor: the test fixture finishes a waiting enrollment. */
async function throughEnrollment(page: Page, email: string, next: string) {
  await page.waitForURL((u) => /\/signin\/enroll|\/w\b/.test(u.pathname));
  if (page.url().includes("/signin/enroll")) {
    await finishPendingSignIns(email);
    await page.goto(next);
  }
}

test.describe.configure({ mode: "serial" });

test("a platform admin sets up Brookfield in the browser; its first admin signs in through SSO and connects SAML; a clerk signs in through SAML", async ({
  page,
  browser,
}) => {
  // 1. The municipality, with an email domain and a department.
  await signIn(page, "platform.admin@gatehouse.test", undefined, "/platform/municipalities/new");
  await page.goto("/platform/municipalities/new");
  await page.getByLabel("Name").fill("Brookfield");
  await page.getByLabel("Web address").fill("brookfield");
  await page.getByLabel("Email domains").fill("brookfield.test");
  await page.getByLabel("Departments (optional, one per line)").fill("Town Clerk");
  await page.getByRole("button", { name: "Create municipality" }).click();
  await expect(page).toHaveURL(/\/platform\/municipalities\/brookfield\?created=1$/);
  await expect(page.getByText("Town Clerk")).toBeVisible();
  const town = await testPrisma().municipality.findUniqueOrThrow({ where: { slug: "brookfield" } });
  expect(town.emailDomains).toEqual(["brookfield.test"]);

  try {
    // 2. Its OpenID Connect provider: saved, tested, tried, mapped.
    await page.goto("/admin/brookfield/sso");
    await connectLocalProvider(page, "brookfield");
    await page.reload();
    await page.getByRole("button", { name: "Test connection" }).click();
    await expect(page.getByRole("list", { name: "Connection checks" }).getByText("Passed")).toHaveCount(6);
    await page.getByRole("button", { name: "Try sign-in" }).click();
    await idpLogin(page, FIRST_ADMIN);
    await expect(page.getByRole("status", { name: "Try sign-in result" })).toContainText("BF-IT-ADMIN");
    // Try sign-in creates nobody.
    expect(await sql(`SELECT 1 FROM "User" WHERE email = $1`, [FIRST_ADMIN])).toHaveLength(0);

    await page.getByRole("button", { name: "Add a mapping" }).click();
    const admins = page.getByRole("group", { name: "Mapping 1" });
    await admins.getByLabel("Value").fill("BF-IT-ADMIN");
    await admins.getByLabel("Municipality admin").check();
    await page.getByRole("button", { name: "Add a mapping" }).click();
    const clerks = page.getByRole("group", { name: "Mapping 2" });
    await clerks.getByLabel("Value").fill("BF-CLERK");
    await clerks.getByLabel("Viewer").check();
    await clerks.getByLabel("Document editor").check();
    await page.getByRole("button", { name: "Save mappings" }).click();
    await expect(page.getByText("Mappings saved.")).toBeVisible();

    // 3. The first admin is invited, and signs in through Brookfield's SSO.
    await page.goto("/admin/brookfield/invitations");
    const invite = page.getByRole("form", { name: "Invite someone" });
    await invite.getByLabel("Email").fill(FIRST_ADMIN);
    await invite.getByLabel("Municipality admin", { exact: true }).check();
    await invite.getByRole("button", { name: "Send invitation" }).click();
    await waitForMail(FIRST_ADMIN, /\/invite\//);

    const adminContext = await browser.newContext();
    const admin = await adminContext.newPage();
    await admin.goto("/signin");
    await admin.getByRole("button", { name: "Continue with Brookfield SSO" }).click();
    await idpLogin(admin, FIRST_ADMIN);
    await throughEnrollment(admin, FIRST_ADMIN, "/admin/brookfield/sso/saml");
    await admin.goto("/w");
    await expect(admin.getByRole("list", { name: "Your municipalities" })).toContainText("Groups: Municipality admin");

    // 4. The first admin adds a SAML connection from the local SAML IdP's metadata.
    await admin.goto("/admin/brookfield/sso/saml");
    await expect(admin.getByRole("heading", { name: "SAML sign-in for Brookfield" })).toBeVisible();
    await admin.getByRole("textbox", { name: "Metadata address" }).fill(process.env.E2E_SAML_IDP_METADATA!);
    await admin.getByRole("button", { name: "Save SAML connection" }).click();
    await expect(admin.getByRole("status").filter({ hasText: "SAML connection created" })).toBeVisible();
    await adminContext.close();

    // 5. A clerk signs in through SAML and holds the groups BF-CLERK maps to.
    const clerkContext = await browser.newContext();
    const clerk = await clerkContext.newPage();
    await clerk.goto("/signin");
    await clerk.getByRole("link", { name: "Continue with Brookfield (SAML)" }).click();
    await expect(clerk.getByRole("heading", { name: "Local SAML IdP" })).toBeVisible();
    await clerk.getByRole("button", { name: /Bea Clerk/ }).click();
    await expect(clerk).toHaveURL(/\/w$/);
    await expect(clerk.getByRole("list", { name: "Your municipalities" })).toContainText(
      "Groups: Document editor, Viewer",
    );
    await clerkContext.close();
    const events = await sql<{ action: string }>(
      `SELECT action FROM "AuditEvent" WHERE "municipalityId" = $1 ORDER BY seq`,
      [town.id],
    );
    expect(events.map((e) => e.action)).toEqual(
      expect.arrayContaining(["municipality.create", "invitation.accept", "membership.sso_sync", "auth.login"]),
    );
  } finally {
    // Later specs meet the demo towns' sign-in buttons only.
    await sql(`UPDATE "SsoConnection" SET enabled = false WHERE "municipalityId" = $1`, [town.id]);
  }
});
