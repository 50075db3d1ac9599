// The permits demo's own checks, with real parts: its logout-token verifier against a JWKS served
// over HTTP, its webhook verifier against signatures made by the Standard Webhooks library, and
// the whole demo signing a person in through the local development IdP (lib/idp/server.ts, also
// oidc-provider) with PKCE, state and nonce. Gatehouse's AuthZEN endpoint is not in this process,
// so a stand-in answers by owner (and records what the demo asked); the real one meets the demo in
// e2e/connected-services.spec.ts.
import http from "node:http";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportJWK, generateKeyPair, SignJWT, type JWK } from "jose";
import { Webhook } from "standardwebhooks";
import { startIdp } from "@/lib/idp/server";
import { devIdpClientSecret } from "@/lib/crypto/secret-box";
import { freePort } from "@/test/fixtures/free-port";
import { createLogoutTokenVerifier, BACKCHANNEL_LOGOUT_EVENT } from "./logout-token.mjs";
import { createWebhookVerifier } from "./webhooks.mjs";
import { createPermitsDemo } from "./app.mjs";

type Keys = Awaited<ReturnType<typeof generateKeyPair>>;

/** A node:http server on a free loopback port; answers with `handle`. */
async function serve(handle: (req: http.IncomingMessage, body: string, res: http.ServerResponse) => void) {
  const port = await freePort();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => handle(req, Buffer.concat(chunks).toString("utf8"), res));
  });
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", () => r()));
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))),
  };
}

/** A JWKS endpoint publishing `keys` (public parts), as a provider's jwks_uri does. */
async function jwksServer(keys: Keys[]) {
  const jwks: JWK[] = [];
  for (const [i, k] of keys.entries())
    jwks.push({ ...(await exportJWK(k.publicKey)), kid: `k${i}`, alg: "RS256", use: "sig" });
  return serve((_req, _body, res) => {
    res.writeHead(200, { "content-type": "application/jwk-set+json" });
    res.end(JSON.stringify({ keys: jwks }));
  });
}

const ISSUER = "https://gatehouse.example.test/oidc";
const CLIENT = "permits-demo";

type Claims = Record<string, unknown>;
function logoutToken(key: Keys, opts: { claims?: Claims; drop?: string[]; typ?: string; kid?: string } = {}) {
  const claims: Claims = {
    iss: ISSUER,
    aud: CLIENT,
    sub: "user-1",
    sid: "sid-1",
    jti: randomUUID(),
    iat: Math.floor(Date.now() / 1000),
    exp: Math.floor(Date.now() / 1000) + 120,
    events: { [BACKCHANNEL_LOGOUT_EVENT]: {} },
    ...opts.claims,
  };
  for (const d of opts.drop ?? []) delete claims[d];
  return new SignJWT(claims)
    .setProtectedHeader({ alg: "RS256", typ: opts.typ ?? "logout+jwt", kid: opts.kid ?? "k0" })
    .sign(key.privateKey);
}

describe("the demo's logout-token verifier (OIDC Back-Channel Logout 1.0, 2.6)", () => {
  let key: Keys;
  let other: Keys;
  let jwks: Awaited<ReturnType<typeof jwksServer>>;
  let verify: ReturnType<typeof createLogoutTokenVerifier>;
  beforeAll(async () => {
    key = await generateKeyPair("RS256");
    other = await generateKeyPair("RS256");
    jwks = await jwksServer([key]);
    verify = createLogoutTokenVerifier({ issuer: ISSUER, clientId: CLIENT, jwksUri: jwks.url });
  });
  afterAll(() => jwks.close());

  it("accepts a token signed with a published key and names its sub and sid", async () => {
    const t = await verify(await logoutToken(key));
    expect(t).toMatchObject({ sub: "user-1", sid: "sid-1" });
    // sub alone or sid alone is enough (the spec requires at least one).
    expect((await verify(await logoutToken(key, { drop: ["sid"] }))).sub).toBe("user-1");
    expect((await verify(await logoutToken(key, { drop: ["sub"] }))).sid).toBe("sid-1");
  });

  const refused: [string, (k: Keys, o: Keys) => Promise<string> | string, RegExp][] = [
    ["another issuer", (k) => logoutToken(k, { claims: { iss: "https://evil.example.test" } }), /iss/],
    ["another audience", (k) => logoutToken(k, { claims: { aud: "someone-else" } }), /aud/],
    ["typ JWT instead of logout+jwt", (k) => logoutToken(k, { typ: "JWT" }), /typ/],
    ["no back-channel logout event", (k) => logoutToken(k, { drop: ["events"] }), /event/],
    [
      "an event that is not an object",
      (k) => logoutToken(k, { claims: { events: { [BACKCHANNEL_LOGOUT_EVENT]: "yes" } } }),
      /event/,
    ],
    ["a nonce (an ID token, not a logout token)", (k) => logoutToken(k, { claims: { nonce: "n" } }), /nonce/],
    [
      "an iat ten minutes old",
      (k) => logoutToken(k, { claims: { iat: Math.floor(Date.now() / 1000) - 600 } }),
      /iat|age/,
    ],
    ["an iat in the future", (k) => logoutToken(k, { claims: { iat: Math.floor(Date.now() / 1000) + 600 } }), /iat/],
    ["no jti", (k) => logoutToken(k, { drop: ["jti"] }), /jti/],
    ["neither sub nor sid", (k) => logoutToken(k, { drop: ["sub", "sid"] }), /sub nor sid/],
    ["a key the provider does not publish", (_k, o) => logoutToken(o), /signature|key/i],
    [
      "a symmetric signature",
      () =>
        new SignJWT({ iss: ISSUER }).setProtectedHeader({ alg: "HS256", typ: "logout+jwt" }).sign(new Uint8Array(32)),
      /alg|key/i,
    ],
    ["no token at all", () => "", /missing/],
    ["bytes that are not a JWT", () => "not.a.jwt", /refused/],
  ];
  for (const [what, make, message] of refused) {
    it(`refuses ${what}`, async () => {
      await expect(verify(await make(key, other))).rejects.toThrow(message);
    });
  }

  it("tells a repeat of the same token (same jti) apart, so it ends nothing again", async () => {
    const token = await logoutToken(key);
    expect((await verify(token)).replay).toBe(false);
    expect((await verify(token)).replay).toBe(true);
  });
});

