// The tour the page-quality checks take (./support/tour.ts) covers every page of the build: a page
// that no account may open as a page of its own is named here with the reason. That every stop
// opens is checked on the walk itself (./pages.spec.ts).
import { expect, test } from "@playwright/test";
import { builtRoutes, CATALOG } from "../security/support/routes";
import { tourStops, type Stop } from "./support/tour";

/** Pages that only ever send the browser on (they have nothing of their own to show). */
const PASS_THROUGH: Record<string, string> = {
  "/signin/continue": "after the first factor it sends the browser on to finish or to where it was going",
  "/services/sign-in/[uid]/deny": "sends the browser back to the service, which is told access was denied",
  "/w/[slug]/clips/[clipId]/latest": "sends the browser on to the saved clip's page showing its latest result",
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
      // AuthZEN: services ask there with their credentials; no person opens them.
      !r.startsWith("/access/") &&
      !r.startsWith("/.well-known/") &&
      // Health, readiness and metrics: for load balancers and scrapers, not people.
      !["/healthz", "/readyz", "/metrics"].includes(r) &&
      !/\/(export|callback|template)$/.test(r) &&
      !/\.\w+$/.test(r) &&
      // A photo's bytes (and its thumbnail) are images, not pages.
      !/\/photos\/\[photoId\](\/thumb)?$/.test(r),
  );
  expect(pageRoutes.filter((r) => !onTour.has(r) && !(r in PASS_THROUGH))).toEqual([]);
});
