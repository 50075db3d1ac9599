// The page-quality checks over every stop of the tour (./support/tour.ts: every page route of the
// build, as an account that may open it), in one walk per width: opening each page as each
// account is most of what these checks cost, so each page is opened once per width and every
// check runs on it. Each check's self-test, showing it fails on a page broken on purpose, sits in
// its own file (axe, phone-width, plain-text); the tour's coverage in tour.spec.ts.
//   1280 px: the page opens (200; 404 for the not-found stop), axe-core WCAG 2.1 A/AA with no
//            serious or critical violation and one h1, no internal id, enum constant or identifier.
//   390 px:  the page opens, the same axe check, no page wider than the phone, and the header menu
//            open once per signed-in account.
// Size: axe is the slow part of a stop. `npm test` opens every stop at both widths with every other
// check, and runs axe on each stop at one width, alternating by the day (inRotation: stops of even
// rank at 1280 one day and at 390 the next; SAMPLE_ROTATION repeats a day's choice), so every page
// passes axe in every run and at both widths every two days. SECURITY_SIZE=full runs axe on every
// stop at both widths (and the tour is every account that may open each page).
import { expect, test } from "@playwright/test";
import { accessibilityProblems } from "./support/axe";
import { overflowOf, type Overflow } from "./support/fits";
import { checkPlainText } from "./support/plain-text";
import { inRotation, ROTATION_NOTE } from "../../test/fixtures/suite-size";
import { staffTheTourRequest, tourStops, Visitors, walkTour, type Stop } from "./support/tour";

const PHONE = 390;

let stops: Stop[];
let restore: () => Promise<void>;
test.beforeAll(async () => {
  stops = await tourStops();
  restore = await staffTheTourRequest(stops);
});
test.afterAll(async () => restore());

const expectedStatus = (s: Stop) => (s.route === "(not found)" ? 404 : 200);
/** Whether stop `i` gets axe at `width` in this run: at full size both widths, else one (by the day). */
const axeAt = (i: number, width: number) => inRotation(i + (width === PHONE ? 1 : 0), 2);
const who = (s: Stop) => `${s.account ?? "anonymous"} ${s.path}`;
const tooWide = (where: string, o: Overflow) =>
  `${where}: ${o.scrollWidth}px wide at ${o.innerWidth}px — ${o.culprits.join(" | ")}`;

test("every page at 1280 px opens and shows no internal ids or names; axe (WCAG 2.1 AA, one h1) on this run's half of them", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000 + stops.length * 15_000); // the full size opens every page as every account
  const visitors = new Visitors(browser, baseURL!);
  try {
    // Each page its own (soft) assertions: a long run reports every page found so far.
    const axed = await walkTour(stops, async (s, i) => {
      const page = await visitors.page(s.account, 1280);
      const res = await page.goto(s.path);
      expect.soft(res?.status(), `${who(s)}: status`).toBe(expectedStatus(s));
      const axe = axeAt(i, 1280);
      if (axe) expect.soft(await accessibilityProblems(page, `${who(s)} @1280 (${ROTATION_NOTE})`)).toEqual([]);
      expect.soft((await checkPlainText(page)).map((f) => `${who(s)}: ${f}`)).toEqual([]);
      await page.context().close();
      return axe;
    });
    expect(axed.some(Boolean), "pages checked with axe at 1280 px").toBe(true);
  } finally {
    await visitors.close();
  }
});

test("every page at 390 px opens and fits the phone, and so does the open header menu; axe on the other half", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000 + stops.length * 15_000);
  const visitors = new Visitors(browser, baseURL!);
  const menuChecked = new Set<string>();
  try {
    const axed = await walkTour(stops, async (s, i) => {
      const page = await visitors.page(s.account, PHONE);
      const res = await page.goto(s.path);
      expect.soft(res?.status(), `${who(s)} @${PHONE}: status`).toBe(expectedStatus(s));
      await page.waitForLoadState("networkidle");
      const axe = axeAt(i, PHONE);
      if (axe) expect.soft(await accessibilityProblems(page, `${who(s)} @${PHONE} (${ROTATION_NOTE})`)).toEqual([]);
      const o = await overflowOf(page);
      expect.soft(o && tooWide(who(s), o)).toBeNull();
      // The menu, open, once per signed-in account (its links differ by account).
      const menu = page.getByRole("navigation", { name: "Main" }).locator("summary", { hasText: "Menu" });
      if (s.account && !menuChecked.has(s.account) && (await menu.isVisible())) {
        menuChecked.add(s.account);
        await menu.click();
        await expect.soft(page.getByRole("button", { name: "Sign out", exact: true })).toBeVisible();
        const open = await overflowOf(page);
        expect.soft(open && tooWide(`${who(s)} (menu open)`, open)).toBeNull();
      }
      await page.context().close();
      return axe;
    });
    expect(axed.some(Boolean), `pages checked with axe at ${PHONE} px`).toBe(true);
  } finally {
    await visitors.close();
  }
  expect([...menuChecked], "signed-in accounts whose menu was opened").toContain("admin@riverton.test");
});
