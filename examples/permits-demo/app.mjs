// The permits demo: a small stand-in for a municipality's building-permits application, connected
// to Gatehouse the way a real service would be. Staff sign in through Gatehouse (OpenID Connect,
// authorization code with PKCE, state and nonce, via openid-client); every page and every action
// asks Gatehouse's AuthZEN API what the person may do; Gatehouse's back-channel logout ends their
// session here without them doing anything; its signed webhooks are verified and recorded.
// Sessions live in memory (a cookie holds a random id). GET /_events shows what arrived, for
// tests and the benchmark.
import http from "node:http";
import { randomBytes, timingSafeEqual } from "node:crypto";
import * as oidc from "openid-client";
import { createAuthZenClient } from "./authzen.mjs";
import { createLogoutTokenVerifier } from "./logout-token.mjs";
import { createWebhookVerifier } from "./webhooks.mjs";
import { ACTIONS, createPermitStore, permitResource } from "./permits.mjs";
import { homePage, layout, permitPage, permitsPage, problemPage, signedOutPage } from "./pages.mjs";

const SESSION_COOKIE = "permits_demo_session";
const LOGIN_COOKIE = "permits_demo_login";
const SESSION_HOURS = 8;
const LOGIN_MINUTES = 10;
const MAX_EVENTS = 2000;

class HttpError extends Error {
  /** @param {number} status @param {string} message */
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** @param {Record<string, string | undefined>} env */
export function configFromEnv(env) {
  const need = (/** @type {string} */ name) => {
    const v = env[name];
    if (!v) throw new Error(`${name} is not set (see examples/permits-demo/README.md)`);
    return v;
  };
  const port = Number(env.PORT ?? 3200);
  const gatehouseUrl = need("GATEHOUSE_URL").replace(/\/$/, "");
  return {
    gatehouseUrl,
    issuer: env.GATEHOUSE_ISSUER ?? `${gatehouseUrl}/oidc`,
    clientId: need("PERMITS_CLIENT_ID"),
    clientSecret: need("PERMITS_CLIENT_SECRET"),
    webhookSecret: need("PERMITS_WEBHOOK_SECRET"),
    port,
    host: env.HOST ?? "127.0.0.1",
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, ""),
    scope: env.PERMITS_SCOPE ?? "openid email profile",
  };
}

/**
 * @param {{ gatehouseUrl: string; issuer?: string; clientId: string; clientSecret: string; webhookSecret: string;
 *   publicUrl: string; port?: number; host?: string; scope?: string; jwksUri?: string;
 *   log?: (line: string) => void }} cfg
 */
