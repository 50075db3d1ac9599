// Gatehouse as OpenID Provider, seen from a service: a tiny relying party (node:http +
// openid-client 6, authorization code + PKCE) registered as a connected service, and a person in
// Chromium. Signed in to Gatehouse, they come back signed in without typing anything; signed out,
// they sign in to Gatehouse first and come back; without access they read why, and the service
// hears access_denied.
import http from "node:http";
import { expect, test } from "@playwright/test";
import * as client from "openid-client";
import { freePort } from "../test/fixtures/free-port";
import { freshMunicipality } from "../test/fixtures/municipalities";
import { freshSignInPerson } from "../test/fixtures/people";
import { freshService, type FreshService } from "../test/fixtures/services";
import { uniq } from "../test/fixtures/unique";
import { DEMO_PASSWORD, signIn } from "./support/auth";
import { confirmInDialog } from "./support/confirm";

type RelyingParty = { url: string; stop(): Promise<void> };

/** The service's own sign-in: /login starts it, /callback finishes it and says who signed in. */
async function startRelyingParty(service: FreshService, port: number, issuer: string): Promise<RelyingParty> {
  const url = `http://127.0.0.1:${port}`;
  const config = await client.discovery(
    new URL(issuer),
    service.clientId,
    { redirect_uris: [`${url}/callback`] },
    client.ClientSecretBasic(service.clientSecret),
    { execute: [client.allowInsecureRequests] },
  );
  const pending = new Map<string, string>();
  const server = http.createServer((req, res) => {
    const here = new URL(req.url ?? "/", url);
    const page = (status: number, body: string) => {
      res.writeHead(status, { "Content-Type": "text/html; charset=utf-8" });
      res.end(`<!doctype html><title>Permits</title><main>${body}</main>`);
    };
    void (async () => {
      if (here.pathname === "/login") {
        const verifier = client.randomPKCECodeVerifier();
        const state = client.randomState();
        pending.set(state, verifier);
        const to = client.buildAuthorizationUrl(config, {
          redirect_uri: `${url}/callback`,
          scope: "openid email profile gatehouse",
          code_challenge: await client.calculatePKCECodeChallenge(verifier),
          code_challenge_method: "S256",
          state,
        });
        res.writeHead(302, { Location: to.href }).end();
      } else if (here.pathname === "/callback") {
        const error = here.searchParams.get("error");
        if (error) return page(200, `<h1>Sign-in refused: ${error}</h1>`);
        const state = here.searchParams.get("state") ?? "";
        const tokens = await client.authorizationCodeGrant(config, here, {
          pkceCodeVerifier: pending.get(state),
          expectedState: state,
        });
        const claims = tokens.claims()!;
        page(200, `<h1>Signed in as ${claims.email}</h1><p>Groups: ${(claims.groups as string[]).join(", ")}</p>`);
      } else page(404, "<h1>Not found</h1>");
    })().catch((err) => page(500, `<h1>Error</h1><pre>${String(err)}</pre>`));
  });
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
  return { url, stop: () => new Promise<void>((r) => server.close(() => r())) };
}

async function setUp(groups: string[], baseURL: string) {
  const muni = await freshMunicipality();
  const email = `svc.${uniq()}@example.test`;
  await freshSignInPerson(muni.id, groups, email);
  const port = await freePort();
  const service = await freshService({
    municipalityId: muni.id,
    name: `Permits ${muni.slug}`,
    redirectUris: [`http://127.0.0.1:${port}/callback`],
  });
  const rp = await startRelyingParty(service, port, `${baseURL}/oidc`);
  return { email, service, rp };
}

test("signed in to Gatehouse, a person comes back to the service signed in without typing anything", async ({
  page,
  baseURL,
}) => {
  const { email, rp } = await setUp(["operator"], baseURL!);
  try {
    await signIn(page, email);
    await expect(page).not.toHaveURL(/\/signin/);
    await page.goto(`${rp.url}/login`);
    await expect(page.getByRole("heading", { name: `Signed in as ${email}` })).toBeVisible();
    await expect(page.getByText("Groups: operator")).toBeVisible();
  } finally {
    await rp.stop();
  }
});

test("signed out, a person signs in to Gatehouse first and comes back to the service", async ({ page, baseURL }) => {
  const { email, rp } = await setUp(["operator"], baseURL!);
  try {
    await page.goto(`${rp.url}/login`);
    await expect(page).toHaveURL(/\/signin\?.*next=%2Fservices%2Fsign-in%2F/);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByRole("heading", { name: `Signed in as ${email}` })).toBeVisible();
  } finally {
    await rp.stop();
  }
});

test("a person without access sees why and whom to ask; going back tells the service access_denied", async ({
  page,
  baseURL,
}) => {
  const { email, service, rp } = await setUp(["viewer"], baseURL!);
  try {
    await signIn(page, email);
    await expect(page).not.toHaveURL(/\/signin/);
    await page.goto(`${rp.url}/login`);
    await expect(page.getByRole("heading", { name: `You do not have access to ${service.name}` })).toBeVisible();
    await expect(page.getByText("Whom to ask:")).toBeVisible();
    await page.screenshot({ path: "test-results/oidc-no-access-1280.png", fullPage: true });
    await page.setViewportSize({ width: 390, height: 800 });
    await page.screenshot({ path: "test-results/oidc-no-access-390.png", fullPage: true });
    await page.getByRole("link", { name: `Back to ${service.name}` }).click();
    await expect(page.getByRole("heading", { name: "Sign-in refused: access_denied" })).toBeVisible();
  } finally {
    await rp.stop();
  }
});

test("a sign-in link opened in another browser finishes nothing", async ({ browser, baseURL }) => {
  const { email, rp } = await setUp(["operator"], baseURL!);
  try {
    const attacker = await browser.newPage();
    await attacker.goto(`${rp.url}/login`);
    await expect(attacker).toHaveURL(/\/signin\?/);
    const link = decodeURIComponent(new URL(attacker.url()).searchParams.get("next")!);
    const victim = await browser.newPage();
    await signIn(victim, email);
    await victim.goto(link);
    await expect(victim.getByRole("heading", { name: "This sign-in has expired" })).toBeVisible();
    await attacker.close();
    await victim.close();
  } finally {
    await rp.stop();
  }
});

test("a platform admin rotates the signing key: the JWKS publishes the new and the previous key", async ({
  page,
  baseURL,
}) => {
  const before = (await (await fetch(`${baseURL}/oidc/jwks`)).json()).keys.map((k: { kid: string }) => k.kid);
  await signIn(page, "platform.admin@gatehouse.test", undefined, "/platform/signing-keys");
  await page.goto("/platform/signing-keys");
  await expect(page.getByRole("heading", { name: "Signing keys" })).toBeVisible();
  await page.screenshot({ path: "test-results/oidc-signing-keys-1280.png", fullPage: true });
  await page.getByRole("button", { name: "Rotate signing key" }).click();
  await confirmInDialog(page, "Rotate signing key");
  await expect(page.getByText("Rotated. The new key signs from now on")).toBeVisible();
  await expect(page.getByText("Signs now")).toHaveCount(1);
  await page.setViewportSize({ width: 390, height: 800 });
  await page.screenshot({ path: "test-results/oidc-signing-keys-390.png", fullPage: true });
  const after = (await (await fetch(`${baseURL}/oidc/jwks`)).json()).keys.map((k: { kid: string }) => k.kid);
  expect(after).toHaveLength(2);
  expect(after).toContain(before[0]);
});
