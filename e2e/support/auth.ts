import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "gatehouse-demo";

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD, next?: string) {
  await page.goto(next ? `/signin?next=${encodeURIComponent(next)}` : "/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function expectSignedIn(page: Page, email: string) {
  await expect(page.getByText(`Signed in as ${email}`)).toBeVisible();
}
