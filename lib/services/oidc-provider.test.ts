// Gatehouse as OpenID Provider, over real HTTP: the provider's node handler on a node:http server,
// driven by openid-client 6 as a service would (authorization code + PKCE), with the sign-in page's
// own decision (openServiceSignIn) finishing the interaction from a real Gatehouse session.
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as client from "openid-client";
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import { encode } from "next-auth/jwt";
import { freePort } from "@/test/fixtures/free-port";
import { freshMunicipality } from "@/test/fixtures/municipalities";
import { freshPerson } from "@/test/fixtures/people";
import { freshService, type FreshService } from "@/test/fixtures/services";
import { testPrisma } from "@/test/fixtures/db";
import { createSession, checkSession } from "@/lib/auth/session-store";

let port = 0;
let server: http.Server;
let issuer = "";
const REDIRECT = "http://127.0.0.1:9/callback";

beforeAll(async () => {
  port = await freePort();
  // Before anything reads the environment: the issuer is APP_URL + /oidc.
  process.env.APP_URL = `http://127.0.0.1:${port}`;
  issuer = `${process.env.APP_URL}/oidc`;
  const { handleOidcRequest } = await import("./oidc-provider");
  server = http.createServer((req, res) => {
    if (/^\/oidc(\/|\?|$)/.test(req.url ?? "")) return void handleOidcRequest(req, res);
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
});

afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
});

/** A browser's cookies for our origin (path ignored: the page logic gets the whole header). */
class Jar {
  private cookies = new Map<string, string>();
  take(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const i = pair!.indexOf("=");
      const name = pair!.slice(0, i).trim();
      const value = pair!.slice(i + 1).trim();
      if (value === "" || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  set(name: string, value: string) {
    this.cookies.set(name, value);
  }
  without(...names: string[]) {
    return [...this.cookies]
      .filter(([n]) => !names.some((x) => n.startsWith(x)))
      .map(([n, v]) => `${n}=${v}`)
      .join("; ");
  }
  header() {
    return this.without();
  }
}

/** The OAuth error of a refused call, from the body or from the WWW-Authenticate challenge. */
async function oauthError(call: Promise<unknown>): Promise<string | undefined> {
  try {
    await call;
    return undefined;
  } catch (err) {
    const e = err as { error?: string; cause?: { parameters?: { error?: string } }[] };
    return e.error ?? e.cause?.[0]?.parameters?.error;
  }
}

async function get(url: string, jar: Jar): Promise<Response> {
  const res = await fetch(url, { redirect: "manual", headers: { cookie: jar.header() } });
  jar.take(res);
  return res;
}

/** A Gatehouse session (as next-auth's cookie carries it) for the person, in the jar. */
async function signInToGatehouse(jar: Jar, userId: string, authMethods = ["pwd"]) {
  const sid = await createSession(userId, {}, { authMethods });
  jar.set("next-auth.session-token", await encode({ token: { sid }, secret: process.env.AUTH_SECRET! }));
  return sid;
}

async function configFor(service: FreshService, secret = service.clientSecret, basic = false) {
  return client.discovery(
    new URL(issuer),
    service.clientId,
    { redirect_uris: [REDIRECT] },
    basic ? client.ClientSecretBasic(secret) : client.ClientSecretPost(secret),
    { execute: [client.allowInsecureRequests] },
  );
}

type Started = { location: URL; verifier: string; state: string };

async function startAuth(config: client.Configuration, jar: Jar, extra: Record<string, string> = {}): Promise<Started> {
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: REDIRECT,
    scope: "openid email profile gatehouse",
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state,
    ...extra,
  });
  const res = await get(url.href, jar);
  expect(res.status).toBe(303);
  return { location: new URL(res.headers.get("location")!), verifier, state };
}

/** The sign-in page's decision for this browser, then the browser following it back to the provider. */
async function finishAtPage(started: Started, jar: Jar, sid: string | null) {
  const { openServiceSignIn } = await import("./oidc-interaction");
  const uid = started.location.pathname.split("/").pop()!;
  const view = await openServiceSignIn(uid, jar.header(), sid ? await checkSession(sid) : { status: "none" });
  return { uid, view };
}

