// The map, as a citizen and the public use it: a pin placed by click, by "Use my location" and
// from the keyboard; "Is this the same problem?" naming an open report nearby; the public list's
// map with coarse markers and not one exact coordinate anywhere in the page source or the API.
// Tiles come from the local tile server of e2e/global-setup.ts; every request to anything but
// this machine is refused and recorded, and the test fails if there was one.
import { expect, test } from "@playwright/test";
import { sql } from "../test/fixtures/db";
import { openRoadsReport, stayLocal } from "./support/map";

test.describe("report form", () => {
  test.use({ geolocation: { latitude: 52.0907, longitude: 5.1214 }, permissions: ["geolocation"] });

  test("a pin by click, by 'Use my location' and by the arrow keys; a possible duplicate; the report keeps the exact point", async ({
    page,
    context,
  }) => {
    const outside = await stayLocal(page);
    const near = await openRoadsReport();
    await page.goto("/m/riverton/requests/new");
    const map = page.getByRole("region", { name: "Map: where is the problem?" });
    await expect(map).toBeVisible();
    // Tiles from the local tile server, rendered.
    await expect(map.locator("img.leaflet-tile-loaded").first()).toBeVisible();
    const lat = page.getByLabel("Latitude", { exact: true });
    const lon = page.getByLabel("Longitude", { exact: true });
    await expect(lat).toHaveValue("");

    // By click: the pin appears where clicked and the fields say where.
    await map.click({ position: { x: 120, y: 90 } });
    await expect(page.getByRole("button", { name: "Pin: the arrow keys move it" })).toBeVisible();
    await expect(lat).not.toHaveValue("");
    const clicked = Number(await lat.inputValue());

    // From the keyboard: the focused pin moves north with the up arrow.
    await page.getByRole("button", { name: "Pin: the arrow keys move it" }).focus();
    await page.keyboard.press("ArrowUp");
    await expect.poll(async () => Number(await lat.inputValue())).toBeGreaterThan(clicked);

    // "Use my location": the browser's (granted) position, next to an open roads report.
    await context.setGeolocation({ latitude: near.latitude, longitude: near.longitude });
    await page.getByRole("button", { name: "Use my location" }).click();
    await expect(page.getByText("The pin is at your location.")).toBeVisible();
    await expect(lat).toHaveValue(near.latitude.toFixed(6));
    await expect(lon).toHaveValue(near.longitude.toFixed(6));

    // Typed coordinates move the same pin.
    await lat.fill(String(near.latitude));
    await lon.fill(String(near.longitude));

    // Category and pin set: the open report nearby is offered, linking to its public page.
    await page.getByLabel("Category").selectOption("ROADS");
    const same = page.getByRole("region", { name: "Is this the same problem?" });
    await expect(same).toBeVisible();
    await expect(same).toContainText("This may be the same problem — follow it instead of filing a new report");
    await expect(same.getByRole("link", { name: near.title })).toHaveAttribute(
      "href",
      `/m/riverton/requests/${encodeURIComponent(near.reference)}`,
    );
    // Another category: not the same problem.
    await page.getByLabel("Category").selectOption("NOISE");
    await expect(same.getByRole("link", { name: near.title })).toHaveCount(0);

    // Filed anyway: the exact point is stored, and the public's coarse one beside it.
    const title = `Sinking kerb ${Date.now()}`;
    await page.getByLabel("Category").selectOption("ROADS");
    const report: [string, string][] = [
      ["What is the problem?", title],
      ["Details", "The kerb stone sank; water pools across the crossing."],
      ["Area or district", "Millbrook"],
    ];
    for (const [label, value] of report) await page.getByLabel(label).fill(value);
    await page.getByRole("button", { name: "Send report" }).click();
    await expect(page.getByText("your report was received")).toBeVisible();
    const [row] = await sql<{ latitude: number; longitude: number; approxLatitude: number; approxLongitude: number }>(
      `SELECT latitude, longitude, "approxLatitude", "approxLongitude" FROM "ServiceRequest" WHERE title = $1`,
      [title],
    );
    expect(row!.latitude).toBeCloseTo(near.latitude, 6);
    expect(row!.longitude).toBeCloseTo(near.longitude, 6);
    expect(Math.abs(row!.approxLatitude - near.latitude)).toBeLessThanOrEqual(0.00125 + 1e-9);
    expect(row!.approxLatitude).not.toBe(row!.latitude);
    expect(outside).toEqual([]);
  });

  test("works on a 390 px phone, and the CSP allows images from the tile server only", async ({ page }) => {
    const outside = await stayLocal(page);
    await page.setViewportSize({ width: 390, height: 844 });
    const res = await page.goto("/m/riverton/requests/new");
    const csp = res!.headers()["content-security-policy"]!;
    const img = csp.split(";").find((d) => d.trim().startsWith("img-src"))!;
    expect(img.trim().split(/\s+/).sort()).toEqual(
      ["img-src", "'self'", "data:", "blob:", process.env.E2E_TILE_ORIGIN!].sort(),
    );
    expect(res!.headers()["permissions-policy"]).toContain("geolocation=(self)");
    const map = page.getByRole("region", { name: "Map: where is the problem?" });
    await expect(map.locator("img.leaflet-tile-loaded").first()).toBeVisible();
    const box = (await map.boundingBox())!;
    expect(box.width).toBeLessThanOrEqual(390);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.getByRole("button", { name: "Use my location" }).click();
    await expect(page.getByLabel("Latitude", { exact: true })).toHaveValue("52.090700");
    expect(outside).toEqual([]);
  });
});

