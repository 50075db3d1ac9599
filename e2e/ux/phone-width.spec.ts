// At 390 px (a phone) no page is wider than the screen: a table wider than the phone scrolls inside
// its own region; the page never does. This is the check's self-test; it runs over every page of
// the tour, with the header menu open too, in ./pages.spec.ts.
import { expect, test } from "@playwright/test";
import { overflowOf } from "./support/fits";

const PHONE = 390;

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
