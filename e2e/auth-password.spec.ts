import { expect, test } from "@playwright/test";
import { expectSignedIn, signIn, DEMO_PASSWORD } from "./support/auth";
import { sql } from "../test/fixtures/db";

test("a member signs in with a password and lands in their workspace", async ({ page }) => {
  await signIn(page, "viewer@riverton.test");
  await expect(page).toHaveURL(/\/w$/);
  await expectSignedIn(page, "viewer@riverton.test");
  const list = page.getByRole("list", { name: "Your municipalities" });
  await expect(list.getByRole("link", { name: "Riverton" })).toBeVisible();
  await expect(list).toContainText("Groups: Viewer");
  await expect(list.getByRole("link", { name: "Lakeside" })).toHaveCount(0);
});

test("a wrong password and a deactivated account get the same generic answer", async ({ page }) => {
  await signIn(page, "viewer@riverton.test", "not-the-password");
  const generic = /do not match an active account/;
  await expect(page.getByRole("alert").filter({ hasText: generic })).toBeVisible();
  await signIn(page, "deactivated@riverton.test");
  await expect(page.getByRole("alert").filter({ hasText: generic })).toBeVisible();
  await signIn(page, "nobody@nowhere.test", "whatever-password");
  await expect(page.getByRole("alert").filter({ hasText: generic })).toBeVisible();
  await expect(page).toHaveURL(/\/signin/);
});

test("the workspace needs a session and says so", async ({ page }) => {
  await page.goto("/w");
  await expect(page).toHaveURL(/\/signin\?reason=required/);
  await expect(page.getByRole("status")).toContainText("Please sign in");
});

test("ten wrong passwords lock the account for this address; the right one then fails too from here; the audit log shows it", async ({
  page,
}) => {
  // An account no other test signs in with: the lockout lasts 15 minutes. It holds for this
  // account from this address only (lib/auth/credentials.ts): the account itself is not locked,
  // or anyone could lock anyone out.
  const email = "suspended@riverton.test";
  for (let i = 0; i < 10; i++) {
    await signIn(page, email, `wrong-${i}`);
    await expect(page.getByRole("alert").filter({ hasText: /do not match/ })).toBeVisible();
  }
  const [user] = await sql<{ id: string; lockedUntil: Date | null; signInLockedAt: Date | null }>(
    `select id, "lockedUntil", "signInLockedAt" from "User" where email = $1`,
    [email],
  );
  expect(user!.lockedUntil).toBeNull();
  expect(user!.signInLockedAt).toBeNull();
  await signIn(page, email, DEMO_PASSWORD);
  await expect(page.getByRole("alert").filter({ hasText: /do not match an active account/ })).toBeVisible();
  await expect(page).toHaveURL(/\/signin/);
  const events = await sql<{ action: string }>(
    `select action from "AuditEvent" where "subjectUserId" = $1 order by seq`,
    [user!.id],
  );
  const actions = events.map((e) => e.action);
  expect(actions.filter((a) => a === "auth.login.failed").length).toBeGreaterThanOrEqual(10);
  expect(actions).toContain("auth.lockout");
  expect(actions.at(-1)).toBe("auth.login.locked");
  const [lockout] = await sql<{ data: Record<string, unknown> }>(
    `select data from "AuditEvent" where "subjectUserId" = $1 and action = 'auth.lockout' order by seq desc limit 1`,
    [user!.id],
  );
  expect(lockout!.data).toMatchObject({ scope: "account_and_address" });
});
