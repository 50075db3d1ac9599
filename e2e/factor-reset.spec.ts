// An administrator resets a person's sign-in factors from the person page (issue 15): the page
// shows which factors exist (names and dates, never secrets); the reset asks for confirmation in
// a dialog, removes passkeys, authenticator app and recovery codes, ends the person's sessions and
// tells them by mail through the outbox.
import { expect, test } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { testPrisma } from "../test/fixtures/db";
import { freshSignInPerson } from "../test/fixtures/people";
import { DEMO_PASSWORD, signIn } from "./support/auth";

test("an admin sees a person's factors and resets them after confirming; the person is signed out and told by mail", async ({
  page,
  browser,
}) => {
  const db = testPrisma();
  const muni = (await db.municipality.findUniqueOrThrow({ where: { slug: "riverton" } })).id;
  const t = randomBytes(4).toString("hex");
  const admin = await freshSignInPerson(muni, ["municipality_admin"], `reset-admin-${t}@riverton.test`);
  const person = await freshSignInPerson(muni, ["viewer"], `reset-person-${t}@riverton.test`, {
    name: `Reset Person ${t}`,
  });
  // The person is signed in somewhere (before they had factors: a password-only sign-in).
  const theirs = await browser.newContext();
  const theirPage = await theirs.newPage();
  await signIn(theirPage, person.email);
  await expect(theirPage).toHaveURL(/\/w/);
  const secret = `sealed-${randomBytes(8).toString("hex")}`;
  await db.webAuthnCredential.create({
    data: {
      userId: person.id,
      credentialId: randomBytes(16).toString("hex"),
      publicKey: Buffer.from("pk"),
      name: "Work laptop",
    },
  });
  await db.totpFactor.create({ data: { userId: person.id, secretCipher: secret, confirmedAt: new Date() } });
  for (let i = 0; i < 2; i++)
    await db.recoveryCode.create({ data: { userId: person.id, codeHash: randomBytes(16).toString("hex") } });

  const personPath = `/admin/riverton/people/${person.memberships[0]!.id}`;
  await signIn(page, admin.email, DEMO_PASSWORD, personPath);
  const section = page.getByRole("region", { name: "Sign-in methods" });
  await expect(section).toContainText("Work laptop");
  await expect(section).toContainText(/Authenticator app\s*yes, since/);
  await expect(section).toContainText(/Recovery codes left\s*2/);
  expect(await page.content()).not.toContain(secret);

  const form = section.getByRole("form", { name: "Reset sign-in methods" });
  await form.getByLabel("Reason for the reset").fill("lost the laptop and phone");
  await form.getByLabel(/I have confirmed with/).check();
  await form.getByRole("button", { name: "Reset sign-in methods" }).click();
  const dialog = page.getByRole("dialog", { name: /Reset .*sign-in methods\?/ });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  expect(await db.webAuthnCredential.count({ where: { userId: person.id } })).toBe(1);

  await form.getByRole("button", { name: "Reset sign-in methods" }).click();
  await dialog.getByRole("button", { name: "Reset", exact: true }).click();
  await expect(
    page.getByText(/Sign-in methods reset: 1 passkey, the authenticator app and 2 recovery codes/),
  ).toBeVisible();
  expect(await db.webAuthnCredential.count({ where: { userId: person.id } })).toBe(0);
  expect(await db.totpFactor.count({ where: { userId: person.id } })).toBe(0);
  expect(await db.recoveryCode.count({ where: { userId: person.id } })).toBe(0);
  expect(await db.auditEvent.count({ where: { action: "auth.factors.reset", subjectUserId: person.id } })).toBe(1);
  const mail = await db.outboxMessage.findFirstOrThrow({ where: { userId: person.id, template: "factors-reset" } });
  expect(mail.to).toBe(person.email);

  // Their session ended on the server: the next request is the sign-in page.
  await theirPage.goto("/w");
  await expect(theirPage).toHaveURL(/\/signin\?reason=revoked/);
  await theirs.close();
});
