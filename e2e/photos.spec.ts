// Photos with a report (issue 18), in Chromium against the production build: a citizen attaches a
// phone photo (GPS in its EXIF) to a report; staff see it on the request page and publish it; the
// public — the portal's photo routes and the public API — sees it only after that, and no longer
// once it is unpublished. Refused uploads (not an image, an image bomb) say so on the field and
// store nothing. Staff add photos on the request page too.
import { expect, test, type Page } from "@playwright/test";
import { sql } from "../test/fixtures/db";
import { EXIF_MARK, canvas, phoneJpeg, pngBomb } from "../test/fixtures/images";
import { signInTo } from "./support/auth";

const counts = async () =>
  (
    await sql<{ r: string; p: string; o: string }>(
      `SELECT (SELECT count(*) FROM "ServiceRequest")::text AS r, (SELECT count(*) FROM "RequestPhoto")::text AS p, (SELECT count(*) FROM "StoredObject")::text AS o`,
    )
  )[0]!;

async function fillReport(page: Page, title: string) {
  await page.goto("/m/riverton/requests/new");
  await page.getByLabel("Category").selectOption("ROADS");
  await page.getByLabel("What is the problem?").fill(title);
  await page.getByLabel("Details").fill("The kerb stone is broken and sticks out into the road.");
  await page.getByLabel("Area or district").fill("Millbrook");
}

test.beforeEach(async () => {
  // Reports are limited per address (5 in 15 minutes); every report here comes from 127.0.0.1.
  await sql(`DELETE FROM "RateLimitBucket" WHERE key LIKE 'submit:%'`);
});

test("a citizen's photo reaches staff at once and the public only once staff publish it", async ({
  page,
  browser,
  baseURL,
}) => {
  const title = `Broken kerb ${Date.now()}`;
  await fillReport(page, title);
  await page.getByLabel("Photos (optional)").setInputFiles({
    name: "IMG_0001.jpg",
    mimeType: "image/jpeg",
    buffer: await phoneJpeg(640, 480),
  });
  await expect(page.getByText("1 photo chosen: IMG_0001.jpg")).toBeVisible();
  await page.getByRole("button", { name: "Send report" }).click();
  await expect(page.getByRole("status")).toContainText("received");

  const [request] = await sql<{ id: string; isPublic: boolean }>(
    `SELECT id, "isPublic" FROM "ServiceRequest" WHERE title = $1`,
    [title],
  );
  expect(request?.isPublic).toBe(true); // Riverton shows new reports at once: only the photo waits
  const photos = await sql<{ id: string; storageKey: string; isPublished: boolean }>(
    `SELECT id, "storageKey", "isPublished" FROM "RequestPhoto" WHERE "requestId" = $1`,
    [request!.id],
  );
  expect(photos).toHaveLength(1);
  const photo = photos[0]!;
  expect(photo.isPublished).toBe(false);

  // The public: neither the picture, nor its thumbnail, nor its id in the API.
  const anon = await browser.newContext({ baseURL });
  const publicUrl = `/m/riverton/photos/${photo.id}`;
  expect((await anon.request.get(publicUrl)).status()).toBe(404);
  expect((await anon.request.get(`${publicUrl}/thumb`)).status()).toBe(404);
  const before = await (await anon.request.get(`/api/public/v1/service-requests/${request!.id}`)).text();
  expect(before).not.toContain(photo.id);
  expect(JSON.parse(before).data.photos).toEqual([]);

  // Staff see it (upright: the phone said "rotate 90°") and publish it.
  await signInTo(page, "manager@riverton.test", `/w/riverton/requests/${request!.id}`);
  const section = page.getByRole("region", { name: "Photos" });
  await expect(section.getByText("Staff only")).toBeVisible();
  const thumb = section.getByRole("img", { name: /Photo 1/ });
  await expect(thumb).toBeVisible();
  // Thumbnails load lazily: bring it into view and wait for its bytes.
  await thumb.scrollIntoViewIfNeeded();
  await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  expect(
    await thumb.evaluate((img: HTMLImageElement) => [img.naturalWidth > 0, img.naturalHeight > img.naturalWidth]),
  ).toEqual([true, true]);
  const staffBytes = await page.request.get(`/w/riverton/requests/${request!.id}/photos/${photo.id}`);
  expect(staffBytes.status()).toBe(200);
  expect(staffBytes.headers()).toMatchObject({
    "content-type": "image/jpeg",
    "cache-control": "private, no-store",
    "x-content-type-options": "nosniff",
    "content-disposition": 'inline; filename="photo.jpg"',
  });
  const body = await staffBytes.body();
  expect(body.includes(EXIF_MARK)).toBe(false);
  expect(body.includes("Exif")).toBe(false);

  await section.getByRole("button", { name: "Publish photo 1" }).click();
  await expect(section.getByText(/^\W*Public$/)).toBeVisible();
  await expect(section.getByRole("button", { name: "Unpublish photo 1" })).toBeVisible();
  const events = await sql<{ n: string }>(
    `SELECT count(*)::text AS n FROM "RequestEvent" WHERE "requestId" = $1 AND kind = 'PHOTO_PUBLISHED'`,
    [request!.id],
  );
  expect(events[0]!.n).toBe("1");

  // Now the public sees it, in the API and at its public address.
  const shown = await anon.request.get(publicUrl);
  expect(shown.status()).toBe(200);
  expect(shown.headers()["content-type"]).toBe("image/jpeg");
  expect(shown.headers()["x-content-type-options"]).toBe("nosniff");
  const api = JSON.parse(await (await anon.request.get(`/api/public/v1/service-requests/${request!.id}`)).text());
  expect(api.data.photos).toEqual([
    expect.objectContaining({ id: photo.id, url: publicUrl, thumbnailUrl: `${publicUrl}/thumb` }),
  ]);
  expect(JSON.stringify(api)).not.toContain(photo.storageKey);
  expect(JSON.stringify(api)).not.toContain("isPublished");

  // Unpublished again: gone for the public at once.
  await section.getByRole("button", { name: "Unpublish photo 1" }).click();
  await expect(section.getByText("Staff only")).toBeVisible();
  expect((await anon.request.get(publicUrl)).status()).toBe(404);
  await anon.close();
});

