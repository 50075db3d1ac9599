// Charts (issue 17, item 10): on the workspace and the public statistics pages, at 1280 and 390 px,
// the keyboard never stops inside a chart (they are hidden from assistive technology), every
// chart's numbers are a table behind "Show as table", and the period (from/to in the URL) is
// checked on the server and applied.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { Visitors } from "./support/tour";

const PAGES: [string | null, string][] = [
  ["admin@riverton.test", "/w/riverton/stats"],
  [null, "/m/riverton/stats"],
];

/** Runs `check` on each statistics page at `width`, opened fresh as its account. */
async function onEachPage(
  browser: Browser,
  baseURL: string,
  width: number,
  check: (page: Page, path: string) => Promise<void>,
) {
  const visitors = new Visitors(browser, baseURL);
  try {
    for (const [account, path] of PAGES) {
      const page = await visitors.page(account, width);
      await page.goto(path);
      await check(page, path);
      await page.context().close();
    }
  } finally {
    await visitors.close();
  }
}

/** Tabs from the top of the page until focus comes back round; what took focus, in order. */
async function tabThrough(page: Page): Promise<{ what: string; hidden: boolean; inChart: boolean }[]> {
  const seen: { what: string; hidden: boolean; inChart: boolean }[] = [];
  for (let i = 0; i < 150; i++) {
    await page.keyboard.press("Tab");
    const f = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      return {
        what: `${el.tagName.toLowerCase()} ${(el.textContent ?? "").trim().slice(0, 40)}`,
        hidden: !!el.closest('[aria-hidden="true"]'),
        inChart: !!el.closest(".recharts-wrapper, svg"),
      };
    });
    if (!f || (seen.length > 0 && f.what === seen[0]!.what)) return seen;
    seen.push(f);
  }
  throw new Error(`Tab went round 150 times without leaving the page: ${seen.map((s) => s.what).join(" → ")}`);
}

for (const width of [1280, 390])
  test(`statistics at ${width} px: no focus inside a chart, each chart's table behind "Show as table"`, async ({
    browser,
    baseURL,
  }) => {
    await onEachPage(browser, baseURL!, width, async (page, path) => {
      const charts = page.locator("figure");
      const count = await charts.count();
      expect(count, path).toBeGreaterThan(0);
      const stops = await tabThrough(page);
      expect(
        stops.filter((s) => s.hidden || s.inChart),
        `${path}: ${stops.map((s) => s.what).join(" → ")}`,
      ).toEqual([]);
      // Each chart's one stop is its "Show as table", and Tab goes on past the last one.
      const tables = stops.map((s, i) => [s.what, i] as const).filter(([w]) => w === "summary Show as table");
      expect(tables, path).toHaveLength(count);

      // The table opens from the keyboard and holds the chart's numbers.
      const first = charts.first();
      await first.getByText("Show as table").focus();
      await page.keyboard.press("Enter");
      const table = first.getByRole("table");
      await expect(table).toBeVisible();
      expect(await table.getByRole("row").count()).toBeGreaterThan(1);
      await expect(table.getByRole("columnheader", { name: "Count" })).toBeVisible();
    });
  });

test("statistics over a period: the dates travel in the URL, bad ones are refused beside the field", async ({
  browser,
  baseURL,
}) => {
  await onEachPage(browser, baseURL!, 1280, async (page, path) => {
    const all = await page.getByRole("definition").first().innerText();
    const period = page.getByRole("search", { name: "Period" });
    await period.getByLabel("From").fill("2000-01-01");
    await period.getByLabel("To").fill("2000-01-31");
    await period.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/from=2000-01-01&to=2000-01-31/);
    await expect(page.getByText("Created from 1 Jan 2000 to 31 Jan 2000.", { exact: true })).toBeVisible();
    await expect(page.getByRole("main")).toContainText(/No (requests|public reports) created from 1 Jan 2000/);
    await expect(period.getByLabel("From")).toHaveValue("2000-01-01");
    await page.getByRole("link", { name: "All time" }).click();
    await expect(page.getByRole("definition").first()).toHaveText(all);

    await page.goto(`${path}?from=2026-02-30`);
    await expect(period.getByLabel("From")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText("Enter a date as YYYY-MM-DD.")).toBeVisible();
    await page.goto(`${path}?from=2026-03-01&to=2026-02-01`);
    await expect(period.getByLabel("To")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText("“To” must be on or after “From”.")).toBeVisible();
  });
});
