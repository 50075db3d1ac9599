// Being refused, told honestly: each state has its own page (suspended with the reason and whom to
// ask, waiting for approval, not approved, deactivated, no membership), at sign-in and when access
// ends mid-session — only to the person themself; a municipality they never belonged to stays
// "not found". And the destructive steps on the way ask first: cancel changes nothing.
import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { signIn, signInTo } from "./support/auth";
import { confirmInDialog } from "./support/confirm";
import { sendInvitation } from "./support/admin";
import { sql, testPrisma } from "../test/fixtures/db";
import { clearSignInLocks, freshSignInPerson, freshUser, DEMO_PASSWORD } from "../test/fixtures/people";
import { demoMunicipality, freshMunicipality } from "../test/fixtures/municipalities";

const h1 = (page: Page) => page.getByRole("heading", { level: 1 });

test.beforeAll(async () => {
  // Another spec locks suspended@ out from this address on purpose (auth-password.spec.ts).
  await clearSignInLocks();
});

test("a suspended member signs in and is told their access is suspended, why, and whom to ask; only their own municipality says so", async ({
  page,
}) => {
  await signIn(page, "suspended@riverton.test");
  await expect(page).toHaveURL(/\/w$/);
  await expect(h1(page)).toHaveText("Your access to Riverton is suspended");
  await expect(page.getByText("Reason given: On leave (demo)")).toBeVisible();
  await expect(page.getByText(/Whom to ask: Riverton IT service desk, servicedesk@riverton\.test/)).toBeVisible();
  await expect(page.getByText("Signed in as suspended@riverton.test")).toBeVisible();
  await expect(page.getByText(/may still need to approve/)).toHaveCount(0);

  // Riverton's workspace pages (and its admin pages) say the same, still as a 404.
  for (const path of ["/w/riverton", "/w/riverton/requests", "/admin/riverton/people"]) {
    expect((await page.goto(path))?.status(), path).toBe(404);
    await expect(h1(page), path).toHaveText("Your access to Riverton is suspended");
  }
  // Somewhere they never belonged: plain "not found", nothing about anyone's access.
  for (const path of ["/w/lakeside", "/w/lakeside/requests", "/w/no-such-town"]) {
    expect((await page.goto(path))?.status(), path).toBe(404);
    await expect(h1(page), path).toHaveText("Not found");
    await expect(page.getByText(/suspended|Whom to ask/)).toHaveCount(0);
  }
});

test("someone still waiting for approval is told so, in Riverton's pages too", async ({ page }) => {
  await signIn(page, "pending@riverton.test");
  await expect(h1(page)).toHaveText("Your access to Riverton is waiting for approval");
  await expect(page.getByText(/You will get an email as soon as they decide/)).toBeVisible();
  expect((await page.goto("/w/riverton"))?.status()).toBe(404);
  await expect(h1(page)).toHaveText("Your access to Riverton is waiting for approval");
});

test("the approval queue says what happened after approve and reject; the rejected person is told why", async ({
  page,
  browser,
}) => {
  const riverton = await demoMunicipality("riverton");
  const tag = randomBytes(4).toString("hex");
  const yes = `yes-${tag}@riverton.test`;
  const no = `no-${tag}@riverton.test`;
  for (const email of [yes, no])
    await freshSignInPerson(riverton.id, ["viewer"], email, { status: "PENDING_APPROVAL" });

  await signInTo(page, "admin@riverton.test", "/admin/riverton/approvals");
  await page.getByRole("button", { name: `Approve ${yes}` }).click();
  await expect(page.getByRole("status").filter({ hasText: "Approved; a welcome mail is on its way." })).toBeVisible();
  await expect(page.getByRole("button", { name: `Approve ${yes}` })).toHaveCount(0);

  const item = page.getByRole("listitem").filter({ hasText: no });
  await item.getByLabel("Reason for rejecting").fill("Not on the staff list");
  await item.getByRole("button", { name: `Reject ${no}` }).click();
  await expect(page.getByRole("status").filter({ hasText: "Rejected; the person was told why." })).toBeVisible();

  const person = await (await browser.newContext()).newPage();
  await signIn(person, no);
  await expect(h1(person)).toHaveText("Your request to join Riverton was not approved");
  await expect(person.getByText("Reason given: Not on the staff list")).toBeVisible();
  await person.context().close();
});

