import { expect, test } from "@playwright/test";

test("the public home lists the demo municipalities and links to their pages", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Municipalities" })).toBeVisible();
  const list = page.getByRole("list", { name: "Municipalities" });
  for (const name of ["Riverton", "Lakeside", "Hillcrest"]) {
    await expect(list.getByRole("link", { name: new RegExp(name) })).toBeVisible();
  }
  await list.getByRole("link", { name: /Lakeside/ }).click();
  await expect(page).toHaveURL(/\/m\/lakeside$/);
  await expect(page.getByRole("heading", { level: 1, name: "Lakeside" })).toBeVisible();
});

test("an unknown municipality answers not found", async ({ page }) => {
  const res = await page.goto("/m/atlantis");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
});

test("pages carry a nonce-based CSP and the security headers, and still hydrate", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  const res = await page.goto("/");
  const h = res!.headers();
  expect(h["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(h["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(h["x-content-type-options"]).toBe("nosniff");
  expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(h["strict-transport-security"]).toContain("max-age=");
  // Client-side navigation works only if Next's scripts were allowed to run.
  await page.getByRole("link", { name: /Riverton/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Riverton" })).toBeVisible();
  expect(violations).toEqual([]);
});
