// The SSO console (/admin/<slug>/sso) in the browser, against the local OpenID provider
// (lib/idp/server.ts): Riverton's admin tests the connection (every check passes), tries a
// sign-in (the claims and mapped groups are shown; nothing is created), adds a claim mapping, and
// a real SSO sign-in then gets the mapped group. Another municipality's admin gets "not found".
import { expect, test } from "@playwright/test";
import { signIn, signInTo } from "./support/auth";
import { sql, testPrisma } from "../test/fixtures/db";
import { createMunicipality } from "../lib/seed/demo";
import { waitForMail } from "../test/fixtures/smtp";
import { connectLocalProvider, idpLogin } from "./support/idp-login";

const QUINN = "quinn@riverton.test";

const quinnRows = async () => ({
  users: await sql(`SELECT id FROM "User" WHERE email = $1`, [QUINN]),
  accounts: await sql(`SELECT id FROM "Account" WHERE provider = 'sso-riverton' AND "providerAccountId" = 'quinn'`),
});

test.describe.configure({ mode: "serial" });

test("Riverton's admin tests the connection, tries a sign-in that creates nothing, maps a job code, and SSO then grants it", async ({
  page,
}) => {
  await sql(
    `UPDATE "SsoConnection" SET "claimMappings" = '{}' WHERE "municipalityId" = (SELECT id FROM "Municipality" WHERE slug = 'riverton')`,
  );
  await signIn(page, "admin@riverton.test", undefined, "/admin/riverton/sso");
  await expect(page).toHaveURL(/\/admin\/riverton\/sso$/);
  await expect(page.getByRole("heading", { name: "Single sign-on", level: 1 })).toBeVisible();
  await expect(page.getByTestId("oidc-status")).toContainText("Set up and enabled");
  await expect(page.getByRole("list", { name: "Email domains" })).toContainText("riverton.test");
  await expect(page.getByLabel("Client secret")).toHaveValue("");
  await expect(page.getByText("A secret is set.")).toBeVisible();
  await expect(
    page.getByRole("heading", { name: "Set in the reviewed policy file (policies/sso.yaml)" }),
  ).toBeVisible();

  // Test connection: every check of the local provider passes, in words.
  await page.getByRole("button", { name: "Test connection" }).click();
  const checks = page.getByRole("list", { name: "Connection checks" });
  await expect(checks.getByRole("listitem")).toHaveCount(6);
  await expect(checks.getByText("Passed")).toHaveCount(6);
  await expect(checks).toContainText("The issuer in the document matches the configured issuer URL");
  await expect(checks).toContainText("Authorization code flow with PKCE (S256) is supported");
  expect(
    await sql(
      `SELECT 1 FROM "AuditEvent" WHERE action = 'sso.connection.test_passed' AND "municipalityId" = (SELECT id FROM "Municipality" WHERE slug = 'riverton')`,
    ),
  ).not.toHaveLength(0);

  // Try sign-in: the real flow at the provider and back; claims and mapped groups shown, nothing created.
  const before = await quinnRows();
  await page.getByRole("button", { name: "Try sign-in" }).click();
  await idpLogin(page, "quinn");
  await expect(page).toHaveURL(/\/admin\/riverton\/sso\?tried=1/);
  const result = page.getByRole("status", { name: "Try sign-in result" });
  await expect(result).toContainText("The provider signed in quinn@riverton.test.");
  await expect(page.getByTestId("try-groups")).toHaveText("Would get: Viewer (from job_codes=RIV-READ).");
  await expect(page.getByLabel("Claims received")).toContainText('"RIV-CONSOLE-TEST"');
  await expect(result).toContainText("Nothing was created or changed.");
  expect(await quinnRows()).toEqual(before);
  expect(before.users).toHaveLength(0);
  expect(
    await sql(`SELECT 1 FROM "AuditEvent" WHERE action = 'sso.try.succeeded' AND data->>'sub' = 'quinn'`),
  ).toHaveLength(1);

  // A mapping with no group is refused beside its row, and nothing is saved.
  await page.getByRole("button", { name: "Add a mapping" }).click();
  const row = page.getByRole("group", { name: "Mapping 1" });
  await expect(row.getByLabel("Claim")).toHaveValue("job_codes");
  await row.getByLabel("Value").fill("RIV-CONSOLE-TEST");
  await page.getByRole("button", { name: "Save mappings" }).click();
  await expect(row.getByText("Pick at least one group.")).toBeVisible();
  // The preview applies the unsaved rows and the file's rules to sample claims.
  await row.getByLabel("Document editor").check();
  await page.getByLabel("Sample claims (JSON)").fill('{"job_codes": ["RIV-READ", "RIV-CONSOLE-TEST"]}');
  await expect(page.getByTestId("preview-groups")).toHaveText(
    "Would get: Document editor, Viewer (from job_codes=RIV-READ, job_codes=RIV-CONSOLE-TEST).",
  );
  await page.getByRole("button", { name: "Save mappings" }).click();
  await expect(page.getByText("Mappings saved. They apply from the next sign-in.")).toBeVisible();
  const [audit] = await sql<{ data: { before: unknown; after: unknown } }>(
    `SELECT data FROM "AuditEvent" WHERE action = 'sso.mappings.updated' ORDER BY seq DESC LIMIT 1`,
  );
  expect(audit!.data).toEqual({
    protocol: "OIDC",
    before: {},
    after: { job_codes: { "RIV-CONSOLE-TEST": ["document_editor"] } },
  });

  // A real SSO sign-in through the local IdP now gets the mapped group (and the file's).
  await page.context().clearCookies();
  await page.goto("/signin");
  await page.getByRole("button", { name: "Continue with Riverton SSO" }).click();
  await idpLogin(page, "quinn");
  await expect(page).toHaveURL(/\/w$/);
  await expect(page.getByRole("list", { name: "Your municipalities" })).toContainText(
    "Groups: Document editor, Viewer",
  );
});