test("suspended mid-session: after the admin confirms (cancel first changes nothing), the person's next page says so, without the reason where the municipality hides it", async ({
  page,
  browser,
}) => {
  const town = await freshMunicipality();
  await testPrisma().municipality.update({ where: { id: town.id }, data: { showSuspensionReason: false } });
  const tag = randomBytes(4).toString("hex");
  const admin = await freshSignInPerson(town.id, ["municipality_admin"], `admin-${tag}@example.test`);
  const member = await freshSignInPerson(town.id, ["viewer"], `member-${tag}@example.test`, { name: "Mo Member" });
  const membershipId = member.memberships[0]!.id;

  const person = await (await browser.newContext()).newPage();
  await signInTo(person, member.email, `/w/${town.slug}`);
  await expect(h1(person)).not.toHaveText(/suspended/);

  await signInTo(page, admin.email, `/admin/${town.slug}/people/${membershipId}`);
  await page.getByLabel("Reason for suspending (this municipality only)").fill("Internal review zq-hidden");
  await page.getByRole("button", { name: "Suspend membership" }).click();
  const dialog = page.getByRole("dialog", { name: "Suspend this membership?" });
  await expect(dialog).toContainText("cannot open anything of this municipality");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  const status = async () =>
    (await sql<{ status: string }>(`select status::text from "Membership" where id = $1`, [membershipId]))[0]!.status;
  expect(await status()).toBe("ACTIVE");

  await page.getByRole("button", { name: "Suspend membership" }).click();
  await confirmInDialog(page, "Suspend membership");
  await expect(page.getByRole("status").filter({ hasText: "Membership suspended." })).toBeVisible();
  expect(await status()).toBe("SUSPENDED");

  await person.reload();
  await expect(h1(person)).toHaveText(`Your access to ${town.name} is suspended`);
  await expect(person.getByText(/does not show the reason here/)).toBeVisible();
  await expect(person.getByText(/zq-hidden/)).toHaveCount(0);
  await expect(person.getByText(/Whom to ask: Ask your manager/)).toBeVisible();
  await person.context().close();
});

test("a refused deactivated account and someone with no membership each get their own page", async ({ page }) => {
  await page.goto("/signin/refused?reason=deactivated&provider=sso-riverton");
  await expect(h1(page)).toHaveText("Your Gatehouse account is deactivated");
  await expect(page.getByText(/Whom to ask: Riverton IT service desk/)).toBeVisible();

  const nobody = await freshUser({
    email: `nobody-${randomBytes(4).toString("hex")}@example.test`,
    password: DEMO_PASSWORD,
    emailVerified: new Date(),
  });
  await signIn(page, nobody.email);
  await expect(page).toHaveURL(/\/w$/);
  await expect(h1(page)).toHaveText("You are not a member of any municipality");
});

test("revoking an invitation asks first: cancel keeps it, confirm revokes it and says so", async ({ page }) => {
  const email = `invitee-${randomBytes(4).toString("hex")}@riverton.test`;
  await signInTo(page, "admin@riverton.test", "/admin/riverton/invitations");
  await sendInvitation(page, email, ["viewer"]);
  const revokedAt = async () =>
    (await sql<{ revokedAt: Date | null }>(`select "revokedAt" from "Invitation" where email = $1`, [email]))[0]!
      .revokedAt;

  const button = page.getByRole("button", { name: `Revoke invitation for ${email}` });
  await button.click();
  const dialog = page.getByRole("dialog", { name: `Revoke the invitation for ${email}?` });
  await expect(dialog).toContainText("stops working at once");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  expect(await revokedAt()).toBeNull();

  await button.click();
  await confirmInDialog(page, `Revoke invitation for ${email}`);
  await expect(page.getByRole("status").filter({ hasText: "Invitation revoked." })).toBeVisible();
  await expect.poll(revokedAt).not.toBeNull();
});
