// Authenticator apps and recovery codes in the browser, with codes computed here from the setup
// key the page shows (as the person's phone would): set up on /account, then every sign-in asks
// for a code after the password; wrong and reused codes are refused with their own message; a
// recovery code works once. And a municipality that requires MFA of its admins sends an admin
// without a factor to enrollment after the password, and nowhere else until they have one.
import { expect, test, type Page } from "@playwright/test";
import { generate } from "otplib";
import { DEMO_PASSWORD, signIn } from "./support/auth";
import { testPrisma } from "../test/fixtures/db";
import { freshMunicipality } from "../test/fixtures/municipalities";
import { freshPerson } from "../test/fixtures/people";

const codeAt = (secret: string, offsetSteps = 0) =>
  generate({ secret, epoch: Math.floor(Date.now() / 1000) + offsetSteps * 30 });

/** Sets up the authenticator app on the page in front of it; returns the secret, the confirming code and the recovery codes. */
async function setUpAuthenticator(page: Page) {
  await page.getByRole("button", { name: "Set up an authenticator app" }).click();
  // The setup is a server action that makes the secret and its QR code: slow on a busy machine.
  await expect(page.getByRole("img", { name: "QR code to scan with your authenticator app" })).toBeVisible({
    timeout: 30_000,
  });
  const secret = (await page.locator("#totp-secret").innerText()).replace(/\s/g, "");
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  const code = await codeAt(secret);
  await page.getByLabel("Code from the app").fill(code);
  await page.getByRole("button", { name: "Confirm code" }).click();
  const list = page.getByRole("list", { name: "Your recovery codes" });
  await expect(list.getByRole("listitem")).toHaveCount(10);
  const recoveryCodes = await list.getByRole("listitem").allInnerTexts();
  return { secret, code, recoveryCodes };
}

/** A viewer in a town of their own, signed in on /account, who has just set up the authenticator app. */
async function viewerWithAuthenticator(page: Page) {
  const town = await freshMunicipality();
  const person = await freshPerson(town.id, ["viewer"], { password: DEMO_PASSWORD });
  await signIn(page, person.email, DEMO_PASSWORD, "/account");
  await expect(page).toHaveURL(/\/account$/);
  return { person, ...(await setUpAuthenticator(page)) };
}

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
}

