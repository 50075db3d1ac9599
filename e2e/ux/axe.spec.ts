// The accessibility check (./support/axe.ts: no serious or critical WCAG 2.1 AA violation by
// axe-core, exactly one h1) fails on a broken page. It runs over every page of the tour, at 1280
// and 390 px, in ./pages.spec.ts.
import { expect, test } from "@playwright/test";
import { accessibilityProblems } from "./support/axe";

test("the check fails on a deliberately broken page, and passes on its repaired twin", async ({ page }) => {
  const broken = `<!doctype html><html lang="en"><head><title>Broken</title></head><body><main>
    <h1>One</h1><h1>Two</h1>
    <input type="text" name="email">
    <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
    <p style="color:#c8c8c8;background:#ffffff">Faint words nobody can read.</p>
  </main></body></html>`;
  await page.setContent(broken);
  const problems = await accessibilityProblems(page, "broken");
  const rules = (id: string) => problems.filter((p) => p.includes(`: ${id} (`));
  expect(rules("label"), problems.join("\n")).toHaveLength(1);
  expect(rules("image-alt"), problems.join("\n")).toHaveLength(1);
  expect(rules("color-contrast"), problems.join("\n")).toHaveLength(1);
  expect(problems).toContain('broken: 2 h1 elements, not one ("One", "Two")');
  expect(rules("label")[0]).toMatch(/ at input/);

  await page.setContent(`<!doctype html><html lang="en"><head><title>Fixed</title></head><body><main>
    <h1>One</h1><h2>Two</h2>
    <label for="e">Email</label><input id="e" type="text" name="email">
    <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="A dot">
    <p style="color:#333333;background:#ffffff">Words anyone can read.</p>
  </main></body></html>`);
  expect(await accessibilityProblems(page, "fixed")).toEqual([]);
});
