// SAML 2.0 sign-in per municipality, in the browser, against a real SAML IdP started by the global
// setup (lib/idp/saml-server.ts): Riverton's admin configures the connection from the IdP's
// metadata address and downloads our SP metadata; a person signs in through the IdP and lands with
// the groups their attributes map to; refusals (no mapped claim, foreign domain, a replayed
// response, junk) are said plainly on the sign-in pages and kept on record; switched off, the
// connection is no longer offered.
import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { signInTo, expectSignedIn, groupsLine } from "./support/auth";
import { sql } from "../test/fixtures/db";

const ADMIN = "admin@riverton.test";
const PAGE = "/admin/riverton/sso/saml";
const metadataUrl = () => process.env.E2E_SAML_IDP_METADATA!;

async function samlSignIn(page: Page, person: RegExp) {
  await page.goto("/signin");
  await page.getByRole("link", { name: "Continue with Riverton (SAML)" }).click();
  await expect(page.getByRole("heading", { name: "Local SAML IdP" })).toBeVisible();
  await page.getByRole("button", { name: person }).click();
}

const events = (action: string) =>
  sql<{ data: Record<string, unknown> }>(`select data from "AuditEvent" where action = $1 order by seq`, [action]);

test.describe.configure({ mode: "serial" });

test("the municipality's admin connects SAML from the IdP's metadata address and downloads the SP metadata", async ({
  page,
  baseURL,
}) => {
  await signInTo(page, ADMIN, PAGE);
  await expect(page.getByRole("heading", { name: "SAML sign-in for Riverton" })).toBeVisible();
  const entityId = `${baseURL}/api/saml/riverton/metadata`;
  const acsUrl = `${baseURL}/api/saml/riverton/acs`;
  await expect(page.getByText(entityId, { exact: true })).toBeVisible();
  await expect(page.getByText(acsUrl, { exact: true })).toBeVisible();

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download SP metadata (XML)" }).click();
  const xml = readFileSync((await (await download).path())!, "utf8");
  expect(xml).toContain(`entityID="${entityId}"`);
  expect(xml).toContain(`Location="${acsUrl}"`);
  expect(xml).toContain('WantAssertionsSigned="true"');

  // A bad address first: refused on its field, and what was typed stays.
  await page.getByRole("textbox", { name: "Metadata address" }).fill("http://127.0.0.1:9/nothing-here");
  await page.getByRole("button", { name: "Save SAML connection" }).click();
  await expect(page.getByRole("textbox", { name: "Metadata address" })).toHaveAccessibleDescription(
    /Could not fetch the metadata/,
  );
  await expect(page.getByRole("textbox", { name: "Metadata address" })).toHaveValue("http://127.0.0.1:9/nothing-here");

  await page.getByRole("textbox", { name: "Metadata address" }).fill(metadataUrl());
  await expect(page.getByRole("textbox", { name: "Email address" })).toHaveValue(/emailaddress/);
  await page.getByRole("button", { name: "Save SAML connection" }).click();
  await expect(page.getByRole("status").filter({ hasText: "SAML connection created" })).toBeVisible();
  await page.reload();
  await expect(page.getByText("Offered on the sign-in page")).toBeVisible();
  await expect(page.getByText(/valid until \d{4}-\d{2}-\d{2}/)).toBeVisible();
  const created = await events("sso.saml.created");
  expect(created.at(-1)?.data).toMatchObject({ idpEntityId: metadataUrl(), enabled: true });

  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "test-results/saml-admin-390.png", fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: "test-results/saml-admin-desktop.png", fullPage: true });
});

test("a person signs in through the SAML IdP and gets the groups their attributes map to", async ({ page }) => {
  // The ACS post as the IdP's page sends it, kept for the replay below.
  let posted = "";
  page.on("request", (r) => {
    if (r.method() === "POST" && r.url().endsWith("/api/saml/riverton/acs")) posted = r.postData() ?? "";
  });
  await page.goto("/signin");
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "test-results/saml-signin-390.png", fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  await samlSignIn(page, /Sara Operator/);
  await expect(page).toHaveURL(/\/w\/riverton$/);
  await expectSignedIn(page, "sara.saml@riverton.test");
  await expect(groupsLine(page)).toContainText("Your groups here: Analyst, Operator");
  const login = (await events("auth.login")).filter((e) => e.data.method === "saml:riverton");
  expect(login.at(-1)?.data).toMatchObject({ groups: ["analyst", "operator"] });

  // The same response again (a replay, as from a stolen form post): refused, and said so.
  expect(posted).toContain("SAMLResponse=");
  await page.context().clearCookies();
  const replay = await page.request.post("/api/saml/riverton/acs", {
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    data: posted,
    maxRedirects: 0,
  });
  expect(replay.status()).toBe(303);
  expect(replay.headers().location).toBe("/signin?error=Saml_replayed");
  await page.goto(replay.headers().location!);
  await expect(page.getByRole("alert").filter({ hasText: "already used" })).toBeVisible();
  expect((await events("auth.saml.refused")).at(-1)?.data).toMatchObject({ reason: "replayed" });
});

test("refusals are said plainly: no mapped claim, a foreign email domain, junk posted to the ACS", async ({ page }) => {
  await samlSignIn(page, /Nils Nomap/);
  await expect(page).toHaveURL(/\/signin\/refused\?reason=no_mapped_claim/);
  await expect(
    page.getByRole("alert").filter({ hasText: "none of your job codes or groups gives access" }),
  ).toBeVisible();

  await samlSignIn(page, /Erin Outsider/);
  await expect(page).toHaveURL(/\/signin\/refused\?reason=email_domain/);
  await expect(page.getByRole("alert").filter({ hasText: "domain this municipality does not accept" })).toBeVisible();

  for (const body of ["SAMLResponse=%00%01%02", "SAMLResponse=" + Buffer.from("<x/>").toString("base64"), "junk"]) {
    const r = await page.request.post("/api/saml/riverton/acs", {
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "http://idp.example" },
      data: body,
      maxRedirects: 0,
    });
    expect(r.status()).toBe(303);
    expect(r.headers().location).toBe("/signin?error=Saml_malformed");
  }
  await page.goto("/signin?error=Saml_malformed");
  await expect(page.getByRole("alert").filter({ hasText: "not a SAML response" })).toBeVisible();
});

test("switched off, the connection is no longer offered and its sign-in route says so", async ({ page }) => {
  await signInTo(page, ADMIN, PAGE);
  // The form sets its fields from the saved values when it hydrates: untick only after that, or a
  // slow start ticks the box again before "Save" (seen once under load).
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Offer this sign-in on the sign-in page").uncheck();
  await page.getByRole("button", { name: "Save SAML connection" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved" })).toBeVisible();
  expect((await events("sso.saml.updated")).at(-1)?.data).toMatchObject({ enabled: false, changed: ["enabled"] });
  await page.context().clearCookies();
  await page.goto("/signin");
  await expect(page.getByRole("link", { name: "Continue with Riverton (SAML)" })).toHaveCount(0);
  await page.goto("/api/saml/riverton/login");
  await expect(page).toHaveURL(/\/signin\?error=SamlUnknownConnection/);
  await expect(page.getByRole("alert").filter({ hasText: "not set up (or is switched off)" })).toBeVisible();
});
