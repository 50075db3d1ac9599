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
