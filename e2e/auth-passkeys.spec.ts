// Passkeys in Chromium with a virtual authenticator (the DevTools WebAuthn domain: a real
// authenticator's CTAP2 behaviour, keys and signatures, with user verification): registering one
// on /account, signing in with it alone, as the second factor after a password, step-up with it
// before removing one, and a replayed answer refused.
import { randomBytes } from "node:crypto";
import { expect, request, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD, expectSignedIn, signIn } from "./support/auth";
import { sql, testPrisma } from "../test/fixtures/db";
import { demoMunicipality, freshMunicipality } from "../test/fixtures/municipalities";
import { freshPerson } from "../test/fixtures/people";

const tag = randomBytes(4).toString("hex");

async function virtualAuthenticator(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
}

async function person(label: string) {
  const email = `pk-${label}-${tag}@riverton.test`;
  const p = await freshPerson((await demoMunicipality("riverton")).id, ["viewer"], {
    email,
    name: `Passkey ${label}`,
    password: DEMO_PASSWORD,
    emailVerified: new Date(),
    source: "seed",
  });
  return { id: p.id, email };
}

async function addPasskey(page: Page, name: string) {
  await page.goto("/account");
  const section = page.getByRole("region", { name: "Passkeys", exact: true });
  await section.getByLabel("Name for the new passkey").fill(name);
  await section.getByRole("button", { name: "Add a passkey" }).click();
  await expect(section.getByRole("status")).toContainText(`Passkey "${name}" added`);
  await expect(section.getByRole("table", { name: "Your passkeys" })).toContainText(name);
}

/** A fresh person (`person(label)`) signed in by password in a browser with a virtual authenticator, who has added passkey `name`. */
async function personWithPasskey(page: Page, label: string, name: string) {
  const p = await person(label);
  await virtualAuthenticator(page);
  await signIn(page, p.email);
  await expectSignedIn(page, p.email);
  await addPasskey(page, name);
  return p;
}

/** From the sign-in page, the "Sign in with a passkey" button (the virtual authenticator answers). */
async function signInWithPasskey(page: Page) {
  await page.goto("/signin");
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
}

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/$/);
  await page.goto("/w");
  await expect(page).toHaveURL(/\/signin/);
}

const auditOf = (userId: string, action: string) =>
  sql<{ data: Record<string, unknown> }>(
    `SELECT data FROM "AuditEvent" WHERE "subjectUserId" = $1 AND action = $2 ORDER BY seq`,
    [userId, action],
  );
const sessionsOf = (userId: string) =>
  sql<{ stage: string; authMethods: string[] }>(
    `SELECT stage::text AS stage, "authMethods" FROM "Session" WHERE "userId" = $1 AND "revokedAt" IS NULL ORDER BY "createdAt"`,
    [userId],
  );

test("a passkey registered on /account signs in alone after signing out; adding it is audited and mailed", async ({
  page,
}) => {
  const p = await personWithPasskey(page, "alone", "Work laptop");

  const [cred] = await sql<{ name: string; transports: string[]; counter: string }>(
    `SELECT name, transports, counter::text FROM "WebAuthnCredential" WHERE "userId" = $1`,
    [p.id],
  );
  expect(cred?.name).toBe("Work laptop");
  expect(await auditOf(p.id, "auth.passkey.registered")).toHaveLength(1);
  const mails = await sql<{ subject: string }>(
    `SELECT subject FROM "OutboxMessage" WHERE "to" = $1 AND template = 'passkey-added'`,
    [p.email],
  );
  expect(mails.map((m) => m.subject)).toEqual(["A passkey was added to your Gatehouse account"]);

  await signOut(page);
  await signInWithPasskey(page);
  await expectSignedIn(page, p.email);

  // A passkey alone is multi-factor: the session is complete, its method the passkey.
  const sessions = await sessionsOf(p.id);
  expect(sessions.at(-1)).toEqual({ stage: "COMPLETE", authMethods: ["hwk"] });
  expect((await auditOf(p.id, "auth.login")).map((e) => e.data.method)).toEqual(["password", "passkey"]);
  expect(await auditOf(p.id, "auth.passkey.used")).toHaveLength(1);
  const [after] = await sql<{ lastLoginAt: Date | null; lastUsedAt: Date | null }>(
    `SELECT u."lastLoginAt", c."lastUsedAt" FROM "User" u JOIN "WebAuthnCredential" c ON c."userId" = u.id WHERE u.id = $1`,
    [p.id],
  );
  expect(after?.lastLoginAt).not.toBeNull();
  expect(after?.lastUsedAt).not.toBeNull();
});

