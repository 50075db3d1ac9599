// Every stop of the page-quality tour (./support/tour.ts: every page route of the build, as an
// account that may open it) at 1280 and 390 px: no serious or critical WCAG 2.1 AA violation
// (axe-core) and exactly one h1. The self-test shows the same check fails on a broken page.
import { expect, test } from "@playwright/test";
import { accessibilityProblems } from "./support/axe";
import { tourStops, Visitors, type Stop } from "./support/tour";

const WIDTHS = [1280, 390];

let stops: Stop[];
test.beforeAll(async () => {
  stops = await tourStops();
});

for (const width of WIDTHS)
  test(`every page at ${width} px: no serious or critical axe violation (WCAG 2.1 AA) and one h1`, async ({
    browser,
    baseURL,
  }) => {
    test.setTimeout(900_000);
    const visitors = new Visitors(browser, baseURL!);
    const problems: string[] = [];
    try {
      for (const s of stops) {
        const page = await visitors.page(s.account, width);
        await page.goto(s.path);
        problems.push(...(await accessibilityProblems(page, `${s.account ?? "anonymous"} ${s.path} @${width}`)));
        await page.context().close();
      }
    } finally {
      await visitors.close();
    }
    expect(problems, problems.join("\n")).toEqual([]);
  });

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
