// SCIM directory sync in the browser: an admin sets up Riverton's connection on its Directory page
// (the token shown once, copied, then never again) and rotates it; and a person signed in in the
// browser, deactivated by the directory's PATCH active:false, is signed out at their next click.
import { createHash, randomBytes } from "node:crypto";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { expectSignedIn, signIn, DEMO_PASSWORD } from "./support/auth";
import { sql } from "../test/fixtures/db";
import { freshPerson } from "../test/fixtures/people";

const SCIM = "application/scim+json";
const PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

const riverton = async () =>
  (await sql<{ id: string }>(`select id from "Municipality" where slug = 'riverton'`))[0]!.id;
const call = (request: APIRequestContext, token: string, method: string, path: string, data?: unknown) =>
  request.fetch(`/scim/v2/riverton${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, "Content-Type": SCIM },
    data: data === undefined ? undefined : JSON.stringify(data),
    failOnStatusCode: false,
  });

test("an admin sets up directory sync (the token shown once, copied) and rotates the token", async ({
  browser,
  request,
}) => {
  await sql(`delete from "ScimConnection" where "municipalityId" = $1`, [await riverton()]);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const page = await context.newPage();
  await signIn(page, "admin@riverton.test", DEMO_PASSWORD, "/admin/riverton/people");
  await page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Directory sync" }).click();
  await expect(page.getByRole("heading", { name: "Directory sync (SCIM)" })).toBeVisible();
  await expect(page.getByText("The directory has not provisioned anyone yet.")).toBeVisible();
  await expect(page.getByText(/\/scim\/v2\/riverton$/)).toBeVisible();

  await page.getByRole("button", { name: "Set up directory sync" }).click();
  const tokenField = page.getByLabel("Secret token");
  await expect(tokenField).toHaveValue(/^scim_/);
  const token = await tokenField.inputValue();
  await expect(page.getByText("it is shown only this once")).toBeVisible();
  await page.getByRole("button", { name: "Copy token" }).click();
  await expect(page.getByRole("button", { name: "Copied" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
  await page.screenshot({ path: "test-results/scim-directory-token-desktop.png", fullPage: true });

  expect((await call(request, token, "GET", "/ServiceProviderConfig")).status()).toBe(200);
  // Shown once: after a reload only its hint is left.
  await page.reload();
  await expect(page.getByText(token.slice(0, 9) + "…")).toBeVisible();
  expect(await page.content()).not.toContain(token);
  await expect(page.getByText("Last used")).toBeVisible();

  // Rotating asks for a confirmation first, then shows the new token once; the old one stops.
  await page.getByRole("button", { name: "Rotate token" }).click();
  await expect(page.getByText("Tick the box: the current token stops working at once.", { exact: true })).toBeVisible();
  expect((await call(request, token, "GET", "/Users")).status()).toBe(200);
  await page.getByLabel(/I understand the current token stops working/).check();
  await page.getByRole("button", { name: "Rotate token" }).click();
  await expect(page.getByLabel("Secret token")).toHaveValue(/^scim_/);
  const rotated = await page.getByLabel("Secret token").inputValue();
  expect(rotated).not.toBe(token);
  expect((await call(request, token, "GET", "/Users")).status()).toBe(401);
  expect((await call(request, rotated, "GET", "/Users")).status()).toBe(200);
  const events = await sql<{ action: string }>(
    `select action from "AuditEvent" where "targetType" = 'ScimConnection' and "municipalityId" = $1 order by seq`,
    [await riverton()],
  );
  expect(events.map((e) => e.action).slice(-2)).toEqual(["scim.connection_created", "scim.token_rotated"]);

  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "test-results/scim-directory-390.png", fullPage: true });
  // Nothing spills sideways on a phone.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await context.close();
});

test("a person signed in in the browser, deactivated by the directory's PATCH active:false, is signed out at their next click", async ({
  browser,
  request,
}) => {
  const municipalityId = await riverton();
  const token = `scim_${randomBytes(32).toString("base64url")}`;
  await sql(
    `insert into "ScimConnection" (id, "municipalityId", "tokenHash", "tokenHint") values ($1, $2, $3, 'scim_e2e…')
     on conflict ("municipalityId") do update set "tokenHash" = $3, enabled = true`,
    [`sc-e2e-${randomBytes(4).toString("hex")}`, municipalityId, createHash("sha256").update(token).digest("hex")],
  );
  const email = `scim-${randomBytes(4).toString("hex")}@riverton.test`;
  await freshPerson(municipalityId, ["viewer"], {
    email,
    name: "Sam Scim",
    password: DEMO_PASSWORD,
    emailVerified: new Date(),
  });
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email);
  await expectSignedIn(page, email);

  // The directory finds nobody of its own, provisions the person (a member already: adopted), puts
  // them in a group the claim mapping knows (riverton-volunteers → volunteer), then deactivates them.
  const lookup = await call(request, token, "GET", `/Users?filter=${encodeURIComponent(`userName eq "${email}"`)}`);
  expect(((await lookup.json()) as { totalResults: number }).totalResults).toBe(0);
  const created = await call(request, token, "POST", "/Users", {
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
    userName: email,
    active: true,
    emails: [{ type: "work", primary: true, value: email }],
  });
  expect(created.status()).toBe(201);
  expect(created.headers()["content-type"]).toContain(SCIM);
  const id = ((await created.json()) as { id: string }).id;
  const group = await call(request, token, "POST", "/Groups", {
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"],
    displayName: `riverton-volunteers`,
    members: [{ value: id }],
  });
  expect([201, 409]).toContain(group.status());
  if (group.status() === 409) {
    const found = await call(
      request,
      token,
      "GET",
      `/Groups?filter=${encodeURIComponent('displayName eq "riverton-volunteers"')}`,
    );
    const gid = ((await found.json()) as { Resources: { id: string }[] }).Resources[0]!.id;
    const add = await call(request, token, "PATCH", `/Groups/${gid}`, {
      schemas: [PATCH],
      Operations: [{ op: "Add", path: "members", value: [{ value: id }] }],
    });
    expect(add.status()).toBe(204);
  }
  const [grouped] = await sql<{ groups: string[] }>(`select groups from "Membership" where id = $1`, [id]);
  expect(grouped!.groups).toEqual(["volunteer"]);

  const off = await call(request, token, "PATCH", `/Users/${id}`, {
    schemas: [PATCH],
    Operations: [{ op: "Replace", path: "active", value: "False" }],
  });
  expect(off.status()).toBe(200);
  expect(((await off.json()) as { active: boolean }).active).toBe(false);

  await page.getByRole("link", { name: "Workspace" }).click();
  await expect(page).toHaveURL(/\/signin\?reason=revoked/);
  await expect(page.getByRole("status")).toContainText("this session was ended");
  const [m] = await sql<{ status: string }>(`select status::text from "Membership" where id = $1`, [id]);
  expect(m!.status).toBe("SUSPENDED");
  const events = await sql<{ action: string; actorType: string }>(
    `select action, "actorType" from "AuditEvent" where "targetId" = $1 order by seq`,
    [id],
  );
  expect(events.filter((e) => e.actorType === "directory").map((e) => e.action)).toEqual([
    "directory.user_linked",
    "membership.directory_sync",
    "membership.suspend",
  ]);
  await context.close();

  // The admin's Directory page: the directory group with the Gatehouse group it gives, and the person.
  const admin = await browser.newContext();
  const adminPage = await admin.newPage();
  await signIn(adminPage, "admin@riverton.test", DEMO_PASSWORD, "/admin/riverton/directory");
  const groups = adminPage.getByRole("table", { name: "Directory groups and the Gatehouse groups they give" });
  await expect(groups.getByRole("row", { name: /riverton-volunteers/ })).toContainText("Volunteer");
  const people = adminPage.getByRole("list", { name: "People the directory provisioned" });
  await expect(people.getByRole("listitem").filter({ hasText: "Sam Scim" })).toContainText("Suspended");
  await adminPage.screenshot({ path: "test-results/scim-directory-people-desktop.png", fullPage: true });
  await adminPage.setViewportSize({ width: 390, height: 844 });
  await adminPage.screenshot({ path: "test-results/scim-directory-people-390.png", fullPage: true });
  await admin.close();
});
