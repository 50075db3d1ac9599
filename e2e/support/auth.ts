import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { enrollsAtSignIn, finishPendingSignIns } from "../../test/fixtures/sign-in";

// The seed's password of every demo account (lib/seed/test-users.ts), not a copy of it.
import { DEMO_PASSWORD } from "../../lib/seed/test-users";

export { DEMO_PASSWORD };

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD, next?: string) {
  await page.goto(next ? `/signin?next=${encodeURIComponent(next)}` : "/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  // Platform accounts wait at enrollment (MFA is always required of them); specs about other
  // things go on as if it were done (test/fixtures/sign-in.ts).
  if (enrollsAtSignIn(email)) {
    await page.waitForURL(/\/signin\/enroll/);
    await finishPendingSignIns(email);
    await page.goto(next ?? "/w");
  }
}

/** Signs in with the password, asking for `path`, and waits to land there. */
export async function signInTo(page: Page, email: string, path: string, password = DEMO_PASSWORD) {
  await signIn(page, email, password, path);
  await expect(page).toHaveURL(new RegExp(`${path}$`));
}

export async function expectSignedIn(page: Page, email: string) {
  await expect(page.getByText(`Signed in as ${email}`)).toBeVisible();
}

/** The workspace home's line naming the groups the person holds in that municipality, by label. */
export const groupsLine = (page: Page) => page.getByText(/^Your groups here:/);

/** Signs the operator of Riverton in and opens "Assigned to me" from the workspace navigation. */
export async function openAssignedToMe(page: Page, email = "operator@riverton.test") {
  await signIn(page, email, undefined, "/w/riverton");
  await expect(page).toHaveURL(/\/w\/riverton$/, { timeout: 30_000 });
  await page
    .getByRole("navigation", { name: "Riverton workspace" })
    .getByRole("link", { name: "Assigned to me" })
    .click();
}

/** One password sign-in through next-auth's own endpoint, as the form does it; answers where next-auth would send the browser. */
export async function passwordSignIn(
  ctx: APIRequestContext,
  email: string,
  password: string,
  headers: Record<string, string> = {},
): Promise<string> {
  const { csrfToken } = (await (await ctx.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await ctx.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password, callbackUrl: "/w", json: "true" },
    headers,
    maxRedirects: 0,
    failOnStatusCode: false,
  });
  return ((await res.json()) as { url: string }).url;
}
