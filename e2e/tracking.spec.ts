// A citizen follows their report: the confirmation shows the reference (RIV-…) and a tracking
// link, the tracking mail arrives on the real SMTP test server, its link opens the tracking page
// (status, history, never the reporter's contact details or exact address), and its unsubscribe
// page stops the mails by a POST button. Every link that opens nothing — wrong, or another
// municipality's — is the same neutral page. A public request's page is reached from the public
// list and lets anyone follow it.
import { expect, test, type Page } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { sql } from "../test/fixtures/db";
import { waitForMail } from "../test/fixtures/smtp";

const uniq = () => randomBytes(4).toString("hex");

function trackingLinkIn(mail: string, slug: string): string {
  const m = new RegExp(`https?://[^\\s]+/m/${slug}/track/[A-Za-z0-9_-]{43}(?!/)`).exec(mail);
  if (!m) throw new Error(`no tracking link in the mail:\n${mail}`);
  return new URL(m[0]).pathname;
}

async function expectNeutral(page: Page, path: string) {
  const res = await page.goto(path);
  expect(res!.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("This link does not open a report");
}

test("a reporter asks for updates: reference and tracking link on the confirmation, the mail's link opens the tracking page, and unsubscribing stops the mails", async ({
  page,
}) => {
  const email = `tracker.${uniq()}@example.org`;
  const title = `Leaning lamp post ${uniq()}`;
  await page.goto("/m/riverton/requests/new");
  await page.getByLabel("Category").selectOption("STREET_LIGHTING");
  const typed: [string, string][] = [
    ["What is the problem?", title],
    ["Details", "The lamp post by the school leans over the pavement."],
    ["Area or district", "Millbrook"],
    ["Exact address or location (optional, not public)", "7 Hidden Row"],
    ["Name", "Tess Tracker"],
    ["Email", email],
  ];
  for (const [label, value] of typed) await page.getByLabel(label, { exact: true }).fill(value);
  await page.getByLabel("Email me updates about this report").check();
  await page.getByRole("button", { name: "Send report" }).click();

  const status = page.getByRole("status");
  await expect(status).toContainText("your report was received");
  const reference = (await page.getByTestId("report-reference").textContent())!;
  expect(reference).toMatch(/^RIV-\d{5}$/);
  const shown = await status.getByRole("link", { name: "Follow your report" }).getAttribute("href");
  expect(shown).toMatch(/^\/m\/riverton\/track\/[A-Za-z0-9_-]{43}$/);

  // The mail on the SMTP test server carries the same link; the stored row holds only its hash.
  const mail = await waitForMail(email, new RegExp(`Follow report ${reference}`));
  const link = trackingLinkIn(mail, "riverton");
  expect(link).toBe(shown);
  expect(mail).toContain(`${link}/unsubscribe`);
  const token = link.split("/").pop()!;
  const stored = await sql<{ t: string }>(
    `SELECT concat_ws('|', f.email, f."tokenHash", o.text) AS t FROM "RequestFollower" f JOIN "OutboxMessage" o ON o."to" = f.email WHERE f.email = $1`,
    [email],
  );
  expect(stored.length).toBeGreaterThan(0);
  for (const r of stored) expect(r.t).not.toContain(token);

  const res = await page.goto(link);
  expect(res!.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(page.getByText(reference, { exact: true })).toBeVisible();
  // The status badge: a shape, then the words.
  await expect(page.getByRole("article").getByText(/^\W*Submitted$/)).toBeVisible();
  await expect(page.getByRole("region", { name: "History" })).toBeVisible();
  const html = await res!.text();
  for (const secret of ["Tess Tracker", email, "7 Hidden Row"]) expect(html).not.toContain(secret);

  // Opening the unsubscribe link changes nothing; the button does.
  await page.getByRole("link", { name: "Stop these emails" }).click();
  await expect(page).toHaveURL(new RegExp(`${link}/unsubscribe$`));
  const [before] = await sql<{ u: Date | null }>(
    `SELECT "unsubscribedAt" AS u FROM "RequestFollower" WHERE email = $1`,
    [email],
  );
  expect(before!.u).toBeNull();
  await page.getByRole("button", { name: "Stop the emails" }).click();
  await expect(page.getByText("You will get no more emails about this report.").first()).toBeVisible();
  const [after] = await sql<{ u: Date | null }>(
    `SELECT "unsubscribedAt" AS u FROM "RequestFollower" WHERE email = $1`,
    [email],
  );
  expect(after!.u).not.toBeNull();
  // The link still shows the report until it expires.
  await page.goto(link);
  await expect(page.getByText("You no longer get emails about this report.")).toBeVisible();

  // The same link under another municipality, a changed one and a short one: the same neutral page.
  await expectNeutral(page, `/m/lakeside/track/${token}`);
  await expectNeutral(page, `/m/riverton/track/${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`);
  await expectNeutral(page, `/m/riverton/track/not-a-token`);
  await expectNeutral(page, `/m/riverton/track/${"A".repeat(43)}/unsubscribe`);
});

test("a public request's page is linked from the public list and lets anyone follow it, with the same answer every time", async ({
  page,
}) => {
  await page.goto("/m/riverton/requests");
  const first = page
    .getByRole("table")
    .getByRole("link", { name: /^RIV-\d{5}$/ })
    .first();
  const reference = (await first.textContent())!.trim();
  await first.click();
  await expect(page).toHaveURL(new RegExp(`/m/riverton/requests/${reference}$`));
  await expect(page.getByRole("article").getByText(reference, { exact: true }).last()).toBeVisible();
  await expect(page.getByRole("region", { name: "History" })).toBeVisible();

  const email = `follower.${uniq()}@example.org`;
  const follow = page.getByRole("region", { name: "Follow this report" });
  await follow.getByLabel("Your email").fill(email);
  await follow.getByRole("button", { name: "Follow this report" }).click();
  await expect(follow.getByText(/a link to follow this report is on its way/)).toBeVisible();
  const link = trackingLinkIn(await waitForMail(email, new RegExp(`Follow report ${reference}`)), "riverton");
  await page.goto(link);
  await expect(page.getByText(reference, { exact: true })).toBeVisible();

  // A request the public may not read has no page.
  const [hidden] = await sql<{ reference: string }>(
    `SELECT r.reference FROM "ServiceRequest" r JOIN "Municipality" m ON m.id = r."municipalityId" WHERE m.slug = 'riverton' AND NOT r."isPublic" LIMIT 1`,
  );
  expect((await page.goto(`/m/riverton/requests/${hidden!.reference}`))!.status()).toBe(404);
  expect((await page.goto(`/m/lakeside/requests/${reference}`))!.status()).toBe(404);
});