describe("the demo's webhook verifier (Standard Webhooks)", () => {
  const secret = `whsec_${Buffer.alloc(32, 7).toString("base64")}`;
  const body = JSON.stringify({
    type: "access.revoked",
    timestamp: new Date().toISOString(),
    data: { reason: "test" },
  });
  const headers = (id: string, at: Date, payload = body, key = secret) => ({
    "webhook-id": id,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": new Webhook(key).sign(id, at, payload),
  });

  it("verifies a signed delivery and tells a retry of the same id apart", () => {
    const verify = createWebhookVerifier({ secret });
    const h = headers("msg_1", new Date());
    expect(verify(body, h)).toMatchObject({
      verified: true,
      id: "msg_1",
      duplicate: false,
      event: { type: "access.revoked" },
    });
    expect(verify(body, h)).toMatchObject({ verified: true, duplicate: true });
  });

  it("refuses a changed body, another secret, an old timestamp and missing headers", () => {
    const verify = createWebhookVerifier({ secret });
    const now = new Date();
    expect(verify(body.replace("test", "tampered"), headers("m2", now)).verified).toBe(false);
    expect(verify(body, headers("m3", now, body, `whsec_${Buffer.alloc(32, 9).toString("base64")}`)).verified).toBe(
      false,
    );
    expect(verify(body, headers("m4", new Date(Date.now() - 10 * 60_000))).verified).toBe(false);
    expect(verify(body, {}).verified).toBe(false);
  });
});

/** Cookies per origin, enough to walk a redirect chain between two servers by hand. */
function cookieJar() {
  const jar = new Map<string, Map<string, string>>();
  return {
    header(url: string) {
      const c = jar.get(new URL(url).origin);
      return c ? [...c].map(([k, v]) => `${k}=${v}`).join("; ") : "";
    },
    store(url: string, res: Response) {
      const origin = new URL(url).origin;
      const c = jar.get(origin) ?? new Map<string, string>();
      for (const line of res.headers.getSetCookie()) {
        const [pair] = line.split(";");
        const i = pair!.indexOf("=");
        const value = pair!.slice(i + 1);
        if (/max-age=0|expires=thu, 01 jan 1970/i.test(line) || value === "") c.delete(pair!.slice(0, i));
        else c.set(pair!.slice(0, i), value);
      }
      jar.set(origin, c);
    },
  };
}

