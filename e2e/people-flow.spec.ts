import { execFileSync } from "node:child_process";
import { expect, test } from "@playwright/test";
import { signIn } from "./support/auth";
import { deactivateAccount, sendInvitation } from "./support/admin";
import { sql } from "../test/fixtures/db";
import { waitForMail } from "../test/fixtures/smtp";

function auditVerify(): { code: number; out: string } {
  try {
    const out = execFileSync("npx", ["tsx", "--conditions=react-server", "scripts/audit-verify.ts"], {
      env: { ...process.env },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    return { code: 0, out };
  } catch (e) {
    const err = e as { status: number; stderr: string; stdout: string };
    return { code: err.status, out: `${err.stdout}${err.stderr}` };
  }
}

test("invite → mail → onboarding → approval → work → deactivation, every step audited and the chain intact", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const email = `new.operator.${Date.now()}@riverton.test`;
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, "admin@riverton.test", undefined, "/admin/riverton/invitations");
  await sendInvitation(admin, email, ["operator", "Roads"]);

  const mail = await waitForMail(email, /\/invite\//);
  const link = mail.match(/https?:\/\/\S+\/invite\/[A-Za-z0-9_-]+/)![0];

  const person = await (await browser.newContext()).newPage();
  await person.goto(link);
  await expect(person.getByRole("heading", { name: "Join Riverton" })).toBeVisible();
  await person.getByLabel("Your name").fill("Nina Newcomer");
  await person.getByLabel("Choose a password").fill("a-long-enough-password");
  await person.getByLabel("Repeat the password").fill("a-long-enough-password");
  await person.getByRole("button", { name: "Next: your profile" }).click();
  await person.getByLabel("Job title (optional)").fill("Road inspector");
  await person.getByLabel("Work phone (optional)").fill("+1 555 0123");
  await person.getByRole("button", { name: "Create my account" }).click();
  await expect(person.getByRole("status")).toContainText("an administrator will review your account");
  await person.goto(link);
  await expect(person.getByRole("heading", { name: "This invitation was already used" })).toBeVisible();

  await admin.goto("/admin/riverton/approvals");
  await admin.getByRole("button", { name: `Approve ${email}` }).click();
  await expect(admin.getByRole("button", { name: `Approve ${email}` })).toHaveCount(0);
  await waitForMail(email, /approved/);

  await signIn(person, email, "a-long-enough-password", "/w/riverton/requests");
  await expect(person.getByRole("heading", { name: "Service requests" })).toBeVisible();
  await person.locator("tbody tr td a").first().click();
  const timeline = person.getByRole("form", { name: "Add to the timeline" });
  await timeline.getByRole("radio", { name: /Internal note/ }).check();
  await timeline.getByLabel("Text").fill("Picked up by the new colleague.");
  await timeline.getByRole("button", { name: "Save to the timeline" }).click();
  await expect(person.getByRole("status").filter({ hasText: "Added to the timeline." })).toBeVisible();

  await admin.goto(`/admin/riverton/people?q=${encodeURIComponent(email)}`);
  await deactivateAccount(admin, "Nina Newcomer", "Trial period ended");
  await person.getByRole("link", { name: "Workspace" }).click();
  await expect(person).toHaveURL(/\/signin\?reason=deactivated/);

  // The admin's own audit log page shows every step for this person, account-level ones included.
  const [u] = await sql<{ id: string }>(`select id from "User" where email = $1`, [email]);
  await admin.goto(`/admin/riverton/audit?person=${u!.id}`);
  for (const step of ["Invitation accepted", "Membership approved", "Timeline entry added", "Account deactivated"]) {
    await expect(admin.getByRole("cell", { name: step, exact: true }).first(), step).toBeVisible();
  }
  await expect(admin.getByRole("cell", { name: /^Nina Newcomer accepted the invitation/ }).first()).toBeVisible();
  await admin.goto(`/admin/riverton/audit?action=invitation.create`);
  await expect(admin.getByRole("row").filter({ hasText: email }).first()).toBeVisible();

  const actions = (
    await sql<{ action: string }>(
      `select action from "AuditEvent" where "subjectUserId" = $1 or data->>'email' = $2 or "actorId" = $1 order by seq`,
      [u!.id, email],
    )
  ).map((a) => a.action);
  for (const step of [
    "invitation.create",
    "invitation.accept",
    "membership.approve",
    "auth.login",
    "ServiceRequest.entry",
    "user.deactivate",
  ])
    expect(actions, step).toContain(step);

  const ok = auditVerify();
  expect(ok.code, ok.out).toBe(0);
  expect(ok.out).toContain("audit trail intact");
  const [victim] = await sql<{ seq: string }>(
    `select seq from "AuditEvent" where action = 'membership.approve' order by seq desc limit 1`,
  );
  await sql(`update "AuditEvent" set data = '{"forged": true}' where seq = $1`, [victim!.seq]);
  const broken = auditVerify();
  expect(broken.code).toBe(1);
  expect(broken.out).toContain(`BROKEN at event #${victim!.seq}`);
});

test("the same invitation accepted twice at once creates exactly one membership", async ({ browser }) => {
  const email = `twice.${Date.now()}@riverton.test`;
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, "admin@riverton.test", undefined, "/admin/riverton/invitations");
  await sendInvitation(admin, email, ["viewer"]);
  const link = (await waitForMail(email, /\/invite\//)).match(/https?:\/\/\S+\/invite\/[A-Za-z0-9_-]+/)![0];

  const pages = await Promise.all([0, 1].map(async () => (await browser.newContext()).newPage()));
  for (const p of pages) {
    await p.goto(link);
    await p.getByLabel("Your name").fill("Twin");
    await p.getByLabel("Choose a password").fill("a-long-enough-password");
    await p.getByLabel("Repeat the password").fill("a-long-enough-password");
    await p.getByRole("button", { name: "Next: your profile" }).click();
  }
  await Promise.all(pages.map((p) => p.getByRole("button", { name: "Create my account" }).click()));
  const outcomes = await Promise.all(
    pages.map(async (p) => {
      await expect(p.getByRole("status").or(p.getByRole("alert").filter({ hasText: /already used/ }))).toBeVisible();
      return (await p.getByRole("status").count()) > 0 ? "accepted" : "refused";
    }),
  );
  expect(outcomes.sort()).toEqual(["accepted", "refused"]);
  const ms = await sql(`select m.id from "Membership" m join "User" u on u.id = m."userId" where u.email = $1`, [
    email,
  ]);
  expect(ms).toHaveLength(1);
});
