// The idle limit (issue 15; SP 800-53 AC-11/AC-12): enforced on the server — a session whose last
// request is older than its idle minutes is ended at its next request, which lands on the sign-in
// page saying why — and announced in the browser a minute before, with "Stay signed in" (counts
// as activity) and "Sign out". The warning asks the server first, so activity elsewhere (another
// tab) keeps it away. The browser's clock is Playwright's (page.clock); the server's is moved by
// setting the session's lastSeenAt in the database.
import { expect, test } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { sql, testPrisma } from "../test/fixtures/db";
import { freshPerson } from "../test/fixtures/people";
import { DEMO_PASSWORD, signIn } from "./support/auth";

const IDLE_MESSAGE = "You were signed out after a while without activity";

async function person(label: string) {
  const muni = (await testPrisma().municipality.findUniqueOrThrow({ where: { slug: "riverton" } })).id;
  return freshPerson(muni, ["viewer"], {
    email: `idle-${label}-${randomBytes(4).toString("hex")}@riverton.test`,
    password: DEMO_PASSWORD,
    emailVerified: new Date(),
  });
}

/** The person's live session, as the server sees it. */
async function sessionOf(userId: string) {
  return testPrisma().session.findFirstOrThrow({ where: { userId }, orderBy: { createdAt: "desc" } });
}

/** The server's clock for this session: its last activity `secondsAgo` seconds ago, with `idleMinutes`. */
async function lastSeen(userId: string, secondsAgo: number, idleMinutes?: number) {
  await sql(
    `UPDATE "Session" SET "lastSeenAt" = now() - make_interval(secs => $2::int)${idleMinutes ? `, "idleMinutes" = ${Number(idleMinutes)}` : ""} WHERE "userId" = $1 AND "revokedAt" IS NULL`,
    [userId, secondsAgo],
  );
}

test("the idle limit signs a person out on the server", async ({ page }) => {
  const p = await person("server");
  await signIn(page, p.email);
  await expect(page).toHaveURL(/\/w/);
  const s = await sessionOf(p.id);
  await lastSeen(p.id, (s.idleMinutes + 1) * 60);

  await page.goto("/account");
  await expect(page).toHaveURL(/\/signin\?reason=idle/);
  await expect(page.getByRole("status")).toContainText(IDLE_MESSAGE);
  const ended = await sessionOf(p.id);
  expect(ended.revokedAt).not.toBeNull();
  expect(
    await testPrisma().auditEvent.count({ where: { action: "auth.session.idle_timeout", subjectUserId: p.id } }),
  ).toBe(1);
  // The cookie is still in the browser, but nothing revives the session.
  await page.goto("/w");
  await expect(page).toHaveURL(/\/signin\?reason=idle/);
});

test("the browser warns a minute before the idle limit; staying signed in counts as activity; at the end the sign-in page says why", async ({
  page,
}) => {
  const p = await person("warning");
  await page.clock.install();
  await signIn(page, p.email);
  await expect(page).toHaveURL(/\/w/);
  // The warning plans its timers once hydrated: before that, a jump of the clock finds none.
  await page.waitForLoadState("networkidle");
  const dialog = page.getByRole("alertdialog", { name: "Still there?" });

  // The browser's clock reaches the warning, but the server says there is plenty of time left
  // (as after a click in another tab): no warning.
  // The browser asks the server over the real network: wait for that answer, or the next jump of
  // the clock could come before the component has planned from it (it would then plan 29 minutes
  // past that jump).
  const asked = page.waitForResponse((r) => new URL(r.url()).pathname === "/api/session");
  await page.clock.fastForward("29:30");
  await (await asked).finished();
  await expect(page.getByRole("alertdialog")).toBeHidden();

  // Now the server's session has 50 seconds left: the warning appears, with the focus on "Stay signed in".
  // The clock moves a minute at a time until it does, so a slow answer above cannot skip the moment.
  await lastSeen(p.id, 4 * 60 + 10, 5);
  await page.clock.fastForward("29:00");
  await expect
    .poll(async () => (await dialog.isVisible()) || (await page.clock.fastForward("01:00"), false), {
      timeout: 20_000,
    })
    .toBe(true);
  await expect(dialog).toContainText("You will be signed out in");
  await expect(dialog.getByRole("button", { name: "Stay signed in" })).toBeFocused();
  await expect(dialog.getByRole("button", { name: "Sign out" })).toBeVisible();

  // Keyboard: Enter on the focused button stays signed in, which the server counts as activity.
  const before = (await sessionOf(p.id)).lastSeenAt;
  await page.keyboard.press("Enter");
  await expect(dialog).toBeHidden();
  await expect.poll(async () => (await sessionOf(p.id)).lastSeenAt.getTime()).toBeGreaterThan(before.getTime());

  // Nothing happens any more; the server's limit passes; the browser goes to the sign-in page.
  await lastSeen(p.id, 6 * 60);
  await page.clock.fastForward("05:00");
  await expect(page).toHaveURL(/\/signin\?reason=idle/);
  await expect(page.getByRole("status")).toContainText(IDLE_MESSAGE);
  expect((await sessionOf(p.id)).revokedAt).not.toBeNull();
});