test("another municipality's admin, a manager and a signed-out visitor do not reach Riverton's SSO console", async ({
  page,
}) => {
  await signInTo(page, "admin@lakeside.test", "/w");
  for (const path of ["/admin/riverton/sso", "/admin/riverton/sso/callback?code=x&state=y"]) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(404);
  }
  // Their own municipality's console is theirs.
  await page.goto("/admin/lakeside/sso");
  await expect(page.getByRole("heading", { name: "Single sign-on", level: 1 })).toBeVisible();
  await expect(page.getByTestId("oidc-status")).toHaveText("Not set up.");
  await page.context().clearCookies();
  await signInTo(page, "manager@riverton.test", "/w");
  expect((await page.goto("/admin/riverton/sso"))?.status()).toBe(404);
  await page.context().clearCookies();
  await page.goto("/admin/riverton/sso");
  await expect(page).toHaveURL(/\/signin/);
});

test("a municipality with no seed code connects the local IdP in the browser; its invited first admin signs in through SSO and lands as its admin", async ({
  page,
}) => {
  // Created as the platform console creates it (that page is another part of the console): a
  // municipality and its email domain, nothing else — no connection, no policy file entry.
  const town = await createMunicipality(testPrisma(), {
    slug: "oakridge",
    name: "Oakridge",
    requiresApproval: true,
    selfRegistrationDomains: [],
    emailDomains: ["oakridge.test"],
    departments: [{ slug: "it", name: "IT" }],
  });
  try {
    await signInTo(page, "platform.admin@gatehouse.test", "/admin/oakridge/sso");
    await expect(page.getByTestId("oidc-status")).toHaveText("Not set up.");
    await connectLocalProvider(page, "oakridge");
    await page.reload();
    await expect(page.getByTestId("oidc-status")).toContainText("Set up and enabled");
    await page.getByRole("button", { name: "Test connection" }).click();
    await expect(page.getByRole("list", { name: "Connection checks" }).getByText("Passed")).toHaveCount(6);

    // Before any mapping, Try sign-in shows that the first admin would be refused.
    await page.getByRole("button", { name: "Try sign-in" }).click();
    await idpLogin(page, "oak.admin@oakridge.test");
    await expect(page.getByTestId("try-groups")).toHaveText("No claim maps to a group.");
    await expect(page.getByRole("status", { name: "Try sign-in result" })).toContainText(
      "A real sign-in would be refused: No claim maps to a group",
    );
    await page.getByRole("button", { name: "Add a mapping" }).click();
    const row = page.getByRole("group", { name: "Mapping 1" });
    await row.getByLabel("Value").fill("OR-IT-ADMIN");
    await row.getByLabel("Municipality admin").check();
    await page.getByRole("button", { name: "Save mappings" }).click();
    await expect(page.getByText("Mappings saved.")).toBeVisible();

    // The platform admin invites the first admin.
    await page.goto("/admin/oakridge/invitations");
    const invite = page.getByRole("form", { name: "Invite someone" });
    await invite.getByLabel("Email").fill("oak.admin@oakridge.test");
    await invite.getByLabel("Municipality admin", { exact: true }).check();
    await invite.getByRole("button", { name: "Send invitation" }).click();
    const mail = await waitForMail("oak.admin@oakridge.test", /\/invite\//);
    const link = mail.match(/https?:\/\/\S+\/invite\/[A-Za-z0-9_-]+/)![0];

    // The sign-in page shows the new municipality's button at once (no restart); the invitation
    // link offers it too, and SSO accepts the invitation and lets the first admin in as admin.
    await page.context().clearCookies();
    await page.goto("/signin");
    await expect(page.getByRole("button", { name: "Continue with Oakridge SSO" })).toBeVisible();
    await page.goto(link);
    await expect(page.getByRole("heading", { name: "Join Oakridge" })).toBeVisible();
    // The button is a client component: wait until the page is interactive before clicking.
    await page.waitForLoadState("networkidle");
    await page.getByRole("button", { name: "Continue with Oakridge SSO" }).click();
    await idpLogin(page, "oak.admin@oakridge.test");
    await expect(page).toHaveURL(/\/w\/oakridge$/);
    await page.goto("/w");
    await expect(page.getByRole("list", { name: "Your municipalities" })).toContainText("Groups: Municipality admin");
    expect((await page.goto("/admin/oakridge/people"))?.status()).toBe(200);
    const [state] = await sql<{ status: string; accepted: boolean }>(
      `SELECT m.status::text, i."acceptedAt" IS NOT NULL AS accepted FROM "Membership" m JOIN "User" u ON u.id = m."userId"
         JOIN "Invitation" i ON i.email = u.email AND i."municipalityId" = m."municipalityId"
        WHERE u.email = 'oak.admin@oakridge.test' AND m."municipalityId" = $1`,
      [town.id],
    );
    expect(state).toEqual({ status: "ACTIVE", accepted: true });
  } finally {
    // Later specs meet the demo towns' sign-in buttons only.
    await sql(`UPDATE "SsoConnection" SET enabled = false WHERE "municipalityId" = $1`, [town.id]);
  }
});
