import type { Page } from "@playwright/test";

/** The local OpenID provider's own sign-in page (oidc-provider's development interaction). */
export async function idpLogin(page: Page, login: string, opts: { mayRemember?: boolean } = {}) {
  const form = page.getByPlaceholder("Enter any login");
  // Within one browser the IdP may remember an earlier sign-in and send the person straight back.
  if (!opts.mayRemember || (await form.isVisible({ timeout: 5000 }).catch(() => false))) {
    await form.fill(login);
    await page.getByPlaceholder("and password").fill("any-password");
    await page.getByRole("button", { name: "Sign-in" }).click();
  }
  const consent = page.getByRole("button", { name: "Continue" });
  if (await consent.isVisible({ timeout: 3000 }).catch(() => false)) await consent.click();
}