async function signInToService(config: client.Configuration, jar: Jar, sid: string) {
  const started = await startAuth(config, jar);
  expect(started.location.pathname).toMatch(/^\/services\/sign-in\/[A-Za-z0-9_-]+$/);
  const { view } = await finishAtPage(started, jar, sid);
  expect(view.kind).toBe("redirect");
  const back = await get((view as { to: string }).to, jar);
  expect(back.status).toBe(303);
  const callback = new URL(back.headers.get("location")!);
  expect(callback.searchParams.get("code")).toBeTruthy();
  return client.authorizationCodeGrant(config, callback, {
    pkceCodeVerifier: started.verifier,
    expectedState: started.state,
  });
}

async function world(groups = ["operator"]) {
  const muni = await freshMunicipality();
  const person = await freshPerson(muni.id, groups);
  const service = await freshService({ municipalityId: muni.id, slug: "permits", redirectUris: [REDIRECT] });
  return { muni, person, service };
}

describe("Gatehouse as OpenID Provider", () => {
  it("discovery advertises code + PKCE, back-channel logout, revocation, userinfo and the gatehouse scope", async () => {
    const res = await fetch(`${issuer}/.well-known/openid-configuration`);
    expect(res.status).toBe(200);
    const d = await res.json();
    expect(d.issuer).toBe(issuer);
    expect(d.authorization_endpoint).toBe(`${issuer}/auth`);
    expect(d.jwks_uri).toBe(`${issuer}/jwks`);
    expect(d.response_types_supported).toEqual(["code"]);
    expect(d.code_challenge_methods_supported).toEqual(["S256"]);
    expect(d.backchannel_logout_supported).toBe(true);
    expect(d.revocation_endpoint).toBeTruthy();
    expect(d.userinfo_endpoint).toBeTruthy();
    expect(d.end_session_endpoint).toBeTruthy();
    expect(d.scopes_supported).toContain("gatehouse");
    expect(d.token_endpoint_auth_methods_supported.sort()).toEqual(["client_secret_basic", "client_secret_post"]);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
  });

  it("signs a person in with their Gatehouse session: ID token verifies and carries person, municipality, groups, permissions; refresh and userinfo work until access ends", async () => {
    const { muni, person, service } = await world();
    const jar = new Jar();
    const sid = await signInToGatehouse(jar, person.id, ["pwd", "otp"]);
    const config = await configFor(service);
    const tokens = await signInToService(config, jar, sid);

    const jwks = createRemoteJWKSet(new URL(`${issuer}/jwks`));
    const { payload } = await jwtVerify(tokens.id_token!, jwks, { issuer, audience: service.clientId });
    expect(payload.sub).toBe(person.id);
    expect(payload.email).toBe(person.email);
    expect(payload.municipality).toEqual({ id: muni.id, slug: muni.slug, name: muni.name });
    expect(payload.groups).toEqual(["operator"]);
    expect(payload.permissions).toEqual([
      { resource: "permit", actions: ["view", "edit", "submit"], conditional: true },
    ]);
    expect(payload.amr).toEqual(["mfa", "otp", "pwd"]);
    expect(payload.acr).toBe("urn:gatehouse:aal2");
    expect(tokens.expires_in).toBeLessThanOrEqual(600);

    const link = await testPrisma().serviceLink.findUniqueOrThrow({
      where: { serviceId_userId: { serviceId: service.id, userId: person.id } },
    });
    expect(link.endedAt).toBeNull();

    const info = await client.fetchUserInfo(config, tokens.access_token, person.id);
    expect(info.email).toBe(person.email);
    expect(info.groups).toEqual(["operator"]);

    const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token!);
    expect(refreshed.access_token).toBeTruthy();
    expect(refreshed.refresh_token).not.toBe(tokens.refresh_token);
    // Rotation: the used refresh token is spent.
    await expect(client.refreshTokenGrant(config, tokens.refresh_token!)).rejects.toMatchObject({
      error: "invalid_grant",
    });

    // Access ends: the membership is suspended.
    await testPrisma().membership.updateMany({ where: { userId: person.id }, data: { status: "SUSPENDED" } });
    await expect(client.refreshTokenGrant(config, refreshed.refresh_token!)).rejects.toMatchObject({
      error: "invalid_grant",
    });
    await expect(client.fetchUserInfo(config, refreshed.access_token, person.id)).rejects.toThrow();
  });

  it("a group removed ends refresh at once, and a person reactivated signs in again (the link comes back)", async () => {
    const { person, service } = await world(["operator", "viewer"]);
    const jar = new Jar();
    const sid = await signInToGatehouse(jar, person.id);
    const config = await configFor(service, service.clientSecret, true);
    const tokens = await signInToService(config, jar, sid);
    expect((tokens.claims()!.groups as string[]).sort()).toEqual(["operator", "viewer"]);
    await testPrisma().membership.updateMany({ where: { userId: person.id }, data: { groups: ["viewer"] } });
    await expect(client.refreshTokenGrant(config, tokens.refresh_token!)).rejects.toMatchObject({
      error: "invalid_grant",
    });
    await testPrisma().serviceLink.updateMany({
      where: { serviceId: service.id, userId: person.id },
      data: { endedAt: new Date(), endReason: "removed from the operator group" },
    });
    await testPrisma().membership.updateMany({ where: { userId: person.id }, data: { groups: ["operator"] } });
    await signInToService(config, jar, sid);
    const link = await testPrisma().serviceLink.findUniqueOrThrow({
      where: { serviceId_userId: { serviceId: service.id, userId: person.id } },
    });
    expect(link.endedAt).toBeNull();
    expect(link.endReason).toBeNull();
  });

  it("refuses a wrong secret and the stored hash presented as the secret (basic and post); a disabled service is unknown", async () => {
    const { person, service } = await world();
    const jar = new Jar();
    const sid = await signInToGatehouse(jar, person.id);
    const good = await configFor(service);
    const tokens = await signInToService(good, jar, sid);
    for (const basic of [false, true]) {
      for (const secret of ["gh_svc_wrong", service.clientSecretHash]) {
        const bad = await configFor(service, secret, basic);
        expect(await oauthError(client.refreshTokenGrant(bad, tokens.refresh_token!)), secret).toBe("invalid_client");
      }
    }
    // The right secret, sent basic, still works.
    const basic = await configFor(service, service.clientSecret, true);
    const refreshed = await client.refreshTokenGrant(basic, tokens.refresh_token!);

    await testPrisma().service.update({ where: { id: service.id }, data: { disabledAt: new Date() } });
    expect(await oauthError(client.refreshTokenGrant(good, refreshed.refresh_token!))).toBe("invalid_client");
    const res = await get(
      client.buildAuthorizationUrl(good, {
        redirect_uri: REDIRECT,
        scope: "openid",
        code_challenge: await client.calculatePKCECodeChallenge(client.randomPKCECodeVerifier()),
        code_challenge_method: "S256",
      }).href,
      new Jar(),
    );
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("switched off");
  });

  it("binds the interaction to the browser: a uid without its cookie finishes nothing", async () => {
    const { person, service } = await world();
    const attacker = new Jar();
    const config = await configFor(service);
    const started = await startAuth(config, attacker);
    // The victim, signed in to Gatehouse, opens the attacker's link: no interaction cookie.
    const victim = new Jar();
    const sid = await signInToGatehouse(victim, person.id);
    const { view } = await finishAtPage(started, victim, sid);
    expect(view).toEqual({ kind: "gone" });
    // A forged cookie (the uid without a valid signature) is no better.
    const uid = started.location.pathname.split("/").pop()!;
    victim.set("gh_oidc_interaction", uid);
    victim.set("gh_oidc_interaction.sig", "forged");
    expect((await finishAtPage(started, victim, sid)).view).toEqual({ kind: "gone" });
  });

  it("signed out → sign in first; partial sign-in → finish it; no access → the page, then access_denied to the service", async () => {
    const { muni, service } = await world();
    await testPrisma().municipality.update({ where: { id: muni.id }, data: { accessContact: "IT desk, 555-0100" } });
    const viewer = await freshPerson(muni.id, ["viewer"]);
    const config = await configFor(service);

    const jar = new Jar();
    const started = await startAuth(config, jar);
    const signedOut = await finishAtPage(started, jar, null);
    expect(signedOut.view).toEqual({ kind: "sign-in", reason: "required", next: `/services/sign-in/${signedOut.uid}` });

    const partialSid = await createSession(viewer.id, {}, { stage: "SECOND_FACTOR", authMethods: ["pwd"] });
    expect((await finishAtPage(started, jar, partialSid)).view).toMatchObject({
      kind: "finish-sign-in",
      stage: "SECOND_FACTOR",
    });

    const sid = await signInToGatehouse(jar, viewer.id);
    const { view, uid } = await finishAtPage(started, jar, sid);
    expect(view).toEqual({
      kind: "no-access",
      serviceName: service.name,
      municipalityName: muni.name,
      accessContact: "IT desk, 555-0100",
    });
    const { refuseServiceSignIn } = await import("./oidc-interaction");
    const to = await refuseServiceSignIn(uid, jar.header());
    const back = await get(to!, jar);
    const callback = new URL(back.headers.get("location")!);
    expect(callback.origin + callback.pathname).toBe(REDIRECT);
    expect(callback.searchParams.get("error")).toBe("access_denied");
  });

  it("prompt=none: login_required when signed out of Gatehouse; silent while the Gatehouse session lasts", async () => {
    const { person, service } = await world();
    const config = await configFor(service);
    const stranger = new Jar();
    const refused = await startAuth(config, stranger, { prompt: "none" });
    expect(refused.location.origin + refused.location.pathname).toBe(REDIRECT);
    expect(refused.location.searchParams.get("error")).toBe("login_required");

    const jar = new Jar();
    const sid = await signInToGatehouse(jar, person.id);
    await signInToService(config, jar, sid);
    const silent = await startAuth(config, jar, { prompt: "none" });
    expect(silent.location.origin + silent.location.pathname).toBe(REDIRECT);
    expect(silent.location.searchParams.get("code")).toBeTruthy();

    // Signed out of Gatehouse (the provider's cookie is still there): no silent sign-in.
    await testPrisma().session.updateMany({ where: { userId: person.id }, data: { revokedAt: new Date() } });
    const after = await startAuth(config, jar, { prompt: "none" });
    expect(after.location.searchParams.get("error")).toBe("login_required");
  });

  it("answers garbage with 4xx, never 500", async () => {
    const cases: [string, RequestInit?][] = [
      [`${issuer}/%FF`],
      [`${issuer}/auth?client_id=%00`],
      [`${issuer}/auth?client_id=nobody&response_type=code`],
      [`${issuer}/auth/not-a-uid`],
      [
        `${issuer}/token`,
        {
          method: "POST",
          body: "grant_type=refresh_token&refresh_token=%00&client_id=%00&client_secret=x",
          headers: { "content-type": "application/x-www-form-urlencoded" },
        },
      ],
      [
        `${issuer}/token`,
        {
          method: "POST",
          body: "grant_type=refresh_token&refresh_token=x",
          headers: { "content-type": "application/x-www-form-urlencoded" },
        },
      ],
      [`${issuer}/token`, { method: "POST", body: '{"__proto__":1}', headers: { "content-type": "application/json" } }],
      [
        `${issuer}/token`,
        {
          method: "POST",
          body: "grant_type=authorization_code",
          headers: { authorization: "Basic %%%", "content-type": "application/x-www-form-urlencoded" },
        },
      ],
      [`${issuer}/me`, { headers: { authorization: "Bearer nothing" } }],
      [
        `${issuer}/token/revocation`,
        { method: "POST", body: "token=x", headers: { "content-type": "application/x-www-form-urlencoded" } },
      ],
      [`${issuer}/session/end?id_token_hint=garbage`],
      [`${issuer}/nothing-here`],
    ];
    for (const [url, init] of cases) {
      const res = await fetch(url, { redirect: "manual", ...init });
      expect(res.status, url).toBeGreaterThanOrEqual(400);
      expect(res.status, url).toBeLessThan(500);
    }
  });

  it("key rotation: the JWKS holds the new and the previous key; new ID tokens are signed by the new one", async () => {
    const { person, service } = await world();
    const { currentSigningKey, rotateSigningKey } = await import("./signing-keys");
    const { forgetOidcProvider } = await import("./oidc-provider");
    const before = (await currentSigningKey()).kid;
    const { kid } = await rotateSigningKey();
    forgetOidcProvider();
    const jwks = await (await fetch(`${issuer}/jwks`)).json();
    const kids = jwks.keys.map((k: { kid: string }) => k.kid);
    expect(kids).toContain(kid);
    expect(kids).toContain(before);
    expect(jwks.keys.every((k: Record<string, unknown>) => k.d === undefined)).toBe(true);
    const jar = new Jar();
    const sid = await signInToGatehouse(jar, person.id);
    const tokens = await signInToService(await configFor(service), jar, sid);
    expect(decodeProtectedHeader(tokens.id_token!).kid).toBe(kid);
  });
});
