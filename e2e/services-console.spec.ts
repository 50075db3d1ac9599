// Registering and running connected services in Chromium (issue 19): Riverton's admin registers a
// service (its secrets shown once, gone after a reload), edits its redirect URIs with a bad value
// (the field says why, what was typed stays), rotates the client secret after confirming (the old
// one stops at once) and disables it after confirming; the platform admin registers a
// platform-wide service. Each page is also photographed at 1280 and 390 px.
import { createHash, randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { signIn, signInTo } from "./support/auth";
import { confirmInDialog } from "./support/confirm";
import { testPrisma } from "../test/fixtures/db";

const tag = randomBytes(4).toString("hex");
const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

async function shoot(page: Page, name: string) {
  for (const [w, h, label] of [
    [1280, 900, "desktop"],
    [390, 844, "phone"],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.screenshot({ path: `test-results/services-${name}-${label}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

const redirectUris = (page: Page) => page.getByRole("textbox", { name: /^Redirect URIs/ });

async function register(page: Page, name: string, kind: string) {
  await page.getByRole("textbox", { name: /^Name/ }).fill(name);
  await page.getByLabel("Kind of service").fill(kind);
  await redirectUris(page).fill("https://intranet.example.gov/callback");
  await page.getByLabel("Back-channel logout URI").fill("https://intranet.example.gov/backchannel");
  await page.getByRole("button", { name: "Register service" }).click();
  const secret = page.getByLabel("Client secret", { exact: true });
  await expect(secret).toHaveValue(/^gh_svc_/);
  await expect(page.getByLabel("Webhook secret", { exact: true })).toHaveValue(/^whsec_/);
  await expect(page.getByText("You will not see this again").first()).toBeVisible();
  return secret.inputValue();
}

test("Riverton's admin registers a service, edits it, rotates its secret and disables it", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signInTo(page, "admin@riverton.test", "/admin/riverton/services");
  await expect(page.getByRole("heading", { name: "Connected services", level: 1 })).toBeVisible();
  await shoot(page, "admin-list");
  await page.getByRole("link", { name: "Register a service" }).first().click();
  await expect(page).toHaveURL(/\/admin\/riverton\/services\/new$/);
  await expect(page.getByRole("button", { name: /Permits \(permits\)/ })).toBeVisible();
  await shoot(page, "admin-new");

  const name = `Intranet ${tag}`;
  const secret = await register(page, name, `intranet-${tag}`);
  await shoot(page, "admin-registered");
  const row = await testPrisma().service.findFirstOrThrow({ where: { name } });
  expect(row.clientSecretHash).toBe(sha256(secret));
  expect(row.municipalityId).not.toBeNull();

  // Shown once: the service's page, reloaded, has its client ID and the hint only.
  await page.getByRole("link", { name: "Open the service's settings" }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/riverton/services/${row.id}$`));
  await expect(page.getByTestId("client-id")).toHaveText(row.clientId);
  await page.reload();
  expect(await page.content()).not.toContain(secret);
  expect(await page.content()).not.toContain(row.clientSecretHash);
  await expect(page.getByText("/oidc/.well-known/openid-configuration")).toBeVisible();
  await expect(page.getByText("/access/v1/evaluation")).toBeVisible();
  await shoot(page, "admin-detail");

  // A bad redirect URI: its field says why, and what was typed stays.
  const typed = "https://intranet.example.gov/callback\nhttp://intranet.example.gov/insecure";
  await redirectUris(page).fill(typed);
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText(/insecure: must start with https:\/\//).first()).toBeVisible();
  await expect(redirectUris(page)).toHaveValue(typed);
  await expect(redirectUris(page)).toHaveAttribute("aria-invalid", "true");
  await shoot(page, "admin-detail-refused");
  const fixed = "https://intranet.example.gov/callback\nhttp://localhost:4000/callback";
  await redirectUris(page).fill(fixed);
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
  expect((await testPrisma().service.findUniqueOrThrow({ where: { id: row.id } })).redirectUris).toEqual([
    "https://intranet.example.gov/callback",
    "http://localhost:4000/callback",
  ]);

  // Rotating asks first; the new secret is shown once and the old one no longer matches.
  await page.getByRole("button", { name: "Rotate client secret" }).click();
  await expect(page.getByRole("dialog")).toContainText("stops working at once");
  await confirmInDialog(page, "Rotate client secret");
  const rotated = page.getByLabel("Client secret", { exact: true });
  await expect(rotated).toHaveValue(/^gh_svc_/);
  const next = await rotated.inputValue();
  expect(next).not.toBe(secret);
  const after = await testPrisma().service.findUniqueOrThrow({ where: { id: row.id } });
  expect(after.clientSecretHash).toBe(sha256(next));
  expect(after.clientSecretHash).not.toBe(sha256(secret));

  // Disabling asks first.
  await page.getByRole("button", { name: "Disable service" }).click();
  await expect(page.getByRole("dialog")).toContainText("signed out");
  await confirmInDialog(page, "Disable service");
  await expect(page.getByRole("button", { name: "Enable service" })).toBeVisible();
  expect((await testPrisma().service.findUniqueOrThrow({ where: { id: row.id } })).disabledAt).not.toBeNull();
  await page.goto("/admin/riverton/services?state=disabled");
  await expect(page.getByRole("link", { name })).toBeVisible();
});

test("the platform admin registers a platform-wide service", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, "platform.admin@gatehouse.test", undefined, "/platform/services");
  await expect(page.getByRole("heading", { name: "Connected services", level: 1 })).toBeVisible();
  await shoot(page, "platform-list");
  await page.getByRole("link", { name: "Register a service" }).first().click();
  await expect(page.getByLabel("Belongs to")).toHaveValue("");
  await shoot(page, "platform-new");
  const name = `Staff portal ${tag}`;
  const secret = await register(page, name, `portal-${tag}`);
  const row = await testPrisma().service.findFirstOrThrow({ where: { name } });
  expect(row.municipalityId).toBeNull();
  expect(row.clientSecretHash).toBe(sha256(secret));
  await page.getByRole("link", { name: "Open the service's settings" }).click();
  await expect(page.getByText("Every municipality (platform-wide)")).toBeVisible();
  await shoot(page, "platform-detail");
  await page.goto("/platform/services?municipality=platform");
  await expect(page.getByRole("link", { name })).toBeVisible();
});
