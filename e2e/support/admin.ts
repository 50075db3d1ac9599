// Steps an administrator takes in the browser that several specs share: inviting someone from the
// invitations page, deactivating an account from a person's page. Each waits for the page's own
// confirmation, so a spec goes on only once the step has happened.
import { expect, type Page } from "@playwright/test";
import { confirmInDialog } from "./confirm";

/** On the open invitations page: invite `email` with the groups (and categories) of these labels. */
export async function sendInvitation(page: Page, email: string, labels: string[]) {
  const form = page.getByRole("form", { name: "Invite someone" });
  await form.getByLabel("Email").fill(email);
  for (const label of labels) await form.getByLabel(label).check();
  await form.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByText(`Invitation sent to ${email}.`)).toBeVisible();
}

/** From the people list on the page: open `name`'s page and deactivate their whole account. */
export async function deactivateAccount(page: Page, name: string, reason: string) {
  await page.getByRole("link", { name }).click();
  await page.getByLabel("Reason for deactivating the whole account").fill(reason);
  await page.getByRole("button", { name: "Deactivate account" }).click();
  await confirmInDialog(page, "Deactivate account");
  await expect(page.getByText("Account deactivated.")).toBeVisible();
}