test("the public map shows open reports as coarse markers; no exact coordinate in the page source or the API", async ({
  page,
  request,
}) => {
  const outside = await stayLocal(page);
  const rows = await sql<{ reference: string; latitude: number; longitude: number; open: boolean }>(
    `SELECT r.reference, r.latitude, r.longitude, r.status IN ('SUBMITTED','TRIAGED','IN_PROGRESS') AS open
       FROM "ServiceRequest" r JOIN "Municipality" m ON m.id = r."municipalityId"
      WHERE m.slug = 'riverton' AND r.latitude IS NOT NULL`,
  );
  expect(rows.filter((r) => r.open).length).toBeGreaterThan(0);
  // What an exact point would look like in a page or JSON: the stored number as JS prints it.
  const exact = rows.flatMap((r) => [String(r.latitude), String(r.longitude)]).filter((s) => /\.\d{5,}$/.test(s));
  expect(exact.length).toBeGreaterThan(0);

  const res = await page.goto("/m/riverton/requests");
  const html = await res!.text();
  const map = page.getByRole("region", { name: "Map of open reports" });
  await expect(map.locator(".gh-marker").first()).toBeVisible();
  expect(await map.locator(".gh-marker").count()).toBeGreaterThan(0);
  await expect(map.locator("img.leaflet-tile-loaded").first()).toBeVisible();
  // A marker opens a popup linking to the report's public page.
  await map.locator(".gh-marker").first().focus();
  await page.keyboard.press("Enter");
  await expect(map.getByRole("link", { name: "View this report" })).toHaveAttribute(
    "href",
    /^\/m\/riverton\/requests\/[^/]+$/,
  );

  // The RSC payload of a client-side visit too.
  const rsc = await (await request.get("/m/riverton/requests", { headers: { RSC: "1" } })).text();
  const api = await (await request.get("/api/public/v1/service-requests?limit=100")).text();
  for (const [where, body] of [
    ["HTML", html],
    ["rendered page", await page.content()],
    ["RSC payload", rsc],
    ["public API", api],
  ] as const) {
    const leaked = exact.filter((s) => body.includes(s));
    expect(leaked, `exact coordinates in the ${where}`).toEqual([]);
    expect(body, where).not.toMatch(/"latitude"|"longitude"/);
  }
  // The API gives the public's coarse point.
  expect(api).toContain("approxLatitude");
  expect(outside).toEqual([]);
});
