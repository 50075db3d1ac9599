import { test } from "@playwright/test";
import { signIn } from "./support/auth";
import { sql } from "../test/fixtures/db";

test("shots", async ({ page }) => {
  const [r] = await sql<{ id: string }>(
    `select sr.id from "ServiceRequest" sr join "Municipality" m on m.id = sr."municipalityId" where m.slug = 'riverton' and category = 'ROADS' limit 1`,
  );
  await signIn(page, "manager@riverton.test", undefined, `/w/riverton/requests/${r!.id}`);
  for (const w of [1280, 390]) {
    await page.setViewportSize({ width: w, height: 900 });
    await page.goto(`/w/riverton/requests/${r!.id}`);
    await page.screenshot({ path: `/tmp/assign-shots/detail-${w}.png`, fullPage: true });
    await page.goto(`/w/riverton/requests`);
    await page.screenshot({ path: `/tmp/assign-shots/list-${w}.png`, fullPage: true });
  }
  await signIn(page, "admin@riverton.test", undefined, `/admin/riverton/tags`);
  for (const w of [1280, 390]) {
    await page.setViewportSize({ width: w, height: 900 });
    await page.goto(`/admin/riverton/tags`);
    await page.screenshot({ path: `/tmp/assign-shots/tags-${w}.png`, fullPage: true });
  }
});
