import { expect, type Page } from "@playwright/test";
import { devIdpClientSecret } from "../../lib/crypto/secret-box";

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

/**
 * On /admin/<slug>/sso: creates the municipality's OIDC connection to the local provider (its
 * client `gatehouse-<slug>`, job codes as the groups claim) and waits for the page to say so.
 */
export async function connectLocalProvider(page: Page, slug: string) {
  await page.getByLabel("Issuer URL").fill(`http://127.0.0.1:${process.env.E2E_IDP_PORT ?? 3901}`);
  await page.getByLabel("Client id").fill(`gatehouse-${slug}`);
  await page.getByLabel("Client secret").fill(devIdpClientSecret(process.env.AUTH_SECRET!, slug));
  await page.getByLabel("Scopes").fill("openid email profile groups");
  await page.getByLabel("Claim that carries groups or job codes").fill("job_codes");
  await page.getByRole("button", { name: "Create connection" }).click();
  await expect(page.getByText("Connection created.")).toBeVisible();
}