test("with a passkey, a password sign-in asks for it as the second factor", async ({ page }) => {
  const p = await personWithPasskey(page, "second", "Phone");
  await signOut(page);

  await signIn(page, p.email, DEMO_PASSWORD, "/account");
  await expect(page).toHaveURL(/\/signin\/verify\?next=%2Faccount/);
  // The partial session carries no access meanwhile.
  expect((await page.request.get("/api/v1/me")).status()).toBe(401);
  await page.getByRole("button", { name: "Use a passkey" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();
  expect((await page.request.get("/api/v1/me")).status()).toBe(200);
  expect((await sessionsOf(p.id)).at(-1)).toEqual({ stage: "COMPLETE", authMethods: ["pwd", "hwk"] });
  const passed = await auditOf(p.id, "auth.mfa.passed");
  expect(passed.at(-1)?.data.methods).toEqual(["hwk"]);
});

test("a replayed passkey answer is refused, and removing a passkey asks for a step-up with a passkey first", async ({
  page,
  baseURL,
}) => {
  const p = await personWithPasskey(page, "replay", "Desk key");
  await signOut(page);

  // Sign in with the passkey and keep what the browser sent.
  await page.goto("/signin");
  const sent = page.waitForRequest((r) => r.url().includes("/api/auth/callback/passkey") && r.method() === "POST");
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  const answer = new URLSearchParams((await sent).postData() ?? "").get("response");
  expect(answer).toBeTruthy();
  await expectSignedIn(page, p.email);

  // The same answer again, from another browser: its challenge is spent, so no session.
  const other = await request.newContext({ baseURL });
  const { csrfToken } = (await (await other.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const replay = await other.post("/api/auth/callback/passkey", {
    form: { csrfToken, response: answer!, callbackUrl: "/w", json: "true" },
    maxRedirects: 0,
    failOnStatusCode: false,
  });
  expect(((await replay.json()) as { url: string }).url).toContain("error=PasskeyChallengeUsed");
  expect((await other.get("/api/v1/me")).status()).toBe(401);
  await other.dispose();
  const failed = await sql<{ data: Record<string, unknown> }>(
    `SELECT data FROM "AuditEvent" WHERE action = 'auth.login.failed' AND data->>'method' = 'passkey' AND data->>'why' = 'challenge_used'`,
  );
  expect(failed.length).toBeGreaterThan(0);
  expect((await auditOf(p.id, "auth.login")).map((e) => e.data.method)).toEqual(["password", "passkey"]);

  // Made-up answers get their own message, never a session.
  await page.goto("/signin");
  const junk = await page.request.post("/api/auth/callback/passkey", {
    form: {
      csrfToken: ((await (await page.request.get("/api/auth/csrf")).json()) as { csrfToken: string }).csrfToken,
      response: '{"id":"AAAA","rawId":"AAAA","type":"public-key","response":{}}',
      callbackUrl: "/w",
      json: "true",
    },
    maxRedirects: 0,
    failOnStatusCode: false,
  });
  expect(junk.status()).toBeLessThan(500);

  // Renaming needs no step-up; removing does, with the passkey (the strongest factor).
  await page.goto("/account");
  const section = page.getByRole("region", { name: "Passkeys", exact: true });
  await section.getByLabel("New name for Desk key").fill("Old desk key");
  await section.getByRole("button", { name: "Rename" }).click();
  await expect(section.getByRole("table", { name: "Your passkeys" })).toContainText("Old desk key");
  expect(await auditOf(p.id, "auth.passkey.renamed")).toHaveLength(1);

  // Make the sign-in old: more than 15 minutes ago.
  await sql(`UPDATE "Session" SET "authenticatedAt" = now() - interval '20 minutes' WHERE "userId" = $1`, [p.id]);
  await section.getByRole("button", { name: "Remove Old desk key" }).click();
  await section.getByRole("button", { name: "Yes, remove Old desk key" }).click();
  await expect(section.getByRole("alert")).toContainText("confirm it's you");
  expect(await sql(`SELECT 1 FROM "WebAuthnCredential" WHERE "userId" = $1`, [p.id])).toHaveLength(1);
  await section.getByRole("link", { name: "Confirm it's you" }).click();
  await expect(page).toHaveURL(/\/signin\/confirm\?next=%2Faccount/);
  await page.getByRole("button", { name: "Confirm with a passkey" }).click();
  await expect(page).toHaveURL(/\/account$/);
  expect((await auditOf(p.id, "auth.step_up")).at(-1)?.data.methods).toEqual(["hwk"]);

  await section.getByRole("button", { name: "Remove Old desk key" }).click();
  await section.getByRole("button", { name: "Yes, remove Old desk key" }).click();
  await expect(section).toContainText("No passkeys yet.");
  expect(await sql(`SELECT 1 FROM "WebAuthnCredential" WHERE "userId" = $1`, [p.id])).toHaveLength(0);
  expect(await auditOf(p.id, "auth.passkey.removed")).toHaveLength(1);
  const removedMail = await sql(`SELECT 1 FROM "OutboxMessage" WHERE "to" = $1 AND template = 'passkey-removed'`, [
    p.email,
  ]);
  expect(removedMail).toHaveLength(1);
});

test("a passkey whose signature counter goes backwards is refused and the anomaly is audited", async ({ page }) => {
  const p = await personWithPasskey(page, "clone", "Cloned key");
  await signOut(page);
  // As if another copy of the key had signed in many times: the stored counter is ahead.
  await sql(`UPDATE "WebAuthnCredential" SET counter = 1000 WHERE "userId" = $1`, [p.id]);

  await signInWithPasskey(page);
  await expect(page.getByRole("alert").filter({ hasText: "its use counter went backwards" })).toBeVisible();
  expect((await page.request.get("/api/v1/me")).status()).toBe(401);
  const anomaly = await auditOf(p.id, "auth.passkey.counter_anomaly");
  expect(anomaly).toHaveLength(1);
  expect(anomaly[0]!.data).toMatchObject({ storedCounter: 1000, purpose: "signin" });
  expect((await sql(`SELECT counter::text AS c FROM "WebAuthnCredential" WHERE "userId" = $1`, [p.id]))[0]).toEqual({
    c: "1000",
  });
});

test("a person who must use MFA and has none enrolls a passkey after the password, which finishes the sign-in", async ({
  page,
}) => {
  const town = await freshMunicipality();
  await testPrisma().municipality.update({ where: { id: town.id }, data: { mfaRequirement: "EVERYONE" } });
  const email = `pk-enroll-${tag}@example.test`;
  const p = await freshPerson(town.id, ["viewer"], {
    email,
    password: DEMO_PASSWORD,
    emailVerified: new Date(),
    source: "seed",
  });
  await virtualAuthenticator(page);
  await signIn(page, email, DEMO_PASSWORD, "/account");
  await expect(page).toHaveURL(/\/signin\/enroll\?next=%2Faccount/);
  expect((await page.request.get("/api/v1/me")).status()).toBe(401);
  await page.getByLabel("Name for the passkey").fill("Town laptop");
  await page.getByRole("button", { name: "Add a passkey and continue" }).click();
  await expect(page).toHaveURL(/\/account$/);
  expect((await page.request.get("/api/v1/me")).status()).toBe(200);
  expect((await sessionsOf(p.id)).at(-1)).toEqual({ stage: "COMPLETE", authMethods: ["pwd", "hwk"] });
  expect((await auditOf(p.id, "auth.passkey.registered"))[0]?.data).toMatchObject({
    name: "Town laptop",
    purpose: "enroll",
  });
  expect(await auditOf(p.id, "auth.mfa.enrolled_at_sign_in")).toHaveLength(1);
  await expect(page.getByRole("table", { name: "Your passkeys" })).toContainText("Town laptop");
});

test("a passkey does not sign in a deactivated account or one under its municipality's strict lockout", async ({
  page,
}) => {
  const p = await personWithPasskey(page, "refused", "Laptop");
  await signOut(page);

  for (const state of [{ signInLockedAt: new Date() }, { isActive: false }]) {
    await testPrisma().user.update({ where: { id: p.id }, data: state });
    await signInWithPasskey(page);
    // The same neutral answer as an unknown passkey.
    await expect(page.getByRole("alert").filter({ hasText: "That passkey was not accepted." })).toBeVisible();
    expect((await page.request.get("/api/v1/me")).status()).toBe(401);
    await testPrisma().user.update({ where: { id: p.id }, data: { signInLockedAt: null, isActive: true } });
  }
  const refused = await auditOf(p.id, "auth.login.refused");
  expect(refused.map((e) => e.data.method)).toEqual(["passkey", "passkey"]);
  // Unlocked and active again: the passkey signs in.
  await signInWithPasskey(page);
  await expectSignedIn(page, p.email);
});
