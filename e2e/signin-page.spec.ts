// The sign-in page offers every way in clearly (issue 15): the municipality's own sign-in (SSO)
// and Google/Microsoft where configured, email and password with "Forgot password?", and — where a
// municipality accepts self-registration — the way to ask for an account. On a 390 px phone too.
import { expect, test } from "@playwright/test";
import { sql } from "../test/fixtures/db";

test("the sign-in page offers SSO, password, forgot password and registration, and fits a 390 px phone", async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/signin");
  await expect(page.getByRole("heading", { name: "Sign in to Gatehouse" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Your municipality's sign-in" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Continue with Riverton SSO" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Email and password" })).toBeVisible();
  await expect(page.getByLabel("Email")).toBeVisible();
  await expect(page.getByLabel("Password")).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "Forgot password?" })).toHaveAttribute("href", "/forgot-password");

  const open = await sql<{ name: string }>(
    `SELECT name FROM "Municipality" WHERE cardinality("selfRegistrationDomains") > 0 ORDER BY name`,
  );
  const register = page.getByRole("link", { name: "ask for an account" });
  if (open.length > 0) {
    await expect(register).toHaveAttribute("href", "/register");
    for (const m of open) await expect(page.getByText(`Staff of`)).toContainText(m.name);
  } else {
    await expect(register).toHaveCount(0);
  }
  // Nothing wider than the phone: no sideways scrolling.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});
