// Self-service in the browser (issue 15): "forgot password" through the real SMTP test server ends
// every other session, the link works once, reused and expired links explain themselves; a weak
// password is refused with a field message; password and email change on /account (the new
// address confirmed from its mail, the old one told).
import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD, expectSignedIn, signIn } from "./support/auth";
import { sql } from "../test/fixtures/db";
import { demoMunicipality } from "../test/fixtures/municipalities";
import { freshPerson } from "../test/fixtures/people";
import { waitForMail, waitForNthMail } from "../test/fixtures/smtp";

const tag = randomBytes(4).toString("hex");
const STRONG = "lantern orchard violet";
const STRONGER = "quiet harbour saffron kite";

const linkIn = (body: string, path: string) => body.match(new RegExp(`https?://\\S+/${path}/[A-Za-z0-9_-]+`))![0];

async function person(label: string) {
  const email = `${label}-${tag}@example.test`;
  await freshPerson((await demoMunicipality("riverton")).id, ["viewer"], {
    email,
    name: `Pat ${label}`,
    password: DEMO_PASSWORD,
    emailVerified: new Date(),
    source: "seed",
  });
  return email;
}

async function fillNewPassword(page: Page, password: string) {
  await page.getByLabel("New password", { exact: true }).fill(password);
  await page.getByLabel("Repeat the new password").fill(password);
}

test("forgot password: a neutral answer, a one-use link by mail that ends every other session; used and expired links explain themselves", async ({
  browser,
}) => {
  const email = await person("reset");
  // Another browser is signed in before the reset.
  const laptop = await (await browser.newContext()).newPage();
  await signIn(laptop, email);
  await expectSignedIn(laptop, email);

  const page = await (await browser.newContext()).newPage();
  await page.goto("/signin");
  await page.getByRole("link", { name: "Forgot password?" }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  const form = page.getByRole("form", { name: "Reset your password" });
  await form.getByLabel("Email").fill(email);
  await form.getByRole("button", { name: "Send me a reset link" }).click();
  await expect(page.getByRole("status")).toContainText("a link to reset it is on its way");
  const answer = await page.getByRole("status").textContent();

  // An address nobody has gets the same words.
  const other = await (await browser.newContext()).newPage();
  const nobody = `nobody-${tag}@example.test`;
  await other.goto("/forgot-password");
  await other.getByLabel("Email").fill(nobody);
  await other.getByRole("button", { name: "Send me a reset link" }).click();
  await expect(other.getByRole("status")).toHaveText(answer!.replace(email, nobody));

  const link = linkIn(await waitForMail(email, /reset-password\//), "reset-password");
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
  // A common password: the meter says so while typing, and the server refuses it beside the field.
  await fillNewPassword(page, "password1234");
  await expect(page.locator("#password-strength")).toContainText("Strength: weak");
  await page.getByRole("button", { name: "Set the new password" }).click();
  await expect(page.locator("#password-error")).toContainText(/commonly used|easy to guess/i);
  await fillNewPassword(page, STRONG);
  await expect(page.locator("#password-strength")).toContainText("this password can be used");
  await page.getByRole("button", { name: "Set the new password" }).click();
  await expect(page.getByRole("status")).toContainText("every session was signed out");

  // The other browser is out at its next click; the person is told by mail.
  await laptop.getByRole("link", { name: "Workspace" }).click();
  await expect(laptop).toHaveURL(/\/signin\?reason=revoked/);
  await waitForMail(email, /password of your Gatehouse account was just reset/);
  // The old password no longer works; the new one does.
  await signIn(laptop, email, DEMO_PASSWORD);
  await expect(laptop.getByRole("alert").filter({ hasText: "do not match" })).toBeVisible();
  await signIn(laptop, email, STRONG);
  await expectSignedIn(laptop, email);

  // The link worked once.
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "This password reset link was already used" })).toBeVisible();

  // A new link, then 30 minutes pass: it has expired, and says so.
  await page.goto("/forgot-password");
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send me a reset link" }).click();
  await expect(page.getByRole("status")).toContainText("on its way");
  const second = linkIn(await waitForNthMail(email, /reset-password\//, 2), "reset-password");
  expect(second).not.toBe(link);
  await sql(
    `UPDATE "AccountToken" SET "expiresAt" = now() - interval '1 minute' WHERE "userId" = (SELECT id FROM "User" WHERE email = $1) AND "usedAt" IS NULL AND "revokedAt" IS NULL`,
    [email],
  );
  await page.goto(second);
  await expect(page.getByRole("heading", { name: "This password reset link has expired" })).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: "links work for 30 minutes" })).toBeVisible();
  // Nothing changed: the password set by the first link still signs in.
  const again = await (await browser.newContext()).newPage();
  await signIn(again, email, STRONG);
  await expectSignedIn(again, email);
});

test("on /account: profile, password change (weak refused beside the field) and email change confirmed by mail", async ({
  page,
}) => {
  const email = await person("acct");
  await signIn(page, email);
  await expectSignedIn(page, email);
  await page.goto("/account");

  const profile = page.getByRole("form", { name: "Your profile" });
  await profile.getByLabel("Job title (optional)").fill("Building inspector");
  await profile.getByLabel("Work phone (optional)").fill("+1 555 0142");
  await profile.getByRole("button", { name: "Save profile" }).click();
  await expect(profile.getByRole("status")).toHaveText("Your profile was saved.");
  await page.reload();
  await expect(page.getByRole("form", { name: "Your profile" }).getByLabel("Job title (optional)")).toHaveValue(
    "Building inspector",
  );

  const pw = page.getByRole("form", { name: "Change your password" });
  await pw.getByLabel("Current password").fill("not my password at all");
  await fillNewPassword(page, STRONGER);
  await pw.getByRole("button", { name: "Change password" }).click();
  await expect(pw.locator("#currentPassword-error")).toHaveText("That is not your current password.");
  await pw.getByLabel("Current password").fill(DEMO_PASSWORD);
  await fillNewPassword(page, `Pat acct ${email}`);
  await pw.getByRole("button", { name: "Change password" }).click();
  await expect(pw.locator("#password-error")).toContainText("your own name or email address");
  await fillNewPassword(page, STRONGER);
  await pw.getByRole("button", { name: "Change password" }).click();
  await expect(pw.getByRole("status")).toContainText("Your password was changed.");
  await waitForMail(email, /changed on your account page/);

  const newEmail = `moved-${tag}@example.test`;
  const em = page.getByRole("form", { name: "Change your email address" });
  await em.getByLabel("New email address").fill(newEmail);
  await em.getByLabel("Your current password").fill(STRONGER);
  await em.getByRole("button", { name: "Send a confirmation link" }).click();
  await expect(em.getByRole("status")).toContainText(`We mailed a confirmation link to ${newEmail}`);
  await waitForMail(email, new RegExp(`change its email address to ${newEmail}`));
  const link = linkIn(await waitForMail(newEmail, /confirm-email\//), "confirm-email");
  await page.goto(link);
  await page.getByRole("button", { name: `Use ${newEmail} for my account` }).click();
  await expect(page.getByRole("status")).toContainText(`Your email address is now ${newEmail}`);
  await waitForMail(email, new RegExp(`is now ${newEmail}`));
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "This address was already confirmed" })).toBeVisible();

  const fresh = await (await page.context().browser()!.newContext()).newPage();
  await signIn(fresh, newEmail, STRONGER);
  await expectSignedIn(fresh, newEmail);
});
