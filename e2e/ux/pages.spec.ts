// The page-quality checks over every stop of the tour (./support/tour.ts: every page route of the
// build, as an account that may open it), in one walk per width: opening each page as each
// account is most of what these checks cost, so each page is opened once per width and every
// check runs on it. Each check's self-test, showing it fails on a page broken on purpose, sits in
// its own file (axe, phone-width, plain-text); the tour's coverage in tour.spec.ts.
//   1280 px: the page opens (200; 404 for the not-found stop), axe-core WCAG 2.1 A/AA with no
//            serious or critical violation and one h1, no internal id, enum constant or identifier.
//   390 px:  the same axe check, no page wider than the phone, and the header menu open once per
//            signed-in account.
import { expect, test } from "@playwright/test";
import { accessibilityProblems } from "./support/axe";
import { overflowOf, type Overflow } from "./support/fits";
import { checkPlainText } from "./support/plain-text";
import { staffTheTourRequest, tourStops, Visitors, type Stop } from "./support/tour";

const PHONE = 390;

let stops: Stop[];
let restore: () => Promise<void>;
test.beforeAll(async () => {
  stops = await tourStops();
  restore = await staffTheTourRequest(stops);
});
test.afterAll(async () => restore());

const who = (s: Stop) => `${s.account ?? "anonymous"} ${s.path}`;
const tooWide = (where: string, o: Overflow) =>
  `${where}: ${o.scrollWidth}px wide at ${o.innerWidth}px — ${o.culprits.join(" | ")}`;

test("every page at 1280 px opens, passes axe (WCAG 2.1 AA) with one h1, and shows no internal ids or names", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000 + stops.length * 15_000); // the full size opens every page as every account
  const visitors = new Visitors(browser, baseURL!);
  try {
    // Each page its own (soft) assertions: a long run reports every page found so far.
    for (const s of stops) {
      const page = await visitors.page(s.account, 1280);
      const res = await page.goto(s.path);
      expect.soft(res?.status(), `${who(s)}: status`).toBe(s.route === "(not found)" ? 404 : 200);
      expect.soft(await accessibilityProblems(page, `${who(s)} @1280`)).toEqual([]);
      expect.soft((await checkPlainText(page)).map((f) => `${who(s)}: ${f}`)).toEqual([]);
      await page.context().close();
    }
  } finally {
    await visitors.close();
  }
});

test("every page at 390 px passes axe with one h1 and fits the phone, and so does the open header menu", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000 + stops.length * 15_000);
  const visitors = new Visitors(browser, baseURL!);
  const menuChecked = new Set<string>();
  try {
    for (const s of stops) {
      const page = await visitors.page(s.account, PHONE);
      await page.goto(s.path);
      await page.waitForLoadState("networkidle");
      expect.soft(await accessibilityProblems(page, `${who(s)} @${PHONE}`)).toEqual([]);
      const o = await overflowOf(page);
      expect.soft(o && tooWide(who(s), o)).toBeNull();
      // The menu, open, once per signed-in account (its links differ by account).
      const menu = page.getByRole("navigation", { name: "Main" }).locator("summary", { hasText: "Menu" });
      if (s.account && !menuChecked.has(s.account) && (await menu.isVisible())) {
        menuChecked.add(s.account);
        await menu.click();
        await expect(page.getByRole("button", { name: "Sign out", exact: true })).toBeVisible();
        const open = await overflowOf(page);
        expect.soft(open && tooWide(`${who(s)} (menu open)`, open)).toBeNull();
      }
      await page.context().close();
    }
  } finally {
    await visitors.close();
  }
  expect([...menuChecked], "signed-in accounts whose menu was opened").toContain("admin@riverton.test");
});