test("authenticator app: set up on /account, then password + code; wrong and reused codes refused; a recovery code works once", async ({
  page,
}) => {
  const { person, secret, code: used, recoveryCodes } = await viewerWithAuthenticator(page);
  const factor = await testPrisma().totpFactor.findUniqueOrThrow({ where: { userId: person.id } });
  expect(factor.confirmedAt).not.toBeNull();
  expect(factor.secretCipher).not.toContain(secret);
  await page.getByRole("link", { name: "Done: I saved my recovery codes" }).click();
  await expect(page.getByText("Authenticator app: set up")).toBeVisible();
  await expect(page.getByText("Recovery codes: 10 of 10 left.")).toBeVisible();
  await signOut(page);

  // The password alone is not enough any more.
  await signIn(page, person.email, DEMO_PASSWORD, "/account");
  await expect(page).toHaveURL(/\/signin\/verify\?next=%2Faccount$/);
  await page.goto("/account");
  await expect(page).toHaveURL(/\/signin\/verify\?next=%2Faccount$/);
  const codeField = page.getByLabel("Six-digit code from your authenticator app");
  const totpAlert = page.getByRole("form", { name: "Sign in with an authenticator code" }).getByRole("alert");
  const wrong = (await codeAt(secret)) === "000000" ? "111111" : "000000";
  await codeField.fill(wrong);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(totpAlert).toContainText("That code is not right");
  await codeField.fill(used);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(totpAlert).toContainText("That code was already used");
  await codeField.fill(await codeAt(secret, 1));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();
  await signOut(page);

  // A recovery code, typed loosely, works once; mailed with how many are left.
  const recovery = recoveryCodes[0]!;
  await signIn(page, person.email, DEMO_PASSWORD, "/account");
  await page.getByText("Use a recovery code instead").click();
  await page.getByLabel("Recovery code", { exact: true }).fill(` ${recovery.toUpperCase().replace(/-/g, " ")} `);
  await page.getByRole("button", { name: "Use recovery code" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByText("Recovery codes: 9 of 10 left.")).toBeVisible();
  const mail = await testPrisma().outboxMessage.findFirstOrThrow({
    where: { userId: person.id, template: "mfa-recovery-used" },
  });
  expect(mail.text).toContain("you have 9 left");
  await signOut(page);

  await signIn(page, person.email, DEMO_PASSWORD, "/account");
  await page.getByText("Use a recovery code instead").click();
  await page.getByLabel("Recovery code", { exact: true }).fill(recovery);
  await page.getByRole("button", { name: "Use recovery code" }).click();
  await expect(page.getByRole("form", { name: "Sign in with a recovery code" }).getByRole("alert")).toContainText(
    "That recovery code was already used",
  );
  await expect(page).toHaveURL(/\/signin\/verify/);
  const events = await testPrisma().auditEvent.findMany({
    where: { subjectUserId: person.id },
    select: { action: true },
  });
  expect(events.map((e) => e.action)).toEqual(
    expect.arrayContaining([
      "auth.mfa.totp_added",
      "auth.mfa.passed",
      "auth.mfa.recovery_used",
      "auth.mfa.code_refused",
    ]),
  );
});

test("with an authenticator app, a step-up asks for its code: new recovery codes after confirming with one", async ({
  page,
}) => {
  const { person, secret, recoveryCodes } = await viewerWithAuthenticator(page);
  await page.getByRole("link", { name: "Done: I saved my recovery codes" }).click();
  // The app is now the strongest factor; this session's authentication was a password.
  await page.getByRole("button", { name: "Make new recovery codes" }).click();
  await page.getByRole("button", { name: "Yes, make new codes" }).click();
  await page.getByRole("link", { name: "Confirm it's you" }).click();
  await expect(page).toHaveURL(/\/signin\/confirm\?next=%2Faccount/);
  await page.getByLabel("Six-digit code from your authenticator app").fill(await codeAt(secret, 1));
  await page.getByRole("button", { name: "Confirm with code" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await page.getByRole("button", { name: "Make new recovery codes" }).click();
  await page.getByRole("button", { name: "Yes, make new codes" }).click();
  // The codes arrive with the action's answer: wait for them before reading them.
  const freshList = page.getByRole("list", { name: "Your recovery codes" }).getByRole("listitem");
  await expect(freshList).toHaveCount(10);
  const fresh = await freshList.allInnerTexts();
  expect(fresh).toHaveLength(10);
  expect(fresh).not.toContain(recoveryCodes[0]);
  expect(await testPrisma().auditEvent.count({ where: { subjectUserId: person.id, action: "auth.step_up" } })).toBe(1);
});

test("an admin without MFA in a municipality that requires it is sent to enrollment and can do nothing else until enrolled", async ({
  page,
}) => {
  const town = await freshMunicipality();
  await testPrisma().municipality.update({ where: { id: town.id }, data: { mfaRequirement: "ADMINS_AND_MANAGERS" } });
  const admin = await freshPerson(town.id, ["municipality_admin"], { password: DEMO_PASSWORD });
  const people = `/admin/${town.slug}/people`;
  await signIn(page, admin.email, DEMO_PASSWORD, people);
  await expect(page).toHaveURL(new RegExp(`/signin/enroll\\?next=${encodeURIComponent(people)}$`));
  await expect(
    page.getByText(`${town.name} requires a second sign-in step for administrators and managers.`),
  ).toBeVisible();

  // Nothing else opens: the admin pages, the account page and the workspace all lead back here.
  for (const path of [people, `/admin/${town.slug}/invitations`, "/account", "/w"]) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/signin\/enroll\?next=/);
  }
  expect((await page.request.get("/api/v1/me")).status()).toBe(401);

  await page.goto(`/signin/enroll?next=${encodeURIComponent(people)}`);
  await setUpAuthenticator(page);
  await expect(page.getByText("Your authenticator app is set up and you are signed in.")).toBeVisible();
  // The sign-in is finished: no other way to set one up is offered any more, only the way on.
  await expect(page.getByRole("button", { name: "Add a passkey and continue" })).toBeHidden();
  await page.getByRole("link", { name: "Continue: I saved my recovery codes" }).click();
  await expect(page).toHaveURL(new RegExp(`${people}$`));
  expect((await page.request.get("/api/v1/me")).status()).toBe(200);
  const audit = await testPrisma().auditEvent.count({
    where: { subjectUserId: admin.id, action: "auth.mfa.enrolled_at_sign_in" },
  });
  expect(audit).toBe(1);
});

test("an SSO sign-in counts as multi-factor when the identity provider says so in amr, as Riverton's connection trusts it", async ({
  browser,
}) => {
  for (const [login, methods] of [
    ["mona", ["fed", "mfa"]],
    ["carol", ["fed"]],
  ] as const) {
    // A browser of its own each: the IdP would otherwise remember the last person.
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto("/signin");
    await page.getByRole("button", { name: "Continue with Riverton SSO" }).click();
    await page.getByPlaceholder("Enter any login").fill(login);
    await page.getByPlaceholder("and password").fill("any-password");
    await page.getByRole("button", { name: "Sign-in" }).click();
    const consent = page.getByRole("button", { name: "Continue" });
    if (await consent.isVisible({ timeout: 3000 }).catch(() => false)) await consent.click();
    await expect(page).toHaveURL(/\/w\/riverton$/);
    const session = await testPrisma().session.findFirstOrThrow({
      where: { user: { email: `${login}@riverton.test` }, revokedAt: null },
      orderBy: { createdAt: "desc" },
    });
    expect({ stage: session.stage, methods: session.authMethods }).toEqual({ stage: "COMPLETE", methods });
    await context.close();
  }
});
