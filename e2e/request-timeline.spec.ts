// The staff timeline of a request (issue 18), as people use it: an operator changes the status
// with a reason and a public comment in one save, and the timeline shows both with who and when;
// an internal note stays with staff — a volunteer's page and API never carry it.
import { expect, test } from "@playwright/test";
import { signIn } from "./support/auth";
import { sql, testPrisma } from "../test/fixtures/db";

const run = Date.now().toString(36);
let made = 0;

async function freshRoadsRequest(): Promise<string> {
  const [m] = await sql<{ id: string }>(`select id from "Municipality" where slug = 'riverton'`);
  // A request of the operator's category nobody else's spec touches (the records themselves, not people).
  const r = await testPrisma().serviceRequest.create({
    data: {
      municipalityId: m!.id,
      reference: `TL-${run}-${++made}`,
      category: "ROADS",
      title: `Sunken drain cover ${run}`,
      description: "The drain cover on Mill Lane has sunk by a few centimetres.",
      area: "Old Town",
      isPublic: true,
      status: "SUBMITTED",
    },
    select: { id: true },
  });
  return r.id;
}

test("an operator changes the status with a reason and a public comment; the timeline shows both with author and time", async ({
  page,
}) => {
  const id = await freshRoadsRequest();
  await signIn(page, "operator@riverton.test", undefined, `/w/riverton/requests/${id}`);
  const timeline = page.getByRole("region", { name: "Timeline" });
  await expect(timeline.getByText("Nothing has happened on this request yet that you may see.")).toBeVisible();
  const form = page.getByRole("form", { name: "Add to the timeline" });
  await expect(form.getByText("Shown to the public with the status history of this request.")).toBeVisible();
  await form.getByLabel("New status").selectOption({ label: "In progress" });
  await form.getByLabel("Reason for the change (optional)").fill("Crew booked for Tuesday.");
  await form.getByRole("radio", { name: /Public comment/ }).check();
  await form.getByLabel("Text").fill("We will lift the drain cover next week.");
  await form.getByRole("button", { name: "Save to the timeline" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Status changed." })).toBeVisible();

  const entries = timeline.getByRole("list", { name: "Timeline entries, oldest first" }).getByRole("listitem");
  await expect(entries).toHaveCount(2);
  const status = entries.nth(0);
  await expect(status).toContainText("Status changed from Submitted to In progress");
  await expect(status).toContainText("Reason: Crew booked for Tuesday.");
  await expect(status).toContainText("By Olga Operator");
  await expect(status).toContainText("Shown to the public");
  const comment = entries.nth(1);
  await expect(comment).toContainText("Public comment");
  await expect(comment).toContainText("We will lift the drain cover next week.");
  await expect(comment).toContainText("By Olga Operator");
  // The time each entry was written, machine-readable and shown in words.
  for (const e of [status, comment]) {
    const when = await e.locator("time").getAttribute("datetime");
    expect(Math.abs(Date.parse(when!) - Date.now())).toBeLessThan(10 * 60_000);
    await expect(e.locator("time")).toContainText("UTC");
  }
  const [row] = await sql<{ status: string }>(`select status from "ServiceRequest" where id = $1`, [id]);
  expect(row!.status).toBe("IN_PROGRESS");

  // Saving the same status again changes nothing: no entry, no audit event.
  const audits = async () =>
    (await sql(`select 1 from "AuditEvent" where "targetId" = $1 and action = 'ServiceRequest.update'`, [id])).length;
  const before = await audits();
  await page.reload();
  await page
    .getByRole("form", { name: "Add to the timeline" })
    .getByRole("button", { name: "Save to the timeline" })
    .click();
  await expect(page.getByText("Choose a new status, or write a note or a comment.").first()).toBeVisible();
  expect(await audits()).toBe(before);
  await expect(entries).toHaveCount(2);

  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: test.info().outputPath(`timeline-${width}.png`), fullPage: true });
  }
});

test("an internal note stays with staff: a volunteer's page and API never carry it", async ({ page, browser }) => {
  const id = await freshRoadsRequest();
  const note = `Caller is the site foreman ${run}`;
  await signIn(page, "operator@riverton.test", undefined, `/w/riverton/requests/${id}`);
  const form = page.getByRole("form", { name: "Add to the timeline" });
  await form.getByRole("radio", { name: /Internal note/ }).check();
  await form.getByLabel("Text").fill(note);
  await form.getByRole("button", { name: "Save to the timeline" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Added to the timeline." })).toBeVisible();
  const entry = page.getByRole("listitem").filter({ hasText: note });
  await expect(entry).toContainText("Internal note");
  await expect(entry).toContainText("Staff only");

  const volunteer = await browser.newPage();
  await signIn(volunteer, "volunteer@riverton.test", undefined, `/w/riverton/requests/${id}`);
  await expect(volunteer.getByRole("region", { name: "Timeline" })).toBeVisible();
  expect(await volunteer.content()).not.toContain(note);
  // The volunteer writes nothing on the timeline: no form at all.
  await expect(volunteer.getByRole("form", { name: "Add to the timeline" })).toHaveCount(0);
  const api = await volunteer.request.get(`/api/v1/service-requests/${id}/events`);
  expect(api.status()).toBe(200);
  const body = await api.text();
  expect(body).not.toContain(note);
  expect(body).not.toContain("INTERNAL_NOTE");
  // Nor may they add one through the API.
  const post = await volunteer.request.post(`/api/v1/service-requests/${id}/events`, {
    data: { kind: "INTERNAL_NOTE", body: "From the volunteer." },
    headers: { Origin: new URL(volunteer.url()).origin },
  });
  expect(post.status()).toBe(403);
  await volunteer.close();
});
