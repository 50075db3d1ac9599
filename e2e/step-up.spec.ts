// Step-up before privileged actions (issue 15, lib/auth/step-up.ts): a session whose last
// authentication is older than 15 minutes gets "Confirm it's you" instead of the change, and
// nothing changes; after confirming with the password (/signin/confirm) the same change goes
// through, with what was typed kept. A wrong password is refused with one clear message and
// confirms nothing.
import { expect, test } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { sql, testPrisma } from "../test/fixtures/db";
import { freshPerson, freshSignInPerson } from "../test/fixtures/people";
import { DEMO_PASSWORD, signInTo } from "./support/auth";

const tag = () => randomBytes(4).toString("hex");

/** A fresh riverton admin, a viewer for them to change (`<label>-admin-…`, `<label>-target-…`) and the viewer's person page. */
async function adminAndTarget(label: string) {
  const muni = (await testPrisma().municipality.findUniqueOrThrow({ where: { slug: "riverton" } })).id;
  const t = tag();
  const admin = await freshSignInPerson(muni, ["municipality_admin"], `${label}-admin-${t}@riverton.test`);
  const target = await freshPerson(muni, ["viewer"], {
    email: `${label}-target-${t}@riverton.test`,
    emailVerified: new Date(),
  });
  return { admin, target, personPath: `/admin/riverton/people/${target.memberships[0]!.id}` };
}

/** Makes every live session of this person look as if it signed in `minutes` ago (activity stays now). */
async function ageAuthentication(userId: string, minutes: number) {
  await sql(
    `UPDATE "Session" SET "authenticatedAt" = now() - make_interval(mins => $2::int) WHERE "userId" = $1 AND "revokedAt" IS NULL`,
    [userId, minutes],
  );
}

test("a step-up prompt appears before a group change; after confirming with the password the change goes through", async ({
  page,
}) => {
  const { admin, target, personPath } = await adminAndTarget("stepup");
  await signInTo(page, admin.email, personPath);
  await ageAuthentication(admin.id, 16);

  const form = page.getByRole("form", { name: "Change access" });
  await form.getByLabel("analyst").check();
  await form.getByRole("button", { name: "Save access" }).click();
  const prompt = form.getByRole("alert").filter({ hasText: "Confirm it's you" });
  await expect(prompt).toBeVisible();
  await expect(prompt).toContainText("Nothing was changed");
  // What was typed is still there: the box stays ticked in the page.
  await expect(form.getByLabel("analyst")).toBeChecked();
  const groups = async () =>
    (await testPrisma().membership.findUniqueOrThrow({ where: { id: target.memberships[0]!.id } })).groups;
  expect(await groups()).toEqual(["viewer"]);

  await prompt.getByRole("link", { name: "Confirm it's you" }).click();
  await expect(page).toHaveURL(/\/signin\/confirm\?next=/);
  await expect(page.getByRole("heading", { name: "Confirm it's you" })).toBeVisible();

  // A wrong password: one clear message, and still not confirmed.
  await page.getByLabel("Password", { exact: true }).fill("not-the-password-at-all");
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByRole("alert").first()).toContainText("That password is not right");
  await expect(page).toHaveURL(/\/signin\/confirm/);
  const [{ n: failed }] = (await sql<{ n: string }>(
    `SELECT count(*)::text AS n FROM "AuditEvent" WHERE action = 'auth.step_up.failed' AND "subjectUserId" = $1`,
    [admin.id],
  )) as [{ n: string }];
  expect(failed).toBe("1");

  await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page).toHaveURL(new RegExp(`${personPath}$`));

  // Back on the page, what was typed before is filled in again: submitting again is one click.
  await expect(form.getByLabel("analyst")).toBeChecked();
  await form.getByRole("button", { name: "Save access" }).click();
  await expect(form.getByRole("status")).toContainText("Access changed");
  expect((await groups()).sort()).toEqual(["analyst", "viewer"]);
  const steps = await sql(`SELECT 1 FROM "AuditEvent" WHERE action = 'auth.step_up' AND "subjectUserId" = $1`, [
    admin.id,
  ]);
  expect(steps).toHaveLength(1);
});

test("without JavaScript the prompt is a plain link to the step-up page, and the change waits for it", async ({
  browser,
}) => {
  const { admin, target, personPath } = await adminAndTarget("stepup-nojs");
  const ctx = await browser.newContext({ javaScriptEnabled: true });
  const page = await ctx.newPage();
  await signInTo(page, admin.email, personPath);
  const cookies = await ctx.cookies();
  await ctx.close();
  await ageAuthentication(admin.id, 16);

  const noJs = await browser.newContext({ javaScriptEnabled: false });
  await noJs.addCookies(cookies);
  const p = await noJs.newPage();
  await p.goto(personPath);
  const deactivate = p.locator("form").filter({ has: p.getByRole("button", { name: "Deactivate account" }) });
  await deactivate.getByLabel("Reason for deactivating the whole account").fill("left the municipality");
  await deactivate.getByRole("button", { name: "Deactivate account" }).click();
  const link = p.getByRole("link", { name: "Confirm it's you" });
  await expect(link).toBeVisible();
  expect(await link.getAttribute("href")).toBe(`/signin/confirm?next=${encodeURIComponent(personPath)}`);
  expect((await testPrisma().user.findUniqueOrThrow({ where: { id: target.id } })).isActive).toBe(true);
  await noJs.close();
});
