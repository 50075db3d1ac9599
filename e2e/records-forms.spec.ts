// Create and edit forms show only what the person may write, validate in the browser and on
// the server, and the server refuses regardless of the UI.
import { expect, test } from "@playwright/test";
import { signIn } from "./support/auth";
import { sql } from "../test/fixtures/db";

test("a document editor creates an internal document; a viewer reads it without any edit controls; the public never sees it", async ({
  page,
}) => {
  await signIn(page, "editor@riverton.test", undefined, "/w/riverton/documents");
  await page.getByRole("link", { name: "New document" }).click();
  const form = page.getByRole("form", { name: "New document" });
  // The submit button turns on once the form is interactive.
  await expect(form.getByRole("button", { name: "Create document" })).toBeEnabled();
  await form.getByRole("button", { name: "Create document" }).click();
  await expect(form.getByText("Give a title (3 characters or more).", { exact: true })).toBeVisible();
  await expect(form.getByText("Choose a kind.", { exact: true })).toBeVisible();
  const title = `Snow clearing rota ${Date.now()}`;
  await form.getByLabel("Title").fill(title);
  await form.getByLabel("Kind").selectOption({ index: 1 });
  await form.getByLabel("Visibility").selectOption("INTERNAL");
  await form.getByLabel("Summary").fill("Who clears which street, by week.");
  await form.getByLabel("Link").fill("not a url");
  await form.getByRole("button", { name: "Create document" }).click();
  await expect(form.getByText("Enter a full URL (https://…).", { exact: true })).toBeVisible();
  await form.getByLabel("Link").fill("");
  await form.getByRole("button", { name: "Create document" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const [row] = await sql<{ id: string; visibility: string }>(
    `select id, visibility from "Document" where title = $1`,
    [title],
  );
  expect(row!.visibility).toBe("INTERNAL");
  await expect(page.getByRole("form", { name: "Edit document" })).toBeVisible();
  await page.context().clearCookies();

  await signIn(page, "viewer@riverton.test", undefined, `/w/riverton/documents/${row!.id}`);
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByRole("form", { name: "Edit document" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Archive document" })).toHaveCount(0);
  await page.goto("/w/riverton/documents");
  await expect(page.getByRole("link", { name: "New document" })).toHaveCount(0);
  await page.context().clearCookies();

  expect((await page.goto(`/m/riverton/documents/${row!.id}`))!.status()).toBe(404);
  expect(await (await page.goto("/m/riverton/documents?q=Snow"))!.text()).not.toContain(title);
});

test("an operator may create requests only in their categories; a volunteer gets no forms at all", async ({ page }) => {
  await signIn(page, "operator@riverton.test", undefined, "/w/riverton/requests");
  await page.getByRole("link", { name: "New request" }).click();
  const form = page.getByRole("form", { name: "New service request" });
  await expect(form.getByRole("button", { name: "Record request" })).toBeEnabled();
  const options = (await form.getByLabel("Category").locator("option").allTextContents()).filter(
    (o) => o !== "Choose…",
  );
  expect(options.sort()).toEqual(["Roads", "Street lighting"]);
  const title = `Flickering lamp ${Date.now()}`;
  await form.getByLabel("Category").selectOption("STREET_LIGHTING");
  await form.getByLabel("Title").fill(title);
  await form.getByLabel("Description").fill("The lamp outside number 4 flickers all night.");
  await form.getByLabel("Area or district").fill("Old Town");
  await form.getByRole("button", { name: "Record request" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const [row] = await sql<{ category: string; createdById: string | null }>(
    `select category, "createdById" from "ServiceRequest" where title = $1`,
    [title],
  );
  expect(row!.category).toBe("STREET_LIGHTING");
  await page.context().clearCookies();

  await signIn(page, "volunteer@riverton.test", undefined, "/w/riverton/requests");
  await expect(page.getByRole("heading", { name: "Service requests" })).toBeVisible();
  await expect(page.getByRole("link", { name: "New request" })).toHaveCount(0);
  expect((await page.goto("/w/riverton/requests/new"))!.status()).toBe(404);
  expect((await page.goto("/w/riverton/heritage/new"))!.status()).toBe(404);
  const [site] = await sql<{ id: string }>(
    `select h.id from "HeritageSite" h join "Municipality" m on m.id = h."municipalityId" where m.slug = 'riverton' limit 1`,
  );
  await page.goto(`/w/riverton/heritage/${site!.id}`);
  await expect(page.getByRole("heading", { name: "Details" })).toBeVisible();
  await expect(page.locator("main form")).toHaveCount(0);
});

test("a municipality admin edits a heritage site's review notes", async ({ page }) => {
  const [site] = await sql<{ id: string; name: string }>(
    `select h.id, h.name from "HeritageSite" h join "Municipality" m on m.id = h."municipalityId" where m.slug = 'riverton' and kind = 'ARCHAEOLOGICAL_ZONE' limit 1`,
  );
  await signIn(page, "admin@riverton.test", undefined, `/w/riverton/heritage/${site!.id}`);
  const form = page.getByRole("form", { name: "Edit heritage site" });
  await expect(form.getByRole("button", { name: "Save changes" })).toBeEnabled();
  await form.getByLabel("Review notes").fill("Survey booked with the county archaeologist.");
  await form.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  const [after] = await sql<{ reviewNotes: string }>(`select "reviewNotes" from "HeritageSite" where id = $1`, [
    site!.id,
  ]);
  expect(after!.reviewNotes).toBe("Survey booked with the county archaeologist.");
});
