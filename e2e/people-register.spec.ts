import { expect, test } from "@playwright/test";
import { signIn } from "./support/auth";
import { waitForMail } from "../test/fixtures/smtp";

test("self-registration: listed domain only, link by mail, profile, then the approval queue", async ({ browser }) => {
  const page = await (await browser.newContext()).newPage();
  await page.goto("/register");
  const form = page.getByRole("form", { name: "Ask to join" });
  await form.getByLabel("Municipality").selectOption("riverton");
  await form.getByLabel("Work email").fill(`someone.${Date.now()}@gmail.example`);
  await form.getByRole("button", { name: "Send me a confirmation link" }).click();
  await expect(form.getByText(/^Use an address ending in @riverton.test/)).toBeVisible();

  const email = `self.${Date.now()}@riverton.test`;
  await form.getByLabel("Work email").fill(email);
  await form.getByRole("button", { name: "Send me a confirmation link" }).click();
  await expect(page.getByRole("status")).toContainText("confirmation link is on its way");

  const link = (await waitForMail(email, /\/invite\//)).match(/https?:\/\/\S+\/invite\/[A-Za-z0-9_-]+/)![0];
  await page.goto(link);
  await expect(page.getByText(/You asked to join Riverton/)).toBeVisible();
  await page.getByLabel("Your name").fill("Sam Selfreg");
  await page.getByLabel("Choose a password").fill("a-long-enough-password");
  await page.getByLabel("Repeat the password").fill("a-long-enough-password");
  await page.getByRole("button", { name: "Next: your profile" }).click();
  await page.getByRole("button", { name: "Create my account" }).click();
  await expect(page.getByRole("status")).toContainText("an administrator will review your account");

  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, "admin@riverton.test", undefined, "/admin/riverton/approvals");
  await expect(admin.getByRole("button", { name: `Approve ${email}` })).toBeVisible();
  const item = admin.getByRole("listitem").filter({ hasText: email });
  await item.getByLabel("Reason for rejecting").fill("Not on the staff list");
  await item.getByRole("button", { name: `Reject ${email}` }).click();
  await waitForMail(email, /Not on the staff list/);
  await admin.reload();
  await admin.getByRole("button", { name: `Re-open ${email}` }).click();
  await expect(admin.getByRole("button", { name: `Approve ${email}` })).toBeVisible();
});

test("an invitation link that is not valid gets a clear page, not an error", async ({ page }) => {
  await page.goto("/invite/this-is-not-a-valid-token-at-all-0123456789abcdef");
  await expect(page.getByRole("heading", { name: "This invitation link is not valid" })).toBeVisible();
});
