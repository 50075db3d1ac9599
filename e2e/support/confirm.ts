// Destructive steps ask first (app/_components/confirm-dialog.tsx): after pressing the form's
// button, a spec confirms in the dialog, whose confirm button carries the same name.
import type { Page } from "@playwright/test";

export async function confirmInDialog(page: Page, name: string) {
  await page.getByRole("dialog").getByRole("button", { name, exact: true }).click();
}