test("a file that is not a photo, or an image bomb, is refused on the field and nothing is stored", async ({
  page,
}) => {
  const before = await counts();
  await fillReport(page, `Not a photo ${Date.now()}`);
  await page.getByLabel("Photos (optional)").setInputFiles({
    name: "holiday.jpg",
    mimeType: "image/jpeg",
    buffer: Buffer.from("<html><script>alert(1)</script></html>"),
  });
  await page.getByRole("button", { name: "Send report" }).click();
  await expect(
    page.getByText("The photo is not a photo we can read. Send a JPEG, PNG or WebP photo.").first(),
  ).toBeVisible();
  // What was typed stays; a real photo instead goes through.
  await expect(page.getByLabel("What is the problem?")).toHaveValue(/^Not a photo/);
  await page
    .getByLabel("Photos (optional)")
    .setInputFiles({ name: "bomb.png", mimeType: "image/png", buffer: await pngBomb() });
  await page.getByRole("button", { name: "Send report" }).click();
  await expect(page.getByText(/The photo is 50000 × 50000 pixels, more than we accept/).first()).toBeVisible();
  expect(await counts()).toEqual(before);
});

test("staff who work a request add photos to it; they are staff only until published", async ({
  page,
  browser,
  baseURL,
}) => {
  const [request] = await sql<{ id: string }>(
    `SELECT r.id FROM "ServiceRequest" r JOIN "Municipality" m ON m.id = r."municipalityId" WHERE m.slug = 'riverton' AND r.category = 'ROADS'
       AND NOT EXISTS (SELECT 1 FROM "RequestPhoto" p WHERE p."requestId" = r.id) ORDER BY r.id DESC LIMIT 1`,
  );
  const had = 0;
  await signInTo(page, "operator@riverton.test", `/w/riverton/requests/${request!.id}`);
  const section = page.getByRole("region", { name: "Photos" });
  await section.getByLabel("Add photos").setInputFiles([
    { name: "a.png", mimeType: "image/png", buffer: await canvas(300, 200, "#22aa55").png().toBuffer() },
    { name: "b.webp", mimeType: "image/webp", buffer: await canvas(200, 300, "#aa2255").webp().toBuffer() },
  ]);
  await section.getByRole("button", { name: "Upload" }).click();
  await expect(section.getByText("2 photos added.")).toBeVisible();
  await expect(section.getByRole("img")).toHaveCount(had + 2);
  await expect(section.getByText("Staff only")).toHaveCount(had + 2);
  // Nothing chosen: said on the field.
  await section.getByRole("button", { name: "Upload" }).click();
  await expect(section.getByText("Choose a photo first.").first()).toBeVisible();

  // A viewer of the same municipality sees them, but may neither publish nor add.
  const other = await browser.newContext({ baseURL });
  const viewer = await other.newPage();
  await signInTo(viewer, "viewer@riverton.test", `/w/riverton/requests/${request!.id}`);
  const seen = viewer.getByRole("region", { name: "Photos" });
  await expect(seen.getByRole("img")).toHaveCount(had + 2);
  await expect(seen.getByRole("button", { name: /Publish|Unpublish/ })).toHaveCount(0);
  await expect(seen.getByLabel("Add photos")).toHaveCount(0);
  await other.close();
});