export function createPermitsDemo(cfg) {
  const log = cfg.log ?? ((line) => console.log(`[permits-demo] ${line}`));
  const issuer = cfg.issuer ?? `${cfg.gatehouseUrl}/oidc`;
  const publicUrl = new URL(cfg.publicUrl);
  // PUBLIC_URL may carry a path (the demo behind a proxy under /permits): every route sits below it.
  const base = publicUrl.pathname.replace(/\/$/, "");
  const origin = publicUrl.origin;
  const redirectUri = `${origin}${base}/callback`;
  const secureCookies = publicUrl.protocol === "https:";
  const authzen = createAuthZenClient(cfg);
  const permits = createPermitStore();
  const verifyWebhook = createWebhookVerifier({ secret: cfg.webhookSecret });

  /** @type {Promise<oidc.Configuration> | undefined} */
  let discovered;
  /** Discovery on first use (Gatehouse may start after the demo), tried again after a failure. */
  function oidcConfig() {
    discovered ??= oidc
      .discovery(
        new URL(issuer),
        cfg.clientId,
        undefined,
        oidc.ClientSecretBasic(cfg.clientSecret),
        issuer.startsWith("http:") ? { execute: [oidc.allowInsecureRequests] } : undefined,
      )
      .catch((err) => {
        discovered = undefined;
        throw err;
      });
    return discovered;
  }
  const verifyLogoutToken = createLogoutTokenVerifier({
    issuer,
    clientId: cfg.clientId,
    jwksUri: cfg.jwksUri ?? (async () => String((await oidcConfig()).serverMetadata().jwks_uri)),
  });

  /** @typedef {{ id: string; sub: string; sid?: string; name: string; email: string; csrf: string; expiresAt: number; flash?: string }} Session */
  /** @type {Map<string, Session>} */
  const sessions = new Map();
  /** Sessions Gatehouse ended: the cookie's id → when, so the page can say what happened. */
  /** @type {Map<string, number>} */
  const ended = new Map();
  /** @type {Map<string, { verifier: string; state: string; nonce: string; expiresAt: number }>} */
  const pendingLogins = new Map();
  /** @type {Record<string, unknown>[]} */
  const logouts = [];
  /** @type {Record<string, unknown>[]} */
  const webhooks = [];
  const remember = (/** @type {Record<string, unknown>[]} */ list, /** @type {Record<string, unknown>} */ e) => {
    list.push(e);
    if (list.length > MAX_EVENTS) list.shift();
  };

  const sweep = () => {
    const now = Date.now();
    for (const [k, s] of sessions) if (s.expiresAt < now) sessions.delete(k);
    for (const [k, l] of pendingLogins) if (l.expiresAt < now) pendingLogins.delete(k);
    for (const [k, at] of ended) if (at + SESSION_HOURS * 3600_000 < now) ended.delete(k);
  };
  const sweeper = setInterval(sweep, 60_000);
  sweeper.unref();

  /** Ends the sessions a logout token names: by sid when it has one, else every session of sub. */
  function dropSessions(/** @type {{ sub?: string; sid?: string }} */ t) {
    let n = 0;
    for (const [k, s] of sessions) {
      if (t.sub && s.sub !== t.sub) continue;
      // A session whose ID token carried no sid cannot be told apart: it goes with its sub.
      if (t.sid && s.sid && s.sid !== t.sid) continue;
      sessions.delete(k);
      ended.set(k, Date.now());
      n++;
    }
    return n;
  }

  // --- HTTP helpers ---------------------------------------------------------------------------

  /** @param {http.IncomingMessage} req */
  function cookies(req) {
    /** @type {Record<string, string>} */
    const out = {};
    for (const part of (req.headers.cookie ?? "").split(";")) {
      const i = part.indexOf("=");
      if (i > 0) out[part.slice(0, i).trim()] = decodeURIComponent(part.slice(i + 1).trim());
    }
    return out;
  }
  /** @param {string} name @param {string} value @param {number} maxAgeSeconds */
  function cookie(name, value, maxAgeSeconds) {
    return `${name}=${encodeURIComponent(value)}; Path=${base || "/"}; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${secureCookies ? "; Secure" : ""}`;
  }
  /** @param {http.IncomingMessage} req @param {number} limit */
  async function readBody(req, limit) {
    const chunks = [];
    let size = 0;
    for await (const c of req) {
      size += c.length;
      if (size > limit) throw new HttpError(413, "The request body is too large.");
      chunks.push(c);
    }
    return Buffer.concat(chunks).toString("utf8");
  }
  /** @param {http.IncomingMessage} req */
  async function readForm(req) {
    const type = String(req.headers["content-type"] ?? "")
      .split(";")[0]
      ?.trim()
      .toLowerCase();
    if (type !== "application/x-www-form-urlencoded") {
      throw new HttpError(415, "Send the form as application/x-www-form-urlencoded.");
    }
    return new URLSearchParams(await readBody(req, 64 * 1024));
  }
  const SECURITY_HEADERS = {
    "content-security-policy":
      "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "cache-control": "no-store",
  };
  /** @param {http.ServerResponse} res @param {number} status @param {string} html @param {Record<string, string | string[]>} [headers] */
  function sendHtml(res, status, html, headers = {}) {
    res.writeHead(status, { ...SECURITY_HEADERS, "content-type": "text/html; charset=utf-8", ...headers });
    res.end(html);
  }
  /** @param {http.ServerResponse} res @param {number} status @param {unknown} body */
  function sendJson(res, status, body) {
    res.writeHead(status, { ...SECURITY_HEADERS, "content-type": "application/json" });
    res.end(JSON.stringify(body));
  }
  /** @param {http.ServerResponse} res @param {string} location @param {Record<string, string | string[]>} [headers] */
  function redirect(res, location, headers = {}) {
    res.writeHead(303, { ...SECURITY_HEADERS, location, ...headers });
    res.end();
  }
  /** @param {Session | null} user @param {string} title @param {string} body */
  const page = (user, title, body) => layout({ title, body, base, user, csrf: user?.csrf });

  /** @param {http.IncomingMessage} req */
  function sessionOf(req) {
    const id = cookies(req)[SESSION_COOKIE];
    const s = id ? sessions.get(id) : undefined;
    if (s && s.expiresAt < Date.now()) {
      sessions.delete(s.id);
      return { session: null, id };
    }
    return { session: s ?? null, id };
  }
  /** @param {http.ServerResponse} res @param {string | undefined} cookieId */
  function signedOut(res, cookieId) {
    const at = cookieId ? ended.get(cookieId) : undefined;
    const reason = at
      ? `Gatehouse ended your session at ${new Date(at).toISOString().slice(11, 19)} UTC. Sign in again if you still have access.`
      : undefined;
    sendHtml(res, 401, page(null, "Signed out", signedOutPage({ base, reason })));
  }
  /** Forms carry the session's token: another site cannot make a signed-in person act here. */
  function checkCsrf(/** @type {Session} */ s, /** @type {URLSearchParams} */ form) {
    const a = Buffer.from(form.get("csrf") ?? "");
    const b = Buffer.from(s.csrf);
    if (a.length !== b.length || !timingSafeEqual(a, b)) {
      throw new HttpError(403, "This form has expired. Reload the page and try again.");
    }
  }
  const subjectOf = (/** @type {Session} */ s) => ({ type: /** @type {const} */ ("user"), id: s.sub });
  const takeFlash = (/** @type {Session} */ s) => {
    const f = s.flash;
    delete s.flash;
    return f;
  };

  /** What AuthZEN allows on each of these permits, in ONE evaluations call. */
  async function allowedOn(/** @type {Session} */ s, /** @type {import("./permits.mjs").Permit[]} */ list) {
    const items = list.flatMap((p) => ACTIONS.map((name) => ({ resource: permitResource(p), action: { name } })));
    const decisions = await authzen.evaluations(subjectOf(s), items);
    return list.map((permit, i) => ({
      permit,
      allowed: ACTIONS.filter((_, j) => decisions[i * ACTIONS.length + j] === true),
    }));
  }

  // --- Routes ---------------------------------------------------------------------------------

  /** @param {http.IncomingMessage} req @param {http.ServerResponse} res */
  async function route(req, res) {
    const url = new URL(req.url ?? "/", origin);
    if (base && url.pathname !== base && !url.pathname.startsWith(`${base}/`)) throw new HttpError(404, "Not found.");
    const path = url.pathname.slice(base.length) || "/";
    const method = req.method ?? "GET";
    const { session, id: cookieId } = sessionOf(req);

    if (method === "GET" && path === "/healthz") return sendJson(res, 200, { ok: true });
    if (method === "GET" && path === "/_events") return sendJson(res, 200, { logouts, webhooks });
    if (method === "POST" && path === "/backchannel-logout") return backchannelLogout(req, res);
    if (method === "POST" && path === "/webhooks") return webhook(req, res);

    if (method === "GET" && path === "/") {
      if (session) return redirect(res, `${base}/permits`);
      return sendHtml(res, 200, page(null, "Sign in", homePage({ base })));
    }
    if (method === "GET" && path === "/login") return login(res);
    if (method === "GET" && path === "/callback") return callback(req, res, url);
    if (method === "POST" && path === "/logout") {
      if (session) {
        checkCsrf(session, await readForm(req));
        sessions.delete(session.id);
      }
      return sendHtml(
        res,
        200,
        page(null, "Signed out", signedOutPage({ base, reason: "You signed out of the permits application." })),
        { "set-cookie": cookie(SESSION_COOKIE, "", 0) },
      );
    }

    const m = /^\/permits(?:\/([A-Za-z0-9-]{1,40})(?:\/([a-z]{1,20}))?)?$/.exec(path);
    if (!m) throw new HttpError(404, "Not found.");
    if (!session) return signedOut(res, cookieId);
    const [, permitId, action] = m;
    if (!permitId) {
      if (method !== "GET") throw new HttpError(405, "Method not allowed.");
      const list = permits.listFor(session.email);
      const rows = await allowedOn(session, list);
      return sendHtml(
        res,
        200,
        page(session, "Permits", permitsPage({ base, csrf: session.csrf, rows, flash: takeFlash(session) })),
      );
    }
    const permit = permits.get(permitId);
    if (!permit) throw new HttpError(404, `There is no permit ${permitId}.`);
    if (!action) {
      if (method !== "GET") throw new HttpError(405, "Method not allowed.");
      const [row] = await allowedOn(session, [permit]);
      if (!row?.allowed.includes("view"))
        throw new HttpError(403, `Gatehouse does not allow you to view permit ${permit.id}.`);
      return sendHtml(
        res,
        200,
        page(
          session,
          `Permit ${permit.id}`,
          permitPage({ base, csrf: session.csrf, permit, allowed: row.allowed, flash: takeFlash(session) }),
        ),
      );
    }
    if (method !== "POST") throw new HttpError(405, "Method not allowed.");
    if (!(/** @type {readonly string[]} */ (ACTIONS).includes(action)))
      throw new HttpError(404, `There is no action ${action}.`);
    const form = await readForm(req);
    checkCsrf(session, form);
    if (action === "view") return redirect(res, `${base}/permits/${permit.id}`);
    // Asked again right before acting: the page's answer may be minutes old.
    const allowed = await authzen.evaluate(subjectOf(session), permitResource(permit), { name: action });
    if (!allowed) throw new HttpError(403, `Gatehouse does not allow you to ${action} permit ${permit.id}.`);
    const done = permits.apply(permit, action, { title: form.get("title") ?? undefined });
    if (!done.ok) throw new HttpError(409, done.text);
    log(`${session.email} did ${action} on ${permit.id}`);
    session.flash = done.text;
    return redirect(res, action === "edit" ? `${base}/permits/${permit.id}` : `${base}/permits`);
  }

  /** @param {http.ServerResponse} res */
  async function login(res) {
    const config = await oidcConfig();
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const id = randomBytes(24).toString("base64url");
    pendingLogins.set(id, { verifier, state, nonce, expiresAt: Date.now() + LOGIN_MINUTES * 60_000 });
    const to = oidc.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: cfg.scope ?? "openid email profile",
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: "S256",
      state,
      nonce,
    });
    redirect(res, to.href, { "set-cookie": cookie(LOGIN_COOKIE, id, LOGIN_MINUTES * 60) });
  }

  /** @param {http.IncomingMessage} req @param {http.ServerResponse} res @param {URL} url */
  async function callback(req, res, url) {
    const loginId = cookies(req)[LOGIN_COOKIE];
    const pending = loginId ? pendingLogins.get(loginId) : undefined;
    if (loginId) pendingLogins.delete(loginId);
    const clear = cookie(LOGIN_COOKIE, "", 0);
    if (!pending || pending.expiresAt < Date.now()) {
      return sendHtml(
        res,
        400,
        page(
          null,
          "Sign in again",
          homePage({ base, error: "This sign-in took too long or started in another browser. Sign in again." }),
        ),
        { "set-cookie": clear },
      );
    }
    const error = url.searchParams.get("error");
    if (error) {
      const text = url.searchParams.get("error_description") || error;
      return sendHtml(
        res,
        error === "access_denied" ? 403 : 400,
        page(null, "Not signed in", homePage({ base, error: `Gatehouse did not sign you in: ${text}` })),
        {
          "set-cookie": clear,
        },
      );
    }
    const config = await oidcConfig();
    let claims;
    try {
      const tokens = await oidc.authorizationCodeGrant(config, url, {
        pkceCodeVerifier: pending.verifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      claims = tokens.claims();
    } catch (err) {
      log(`sign-in failed: ${err instanceof Error ? err.message : String(err)}`);
      return sendHtml(
        res,
        400,
        page(null, "Not signed in", homePage({ base, error: "Gatehouse could not sign you in. Try again." })),
        {
          "set-cookie": clear,
        },
      );
    }
    if (!claims) throw new HttpError(400, "Gatehouse sent no ID token.");
    const email = typeof claims.email === "string" ? claims.email : "";
    const name = typeof claims.name === "string" ? claims.name : email;
    const old = cookies(req)[SESSION_COOKIE];
    if (old) sessions.delete(old);
    const s = {
      id: randomBytes(24).toString("base64url"),
      sub: claims.sub,
      sid: typeof claims.sid === "string" ? claims.sid : undefined,
      name,
      email,
      csrf: randomBytes(24).toString("base64url"),
      expiresAt: Date.now() + SESSION_HOURS * 3600_000,
    };
    sessions.set(s.id, s);
    if (email) permits.ensureOwnPermit(email, name);
    log(`signed in: ${email || s.sub} (sub ${s.sub}${s.sid ? `, sid ${s.sid}` : ""})`);
    redirect(res, `${base}/permits`, { "set-cookie": [clear, cookie(SESSION_COOKIE, s.id, SESSION_HOURS * 3600)] });
  }

  /** OIDC Back-Channel Logout 1.0, section 2.8: 200 when done, 400 for a token that fails a check. */
  async function backchannelLogout(/** @type {http.IncomingMessage} */ req, /** @type {http.ServerResponse} */ res) {
    const receivedAt = Date.now();
    let form;
    try {
      form = await readForm(req);
    } catch (err) {
      remember(logouts, {
        receivedAt: new Date(receivedAt).toISOString(),
        receivedAtMs: receivedAt,
        verified: false,
        error: String(err),
      });
      throw err;
    }
    try {
      const t = await verifyLogoutToken(form.get("logout_token"));
      const droppedSessions = t.replay ? 0 : dropSessions(t);
      remember(logouts, {
        receivedAt: new Date(receivedAt).toISOString(),
        receivedAtMs: receivedAt,
        verified: true,
        sub: t.sub ?? null,
        sid: t.sid ?? null,
        jti: t.jti,
        ...(t.replay ? { replay: true } : {}),
        droppedSessions,
      });
      log(
        `back-channel logout for ${t.sub ?? "?"}${t.sid ? ` (sid ${t.sid})` : ""}: ${droppedSessions} session(s) ended`,
      );
      return sendJson(res, 200, { ok: true });
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      remember(logouts, {
        receivedAt: new Date(receivedAt).toISOString(),
        receivedAtMs: receivedAt,
        verified: false,
        error,
      });
      log(`back-channel logout refused: ${error}`);
      return sendJson(res, 400, { error: "invalid_request", error_description: error });
    }
  }

  async function webhook(/** @type {http.IncomingMessage} */ req, /** @type {http.ServerResponse} */ res) {
    const receivedAt = Date.now();
    const body = await readBody(req, 256 * 1024);
    const r = verifyWebhook(body, req.headers);
    const event =
      r.verified && r.event && typeof r.event === "object" ? /** @type {Record<string, unknown>} */ (r.event) : null;
    remember(webhooks, {
      receivedAt: new Date(receivedAt).toISOString(),
      receivedAtMs: receivedAt,
      id: r.id,
      verified: r.verified,
      ...(r.verified
        ? { duplicate: r.duplicate, type: event?.type ?? null, data: event?.data ?? null }
        : { error: r.error }),
    });
    log(
      `webhook ${r.id ?? "(no id)"}: ${r.verified ? `verified, ${String(event?.type)}` : `NOT verified (${r.error})`}`,
    );
    if (!r.verified) return sendJson(res, 400, { error: "signature", error_description: r.error });
    res.writeHead(204, SECURITY_HEADERS);
    res.end();
  }

  const server = http.createServer((req, res) => {
    route(req, res).catch((err) => {
      if (res.headersSent) return res.destroy();
      if (err instanceof HttpError) {
        const heading =
          err.status === 403 ? "Not allowed" : err.status === 404 ? "Not found" : "Something is not right";
        const { session } = sessionOf(req);
        return sendHtml(res, err.status, page(session, heading, problemPage({ base, heading, text: err.message })));
      }
      // Gatehouse unreachable or an unexpected failure: say so, and never act on it.
      log(`error on ${req.method} ${req.url}: ${err instanceof Error ? err.message : String(err)}`);
      sendHtml(
        res,
        503,
        page(
          null,
          "Gatehouse is not answering",
          problemPage({
            base,
            heading: "Gatehouse is not answering",
            text: "The permits application could not reach Gatehouse. Try again in a moment.",
          }),
        ),
      );
    });
  });

  return {
    server,
    /** What arrived so far (the same as GET /_events). */
    events: () => ({ logouts, webhooks }),
    sessionCount: () => sessions.size,
    /** @param {number} [port] */
    listen(port = cfg.port ?? 3200) {
      return new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, cfg.host ?? "127.0.0.1", () => {
          const a = server.address();
          resolve(typeof a === "object" && a ? a.port : port);
        });
      });
    },
    close() {
      clearInterval(sweeper);
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve(undefined)));
    },
  };
}
