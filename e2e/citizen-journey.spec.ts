// Issue 18 end to end, as the people do it, in Chromium against the production build: a citizen
// places a pin with "Use my location", attaches a phone photo, is shown a possible duplicate,
// files anyway with updates by mail, gets the tracking mail on the real SMTP test server and opens
// its link; a manager assigns the request to an operator, who finds it under "Assigned to me" and
// changes its status with a public comment; the citizen gets the status mail and sees both on the
// timeline. Throughout, the public map, the public pages and the public API never carry the exact
// location or the unpublished photo. Nothing leaves this machine (tiles are served locally).
import { expect, test } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { sql } from "../test/fixtures/db";
import { waitForMail } from "../test/fixtures/smtp";
import { phoneJpeg } from "../test/fixtures/images";
import { openAssignedToMe, signIn } from "./support/auth";
import { openRoadsReport, stayLocal } from "./support/map";

const TAG = randomBytes(4).toString("hex");

test.use({ permissions: ["geolocation"] });

test.beforeEach(async () => {
  // Reports are limited per address; every report in the suite comes from 127.0.0.1.
  await sql(`DELETE FROM "RateLimitBucket" WHERE key LIKE 'submit:%' OR key LIKE 'dup%'`);
});

test("a citizen reports with a pin and a photo, follows it by mail, and sees staff's status change and public comment", async ({
  page,
  context,
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const outside = await stayLocal(page);
  const near = await openRoadsReport();
  const email = `journey.${TAG}@example.org`;
  const title = `Pothole by the bus stop ${TAG}`;

  // The citizen: their location next to an open roads report, which is offered as the same problem.
  await context.setGeolocation({ latitude: near.latitude, longitude: near.longitude });
  await page.goto("/m/riverton/requests/new");
  await page.getByRole("button", { name: "Use my location" }).click();
  await expect(page.getByText("The pin is at your location.")).toBeVisible();
  await page.getByLabel("Category").selectOption("ROADS");
  const same = page.getByRole("region", { name: "Is this the same problem?" });
  await expect(same.getByRole("link", { name: near.title })).toBeVisible();
  // Filed anyway, with a photo whose EXIF holds the phone's GPS position.
  for (const [label, value] of [
    ["What is the problem?", title],
    ["Details", "A deep pothole right where the bus stops; cyclists swerve into the road."],
    ["Area or district", "Millbrook"],
    ["Email", email],
  ] as const)
    await page.getByLabel(label, { exact: true }).fill(value);
  await page.getByLabel("Photos (optional)").setInputFiles({
    name: "IMG_2041.jpg",
    mimeType: "image/jpeg",
    buffer: await phoneJpeg(640, 480),
  });
  await page.getByLabel("Email me updates about this report").check();
  await page.getByRole("button", { name: "Send report" }).click();
  await expect(page.getByRole("status")).toContainText("your report was received");
  const reference = (await page.getByTestId("report-reference").textContent())!;
  expect(reference).toMatch(/^RIV-\d{5}$/);

  const [filed] = await sql<{ id: string; latitude: number; longitude: number; photoId: string }>(
    `SELECT r.id, r.latitude, r.longitude, p.id AS "photoId" FROM "ServiceRequest" r JOIN "RequestPhoto" p ON p."requestId" = r.id WHERE r.reference = $1`,
    [reference],
  );
  expect(filed!.latitude).toBeCloseTo(near.latitude, 6);

  // The tracking mail on the SMTP test server; its link opens the report's tracking page.
  const trackingMail = await waitForMail(email, new RegExp(`Follow report ${reference}`));
  const link = new URL(/https?:\/\/\S+\/m\/riverton\/track\/[A-Za-z0-9_-]{43}(?!\/)/.exec(trackingMail)![0]).pathname;
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(title);

  // The manager assigns it to the roads operator.
  const manager = await browser.newPage({ baseURL });
  await signIn(manager, "manager@riverton.test", undefined, `/w/riverton/requests/${filed!.id}`);
  await expect(manager).toHaveURL(new RegExp(`/w/riverton/requests/${filed!.id}$`), { timeout: 30_000 });
  const picker = manager.getByRole("form", { name: "Assign the request" });
  const offered = await picker.getByLabel("Assigned to").locator("option").allTextContents();
  await picker
    .getByLabel("Assigned to")
    .selectOption({ label: offered.find((o) => o.includes("operator@riverton.test"))! });
  await picker.getByRole("button", { name: "Save assignment" }).click();
  await expect(picker.getByRole("status")).toHaveText("Assignment saved.");

  // The operator finds it under "Assigned to me" and sets it in progress with a public comment.
  const operator = await browser.newPage({ baseURL });
  await openAssignedToMe(operator);
  await operator.getByRole("link", { name: reference }).click();
  const comment = `A crew fills it on Thursday ${TAG}.`;
  const form = operator.getByRole("form", { name: "Add to the timeline" });
  await form.getByLabel("New status").selectOption({ label: "In progress" });
  await form.getByRole("radio", { name: /Public comment/ }).check();
  await form.getByLabel("Text").fill(comment);
  await form.getByRole("button", { name: "Save to the timeline" }).click();
  await expect(operator.getByRole("status").filter({ hasText: "Status changed." })).toBeVisible();

  // The citizen: the status mail, and the timeline on the tracking page.
  await waitForMail(email, new RegExp(`Report ${reference}: In progress`), 70_000);
  await page.goto(link);
  await expect(page.getByText(comment)).toBeVisible();
  await expect(page.getByText("In progress").first()).toBeVisible();

  // The public never gets the exact point or the unpublished photo: public page, map and API.
  const anon = await browser.newContext({ baseURL });
  const exact = [String(filed!.latitude), String(filed!.longitude), filed!.latitude.toFixed(6)];
  for (const path of [
    `/m/riverton/requests/${reference}`,
    "/m/riverton/requests",
    `/api/public/v1/service-requests/${filed!.id}`,
    "/api/public/v1/service-requests?municipality=riverton",
  ]) {
    const body = await (await anon.request.get(path)).text();
    for (const secret of [...exact, filed!.photoId]) expect(body, `${path} holds ${secret}`).not.toContain(secret);
  }
  expect((await anon.request.get(`/m/riverton/photos/${filed!.photoId}`)).status()).toBe(404);
  expect(outside).toEqual([]);
  await anon.close();
});