describe("the permits demo, signed in through the local OpenID provider", () => {
  const authSecret = "permits-demo-test-secret-0123456789abcdef";
  const slug = "permitsdemo";
  const asked: { path: string; auth: string | undefined; body: { subject?: unknown; evaluations?: unknown[] } }[] = [];
  let key: Keys;
  let jwks: Awaited<ReturnType<typeof jwksServer>>;
  let authzen: Awaited<ReturnType<typeof serve>>;
  let idp: Awaited<ReturnType<typeof startIdp>>;
  let demo: ReturnType<typeof createPermitsDemo>;
  let demoBase: string;
  const jar = cookieJar();
  const clientId = `gatehouse-${slug}`;

  beforeAll(async () => {
    key = await generateKeyPair("RS256");
    jwks = await jwksServer([key]);
    // The AuthZEN stand-in: operators' rule (view/edit/submit where ownerID is their email).
    authzen = await serve((req, raw, res) => {
      const body = JSON.parse(raw) as {
        subject: { id: string };
        resource?: { properties: { ownerID: string } };
        action?: { name: string };
        evaluations?: { resource: { properties: { ownerID: string } }; action: { name: string } }[];
      };
      asked.push({ path: req.url ?? "", auth: req.headers.authorization, body });
      const decide = (r: { properties: { ownerID: string } }, a: { name: string }) =>
        body.subject.id === "alice" && r.properties.ownerID === "alice@riverton.test" && a.name !== "approve";
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        JSON.stringify(
          req.url === "/access/v1/evaluations"
            ? { evaluations: body.evaluations!.map((e) => ({ decision: decide(e.resource, e.action) })) }
            : { decision: decide(body.resource!, body.action!) },
        ),
      );
    });
    const demoPort = await freePort();
    // The dev IdP's client gatehouse-<slug> may return to <app>/admin/<slug>/sso/callback: the demo
    // is served under that path (PUBLIC_URL may carry one, as behind a proxy).
    const app = `http://127.0.0.1:${demoPort}`;
    idp = await startIdp({ port: await freePort(), appUrl: app, authSecret });
    demoBase = `${app}/admin/${slug}/sso`;
    demo = createPermitsDemo({
      gatehouseUrl: authzen.url,
      issuer: idp.issuer,
      clientId,
      clientSecret: devIdpClientSecret(authSecret, slug),
      webhookSecret: `whsec_${Buffer.alloc(32, 3).toString("base64")}`,
      publicUrl: demoBase,
      jwksUri: jwks.url,
      log: () => {},
    });
    await demo.listen(demoPort);
  });
  afterAll(async () => {
    await demo?.close();
    await idp?.stop();
    await authzen?.close();
    await jwks?.close();
  });

  async function go(url: string, init: { method?: string; form?: Record<string, string> } = {}) {
    const res = await fetch(url, {
      method: init.method ?? (init.form ? "POST" : "GET"),
      redirect: "manual",
      headers: {
        cookie: jar.header(url),
        ...(init.form ? { "content-type": "application/x-www-form-urlencoded" } : {}),
      },
      body: init.form ? new URLSearchParams(init.form).toString() : undefined,
    });
    jar.store(url, res);
    return res;
  }
  /** Follows redirects (and the IdP's login and consent forms) until a page answers. */
  async function walk(start: string, login: string): Promise<{ url: string; res: Response }> {
    let url = start;
    for (let i = 0; i < 20; i++) {
      const res = await go(url);
      const loc = res.headers.get("location");
      if (loc) {
        url = new URL(loc, url).href;
        continue;
      }
      if (!new URL(url).pathname.startsWith("/interaction/")) return { url, res };
      const html = await res.text();
      const form = /prompt" value="(login|consent)"/.exec(html)?.[1];
      const action = new URL(/action="([^"]+)"/.exec(html)![1]!, url).href;
      const next = await go(action, {
        form: form === "login" ? { prompt: "login", login, password: "any" } : { prompt: "consent" },
      });
      url = new URL(next.headers.get("location")!, action).href;
    }
    throw new Error("too many redirects");
  }

  it("signs in with PKCE, state and nonce, and shows what AuthZEN allows, asked in one call", async () => {
    const home = await (await go(`${demoBase}/`)).text();
    expect(home).toContain("Sign in with Gatehouse");

    const login = await go(`${demoBase}/login`);
    const auth = new URL(login.headers.get("location")!);
    expect(auth.origin).toBe(idp.issuer);
    expect(auth.searchParams.get("code_challenge_method")).toBe("S256");
    expect(auth.searchParams.get("state")).toBeTruthy();
    expect(auth.searchParams.get("nonce")).toBeTruthy();
    expect(auth.searchParams.get("redirect_uri")).toBe(`${demoBase}/callback`);

    const { url, res } = await walk(auth.href, "alice");
    expect(url).toBe(`${demoBase}/permits`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Signed in as Alice Operator (SSO)");
    // Alice's own permit (made at her first sign-in), then three of residents.
    const rows = [...html.matchAll(/<tr data-permit="([^"]+)">[\s\S]*?data-label="You may">([^<]*)</g)].map((m) => [
      m[1],
      m[2],
    ]);
    expect(rows).toEqual([
      ["RIV-2026-0201", "view, edit, submit"],
      ["RIV-2026-0101", "Nothing"],
      ["RIV-2026-0102", "Nothing"],
      ["RIV-2026-0103", "Nothing"],
    ]);
    expect(asked).toHaveLength(1);
    expect(asked[0]!.path).toBe("/access/v1/evaluations");
    expect(asked[0]!.auth).toBe(
      `Basic ${Buffer.from(`${clientId}:${devIdpClientSecret(authSecret, slug)}`).toString("base64")}`,
    );
    expect(asked[0]!.body.subject).toEqual({ type: "user", id: "alice" });
    expect(asked[0]!.body.evaluations).toHaveLength(16);
    expect(asked[0]!.body.evaluations![0]).toEqual({
      resource: {
        type: "permit",
        id: "RIV-2026-0201",
        properties: { ownerID: "alice@riverton.test", status: "draft", district: "North Bank" },
      },
      action: { name: "view" },
    });
  });

  it("asks AuthZEN again before an action, and refuses with 403 when the answer is no", async () => {
    const page = await (await go(`${demoBase}/permits`)).text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(page)![1]!;
    asked.length = 0;
    const submit = await go(`${demoBase}/permits/RIV-2026-0201/submit`, { form: { csrf } });
    expect(submit.status).toBe(303);
    expect(asked.map((a) => a.path)).toEqual(["/access/v1/evaluation"]);
    expect(asked[0]!.body).toMatchObject({ subject: { type: "user", id: "alice" }, action: { name: "submit" } });
    const after = await (await go(`${demoBase}/permits`)).text();
    expect(after).toContain("Permit RIV-2026-0201 submitted.");

    const approve = await go(`${demoBase}/permits/RIV-2026-0101/approve`, { form: { csrf } });
    expect(approve.status).toBe(403);
    expect(await approve.text()).toContain("Gatehouse does not allow you to approve permit RIV-2026-0101.");
    // Without the form's token nothing is even asked.
    asked.length = 0;
    expect((await go(`${demoBase}/permits/RIV-2026-0201/edit`, { form: { title: "x" } })).status).toBe(403);
    expect(asked).toHaveLength(0);
  });

  it("records signed webhooks as verified and others as not", async () => {
    const body = JSON.stringify({ type: "access.revoked", timestamp: new Date().toISOString(), data: {} });
    const at = new Date();
    const sign = new Webhook(`whsec_${Buffer.alloc(32, 3).toString("base64")}`).sign("msg_a", at, body);
    const post = (signature: string) =>
      fetch(`${demoBase}/webhooks`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "webhook-id": "msg_a",
          "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
          "webhook-signature": signature,
        },
        body,
      });
    expect((await post(sign)).status).toBe(204);
    expect((await post("v1,AAAA")).status).toBe(400);
    const events = (await (await fetch(`${demoBase}/_events`)).json()) as {
      webhooks: { verified: boolean; type?: string }[];
    };
    expect(events.webhooks.map((w) => [w.verified, w.type ?? null])).toEqual([
      [true, "access.revoked"],
      [false, null],
    ]);
  });

  it("ends the person's session when a valid logout token arrives, and refuses a bad one with 400", async () => {
    const post = (token: string) =>
      fetch(`${demoBase}/backchannel-logout`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ logout_token: token }).toString(),
      });
    const sign = (claims: Claims) =>
      new SignJWT({
        iss: idp.issuer,
        aud: clientId,
        jti: randomUUID(),
        events: { [BACKCHANNEL_LOGOUT_EVENT]: {} },
        ...claims,
      })
        .setProtectedHeader({ alg: "RS256", typ: "logout+jwt", kid: "k0" })
        .setIssuedAt()
        .sign(key.privateKey);

    // Someone else's token ends nothing; a token for another audience is refused.
    expect((await post(await sign({ sub: "bob" }))).status).toBe(200);
    expect((await post(await sign({ sub: "alice", aud: "other-client" }))).status).toBe(400);
    expect((await go(`${demoBase}/permits`)).status).toBe(200);

    const token = await sign({ sub: "alice" });
    const res = await post(token);
    expect(res.status).toBe(200);
    const after = await go(`${demoBase}/permits`);
    expect(after.status).toBe(401);
    const html = await after.text();
    expect(html).toContain("You are signed out");
    expect(html).toContain("Gatehouse ended your session");

    // Alice signs in again; the same token, arriving again (a retried delivery), ends nothing.
    const { url } = await walk(`${demoBase}/login`, "alice");
    expect(url).toBe(`${demoBase}/permits`);
    expect((await post(token)).status).toBe(200);
    expect((await go(`${demoBase}/permits`)).status).toBe(200);

    const events = (await (await fetch(`${demoBase}/_events`)).json()) as {
      logouts: { verified: boolean; sub?: string; droppedSessions?: number; replay?: boolean }[];
    };
    expect(
      events.logouts.map((l) => [l.verified, l.sub ?? null, l.droppedSessions ?? null, l.replay ?? false]),
    ).toEqual([
      [true, "bob", 0, false],
      [false, null, null, false],
      [true, "alice", 1, false],
      [true, "alice", 0, true],
    ]);
  });
});
