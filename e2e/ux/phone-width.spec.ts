// At 390 px (a phone) no page is wider than the screen (issue 17, "Checks that keep it so"): every
// stop of the tour (./support/tour.ts — every page route, as an account that may open it), and the
// header's menu opened on a page of each signed-in account. A table wider than the phone scrolls
// inside its own region; the page never does.
import { expect, test } from "@playwright/test";
import { overflowOf, type Overflow } from "./support/fits";
import { tourStops, Visitors, type Stop } from "./support/tour";

const PHONE = 390;

const report = (where: string, o: Overflow) =>
  `${where}: ${o.scrollWidth}px wide at ${o.innerWidth}px — ${o.culprits.join(" | ")}`;

let stops: Stop[];
test.beforeAll(async () => {
  stops = await tourStops();
});

test("the check fails on a page with a table wider than the phone, and passes once the table scrolls in its own region", async ({
  browser,
}) => {
  const page = await browser.newPage({ viewport: { width: PHONE, height: 844 } });
  const table = `<table style="width:1300px"><caption>Wide</caption><tr><td>one</td><td>two</td></tr></table>`;
  await page.setContent(`<!doctype html><body style="margin:0"><main>${table}</main></body>`);
  const broken = await overflowOf(page);
  expect(broken).not.toBeNull();
  expect(broken!.scrollWidth).toBeGreaterThanOrEqual(1300);
  // It names where the overflow starts: the table, not the page around it.
  expect(broken!.culprits[0]).toMatch(/^<table> 1300px "Wide/);
  await page.setContent(
    `<!doctype html><body style="margin:0"><main><div role="region" aria-label="Wide" tabindex="0" style="overflow-x:auto">${table}</div></main></body>`,
  );
  expect(await overflowOf(page)).toBeNull();
  await page.close();
});

test("every page of the tour fits a 390 px phone, and so does the open header menu", async ({ browser, baseURL }) => {
  test.setTimeout(600_000);
  const visitors = new Visitors(browser, baseURL!);
  const failures: string[] = [];
  const menuChecked = new Set<string>();
  try {
    for (const s of stops) {
      const page = await visitors.page(s.account, PHONE);
      await page.goto(s.path);
      await page.waitForLoadState("networkidle");
      const who = s.account ?? "anonymous";
      const o = await overflowOf(page);
      if (o) failures.push(report(`${who} ${s.path}`, o));
      // The menu, open, once per signed-in account (its links differ by account).
      const menu = page.getByRole("navigation", { name: "Main" }).locator("summary", { hasText: "Menu" });
      if (s.account && !menuChecked.has(s.account) && (await menu.isVisible())) {
        menuChecked.add(s.account);
        await menu.click();
        await expect(page.getByRole("button", { name: "Sign out", exact: true })).toBeVisible();
        const open = await overflowOf(page);
        if (open) failures.push(report(`${who} ${s.path} (menu open)`, open));
      }
      await page.context().close();
    }
  } finally {
    await visitors.close();
  }
  expect(failures).toEqual([]);
  expect([...menuChecked], "signed-in accounts whose menu was opened").toContain("admin@riverton.test");
});
