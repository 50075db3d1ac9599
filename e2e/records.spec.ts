import { expect, test, type Page } from "@playwright/test";
import { expectSignedIn, signIn } from "./support/auth";
import { sql } from "../test/fixtures/db";

async function riverton() {
  const [m] = await sql<{ id: string }>(`select id from "Municipality" where slug = 'riverton'`);
  return m!.id;
}

async function listedReferences(page: Page): Promise<string[]> {
  const refs: string[] = [];
  for (;;) {
    // The row's first link is its reference (a selection checkbox may come before it).
    refs.push(
      ...(await page
        .locator("tbody tr")
        .evaluateAll((rows) =>
          rows.map((r) => (r.querySelector("a")?.textContent ?? r.querySelector("td")?.textContent ?? "").trim()),
        )),
    );
    const next = page.getByRole("link", { name: "Next page" });
    if ((await next.count()) === 0) return refs.sort();
    const current = page.url();
    await next.click();
    await page.waitForURL((u) => u.toString() !== current);
  }
}

test("an operator restricted to roads and street lighting sees exactly those rows, with reporter details", async ({
  page,
}) => {
  await signIn(page, "operator@riverton.test", undefined, "/w/riverton/requests");
  await expect(page.getByRole("heading", { name: "Service requests" })).toBeVisible();
  const want = await sql<{ reference: string }>(
    `select reference from "ServiceRequest" where "municipalityId" = $1 and category in ('ROADS','STREET_LIGHTING') order by reference`,
    [await riverton()],
  );
  expect(await listedReferences(page)).toEqual(want.map((r) => r.reference).sort());
  await expect(page.getByRole("columnheader", { name: "Reporter", exact: true })).toBeVisible();
});

test("a viewer sees every Riverton row but no reporter contact details", async ({ page }) => {
  await signIn(page, "viewer@riverton.test", undefined, "/w/riverton/requests");
  await expect(page.getByRole("heading", { name: "Service requests" })).toBeVisible();
  const want = await sql<{ reference: string }>(`select reference from "ServiceRequest" where "municipalityId" = $1`, [
    await riverton(),
  ]);
  expect(await listedReferences(page)).toEqual(want.map((r) => r.reference).sort());
  const [row] = await sql<{ id: string; reporterEmail: string; reporterPhone: string }>(
    `select id, "reporterEmail", "reporterPhone" from "ServiceRequest" where "municipalityId" = $1 and "reporterEmail" is not null limit 1`,
    [await riverton()],
  );
  const res = await page.goto(`/w/riverton/requests/${row!.id}`);
  const html = await res!.text();
  expect(html).not.toContain(row!.reporterEmail);
  expect(html).not.toContain(row!.reporterPhone);
  await expect(page.getByRole("form", { name: "Edit request" })).toHaveCount(0);
});

test("a volunteer sees limited fields only: no reporter, address or internal notes", async ({ page }) => {
  await signIn(page, "volunteer@riverton.test", undefined, "/w/riverton/requests");
  await expect(page.getByRole("heading", { name: "Service requests" })).toBeVisible();
  for (const h of ["Reporter", "Reporter email", "Address", "Internal notes"])
    await expect(page.getByRole("columnheader", { name: h, exact: true })).toHaveCount(0);
  // Internal notes are timeline entries: a request with one, whose timeline the volunteer reads.
  const [row] = await sql<{ id: string; address: string; reporterName: string; note: string }>(
    `select r.id, r.address, r."reporterName", e.body as note from "ServiceRequest" r
       join "RequestEvent" e on e."requestId" = r.id and e.kind = 'INTERNAL_NOTE'
      where r."municipalityId" = $1 limit 1`,
    [await riverton()],
  );
  const res = await page.goto(`/w/riverton/requests/${row!.id}`);
  const html = await res!.text();
  for (const secret of [row!.address, row!.reporterName, row!.note]) expect(html).not.toContain(secret);
  if (res!.status() === 200) await expect(page.getByRole("heading", { name: "Timeline" })).toBeVisible();
});

test("an operator changes a request's status on its timeline, and the page offers no field they may not edit", async ({
  page,
}) => {
  const [row] = await sql<{ id: string }>(
    `select id from "ServiceRequest" where "municipalityId" = $1 and category = 'ROADS' and status <> 'IN_PROGRESS' limit 1`,
    [await riverton()],
  );
  await signIn(page, "operator@riverton.test", undefined, `/w/riverton/requests/${row!.id}`);
  // Status, notes and comments are the timeline's; nothing else on the request is the operator's.
  await expect(page.getByRole("form", { name: "Edit request" })).toHaveCount(0);
  const form = page.getByRole("form", { name: "Add to the timeline" });
  await expect(form.getByLabel("New status")).toBeVisible();
  for (const forbidden of ["Category", "Department", "Show on the public portal (limited fields)"])
    await expect(page.getByLabel(forbidden)).toHaveCount(0);
  await form.getByLabel("New status").selectOption("IN_PROGRESS");
  await form.getByRole("radio", { name: /Internal note/ }).check();
  await form.getByLabel("Text").fill("Crew booked for Tuesday.");
  await form.getByRole("button", { name: "Save to the timeline" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Status changed." })).toBeVisible();
  const [after] = await sql<{ status: string }>(`select status from "ServiceRequest" where id = $1`, [row!.id]);
  expect(after).toEqual({ status: "IN_PROGRESS" });
  const notes = await sql(
    `select 1 from "RequestEvent" where "requestId" = $1 and kind = 'INTERNAL_NOTE' and body = 'Crew booked for Tuesday.'`,
    [row!.id],
  );
  expect(notes).toHaveLength(1);
  const audit = await sql(`select 1 from "AuditEvent" where "targetId" = $1 and action = 'ServiceRequest.update'`, [
    row!.id,
  ]);
  expect(audit).toHaveLength(1);
});

test("a record of another municipality, or outside the categories, answers not found", async ({ page }) => {
  await signIn(page, "operator@riverton.test");
  await expectSignedIn(page, "operator@riverton.test");
  const [lake] = await sql<{ id: string }>(
    `select r.id from "ServiceRequest" r join "Municipality" m on m.id = r."municipalityId" where m.slug = 'lakeside' limit 1`,
  );
  const [waste] = await sql<{ id: string }>(
    `select id from "ServiceRequest" where "municipalityId" = $1 and category = 'WASTE' and "isPublic" limit 1`,
    [await riverton()],
  );
  expect((await page.goto(`/w/riverton/requests/${lake!.id}`))!.status()).toBe(404);
  expect((await page.goto(`/w/lakeside/requests/${lake!.id}`))!.status()).toBe(404);
  expect((await page.goto(`/w/riverton/requests/${waste!.id}`))!.status()).toBe(404);
});
