// The tour the page-quality checks take (./support/tour.ts) covers every page of the build: a page
// that no account may open as a page of its own is named here with the reason.
import { expect, test } from "@playwright/test";
import { builtRoutes, CATALOG } from "../security/support/routes";
import { tourStops, Visitors, type Stop } from "./support/tour";

/** Pages that only ever send the browser on (they have nothing of their own to show). */
const PASS_THROUGH: Record<string, string> = {
  "/signin/continue": "after the first factor it sends the browser on to finish or to where it was going",
};

let stops: Stop[];
test.beforeAll(async () => {
  stops = await tourStops();
});

test("every page route of the build is on the tour", () => {
  const pages = builtRoutes().filter(
    (r) => CATALOG[r]?.({ munis: [], probes: [], memberships: [], departments: [], tag: "" }) !== undefined,
  );
  const onTour = new Set(stops.map((s) => s.route));
  const pageRoutes = pages.filter(
    // Files (favicon.ico, robots.txt) are not pages.
    (r) =>
      !r.startsWith("/api/") &&
      !r.startsWith("/scim/") &&
      !/\/(export|callback|template)$/.test(r) &&
      !/\.\w+$/.test(r),
  );
  expect(pageRoutes.filter((r) => !onTour.has(r) && !(r in PASS_THROUGH))).toEqual([]);
});

test("every stop of the tour opens", async ({ browser, baseURL }) => {
  test.setTimeout(300_000);
  const visitors = new Visitors(browser, baseURL!);
  const failures: string[] = [];
  try {
    for (const s of stops) {
      const page = await visitors.page(s.account, 1280);
      const res = await page.goto(s.path);
      const expected = s.route === "(not found)" ? 404 : 200;
      if (res?.status() !== expected) failures.push(`${s.account ?? "anonymous"} ${s.path}: ${res?.status()}`);
      await page.context().close();
    }
  } finally {
    await visitors.close();
  }
  expect(failures).toEqual([]);
});
