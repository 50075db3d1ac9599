// Cross-site request forgery, security headers and cookie flags, for every entry point of the
// production build. A cross-site request that carries a valid session cookie — Origin of another
// site, a "null" Origin, or no Origin with Sec-Fetch-Site: cross-site — is refused with a 403 at
// every server action, every state-changing route handler method and next-auth's sign-in and
// sign-out endpoints, and changes nothing; the same requests from our own origin still work, and
// bearer-token API calls (no cookie, nothing ambient to forge) keep working. Every page and API
// answer carries a nonce-based CSP with frame-ancestors 'none', Referrer-Policy, nosniff and
// HSTS; next-auth's cookies are HttpOnly, SameSite=Lax, Path=/ (Secure exactly when the app is
// served over https). The checkers are shown failing against a deliberately broken server.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, request as pwRequest, test, type APIRequestContext } from "@playwright/test";
import { DEMO_PASSWORD } from "../support/auth";
import { builtActions, callAction } from "./support/actions";
import { anonymousContext, inParallel, signedInContext } from "./support/crawl";
import { changesSince, dbState } from "./support/db-state";
import { recordFigures } from "../../test/fixtures/figures";
import { formProblems, formsIn } from "./support/forms";
import { headerProblems } from "./support/headers";
import { builtRoutes } from "./support/routes";
import {
  ACTION_PLANS,
  actionTargets,
  pageFor,
  ROUTE_PLANS,
  routeTargets,
  targetIds,
  type Ids,
} from "./support/targets";

test.describe.configure({ mode: "serial" });

let ids: Ids;
const contexts = new Map<string, APIRequestContext>();
const ctxOf = (who: string) => contexts.get(who)!;
/** What the suite tried, written after each test to test-results/security-figures/<size>/csrf-headers.json. */
const figures: Record<string, number | string> = {};

type Seen = { status: number; headers: Record<string, string>; body: string };

async function seen(res: Awaited<ReturnType<APIRequestContext["fetch"]>>): Promise<Seen> {
  const headers: Record<string, string> = {};
  for (const h of res.headersArray()) {
    const k = h.name.toLowerCase();
    headers[k] = headers[k] ? `${headers[k]}\n${h.value}` : h.value;
  }
  return { status: res.status(), headers, body: await res.text() };
}

// ---------------------------------------------------------------------------------------------
// Checkers (pure, so the self-test can run them against a broken server)

/** The ways a forged request arrives: another site's Origin, a sandboxed page's "null", or a browser that sent no Origin but says where the request came from. */
const CROSS_SITE: Record<string, string>[] = [
  { Origin: "https://evil.example" },
  { Origin: "null" },
  { "Sec-Fetch-Site": "cross-site" },
];

/** A forged request must be refused with a 403 that says why (a problem document on the API). */
function csrfProblem(a: Seen, api: boolean): string | null {
  if (a.status !== 403) return `HTTP ${a.status}, not 403`;
  if (!a.body.trim()) return "403 without a reason";
  if (api && !(a.headers["content-type"] ?? "").startsWith("application/problem+json"))
    return "403 on the API that is not a problem document";
  return null;
}

/** next-auth's cookies: HttpOnly, SameSite=Lax, Path=/; Secure (and the __Secure-/__Host- names) exactly when served over https. */
function cookieProblems(setCookies: string[], https: boolean): string[] {
  const out: string[] = [];
  for (const c of setCookies) {
    const [pair, ...attrs] = c.split(";").map((s) => s.trim());
    const name = pair!.split("=")[0]!;
    const has = (a: string) =>
      attrs.some((x) => x.toLowerCase() === a.toLowerCase() || x.toLowerCase().startsWith(`${a.toLowerCase()}=`));
    const attr = (a: string) => attrs.find((x) => x.toLowerCase().startsWith(`${a.toLowerCase()}=`))?.split("=")[1];
    if (!has("HttpOnly")) out.push(`${name}: not HttpOnly`);
    if ((attr("SameSite") ?? "").toLowerCase() !== "lax")
      out.push(`${name}: SameSite=${attr("SameSite") ?? "missing"}, not Lax`);
    if (attr("Path") !== "/") out.push(`${name}: Path=${attr("Path") ?? "missing"}`);
    if (https !== has("Secure")) out.push(`${name}: Secure is ${has("Secure")} over ${https ? "https" : "http"}`);
    if (https && !/^__(Secure|Host)-/.test(name)) out.push(`${name}: no __Secure-/__Host- prefix over https`);
  }
  return out;
}

/** The nonce in the CSP header must be the one on the page's scripts, and every script must carry it. */
function nonceProblems(csp: string, html: string): string[] {
  const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
  if (!nonce) return ["no nonce in the CSP"];
  const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]!);
  const out: string[] = [];
  if (scripts.length === 0) out.push("no scripts on the page (the nonce check proves nothing)");
  for (const attrs of scripts)
    if (!attrs.includes(`nonce="${nonce}"`))
      out.push(`a script without the request's nonce: <script${attrs.slice(0, 80)}>`);
  return out;
}

// ---------------------------------------------------------------------------------------------

test.beforeAll(async ({ baseURL }) => {
  ids = await targetIds();
  contexts.set("anonymous", await anonymousContext(baseURL!));
  for (const a of new Set(
    // Everyone a plan acts as: the actions' and the route handlers' accounts (the clips API's analyst).
    [...Object.values(ACTION_PLANS), ...Object.values(ROUTE_PLANS)]
      .map((p) => p.as)
      .concat("admin@riverton.test", "editor@riverton.test"),
  )) {
    if (a !== "anonymous") contexts.set(a, await signedInContext(baseURL!, a, DEMO_PASSWORD));
  }
});

test.afterAll(async () => {
  for (const c of contexts.values()) await c.dispose();
});

test("a cross-site request with a valid session is refused with a 403 at every action, state-changing endpoint and next-auth form, and changes nothing", async ({
  baseURL,
}) => {
  test.setTimeout(180_000);
  const before = await dbState();
  const problems: string[] = [];
  let requests = 0;
  // Server actions: each as the account that may use it (so the session is one that would work).
  const actions = actionTargets(ids);
  for (const t of actions) {
    const who = t.plan.as === "anonymous" ? "admin@riverton.test" : t.plan.as;
    for (const h of CROSS_SITE) {
      const a = await seen(
        await ctxOf(who).post(t.page, {
          headers: {
            "Next-Action": t.id,
            Accept: "text/x-component",
            "Content-Type": "text/plain;charset=UTF-8",
            ...h,
          },
          data: "[]",
          maxRedirects: 0,
          failOnStatusCode: false,
        }),
      );
      requests++;
      const p = csrfProblem(a, false);
      if (p) problems.push(`${who} ${t.name} ${JSON.stringify(h)}: ${p}`);
    }
  }
  // Route handlers: every method that is not a read.
  // The SAML assertion consumer service is posted to cross-site by design (the IdP's page, HTTP-POST
  // binding); it takes no cookie and acts only on a signed assertion answering our own request —
  // its refusals of anything else are e2e/auth-saml.spec.ts's and lib/auth/saml.test.ts's.
  const routes = (await routeTargets(ctxOf("anonymous"), ids)).filter(
    (r) => !["GET", "HEAD", "OPTIONS"].includes(r.method) && r.route !== "/api/saml/[slug]/acs",
  );
  for (const r of routes) {
    const who = r.plan.as === "anonymous" ? "admin@riverton.test" : r.plan.as;
    const path = r.route.startsWith("/api/auth/") ? "/api/auth/signout" : r.path;
    for (const h of CROSS_SITE) {
      const a = await seen(
        await ctxOf(who).fetch(path, {
          method: r.method,
          headers: { "Content-Type": "application/json", ...h },
          data: "{}",
          maxRedirects: 0,
          failOnStatusCode: false,
        }),
      );
      requests++;
      // SCIM's refusals are SCIM Errors (application/scim+json), AuthZEN's its error objects, the API's problem documents.
      const p = csrfProblem(a, !r.route.startsWith("/scim/") && !r.route.startsWith("/access/"));
      if (p) problems.push(`${who} ${r.method} ${path} ${JSON.stringify(h)}: ${p}`);
    }
  }
  // next-auth's own forms, with everything valid but the origin: sign in with the right password,
  // sign out with the right csrfToken, start an SSO sign-in.
  const anon = await anonymousContext(baseURL!);
  const { csrfToken } = (await (await anon.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const providers = Object.keys((await (await anon.get("/api/auth/providers")).json()) as Record<string, unknown>);
  const viewer = ctxOf("viewer@riverton.test");
  const viewerCsrf = ((await (await viewer.get("/api/auth/csrf")).json()) as { csrfToken: string }).csrfToken;
  const authForms: [APIRequestContext, string, Record<string, string>][] = [
    [
      anon,
      "/api/auth/callback/credentials",
      { csrfToken, email: "admin@riverton.test", password: DEMO_PASSWORD, json: "true" },
    ],
    [viewer, "/api/auth/signout", { csrfToken: viewerCsrf, json: "true" }],
    ...providers
      .filter((p) => p !== "credentials")
      .map(
        (p) =>
          [anon, `/api/auth/signin/${p}`, { csrfToken, json: "true" }] as [
            APIRequestContext,
            string,
            Record<string, string>,
          ],
      ),
  ];
  for (const [ctx, path, form] of authForms) {
    for (const h of CROSS_SITE) {
      const a = await seen(await ctx.post(path, { headers: h, form, maxRedirects: 0, failOnStatusCode: false }));
      requests++;
      const p = csrfProblem(a, true);
      if (p) problems.push(`POST ${path} ${JSON.stringify(h)}: ${p}`);
      if (/next-auth\.session-token=[^;]/.test(a.headers["set-cookie"] ?? ""))
        problems.push(`POST ${path} ${JSON.stringify(h)}: handed out a session`);
    }
  }
  expect(
    (await anon.get("/api/v1/me", { failOnStatusCode: false })).status(),
    "the refused sign-in signed anonymous in",
  ).toBe(401);
  expect((await viewer.get("/api/v1/me")).status(), "the refused sign-out ended the session").toBe(200);
  await anon.dispose();
  expect(problems, problems.join("\n")).toEqual([]);
  expect(await changesSince(before), "a refused cross-site request changed the database").toEqual([]);
  Object.assign(figures, {
    csrfActions: actions.length,
    csrfEndpoints: routes.length,
    csrfAuthForms: authForms.length,
    crossSiteVariants: CROSS_SITE.length,
    csrfRequests: requests,
  });
  recordFigures("csrf-headers", figures);
});

test("the same requests from our own origin still work, and bearer-token API calls (no cookie) are not CSRF-able and keep working", async ({
  baseURL,
}) => {
  const editor = ctxOf("editor@riverton.test");
  // A server action from our own origin, as the browser sends it (Origin: ours).
  const create = builtActions().find((a) => a.name === "createApiTokenAction")!;
  const made = await callAction(editor, baseURL!, create, pageFor(create.pages[0]!, ids), [
    null,
    {
      form: {
        name: `csrf-check-${Date.now()}`,
        municipalityId: ids.municipality,
        groups: ["viewer", "document_editor"],
        expiresInDays: "1",
      },
    },
  ]);
  expect(made.ok, made.body.slice(0, 300)).toBe(true);
  const token = /"token":"(gh_[^"]+)"/.exec(made.body)![1]!;
  // A JSON write with the session cookie from our own origin.
  const doc = {
    kind: "GUIDANCE",
    visibility: "INTERNAL",
    title: `Same-origin write ${Date.now()}`,
    municipalityId: ids.municipality,
  };
  const own = await editor.post("/api/v1/documents", {
    headers: { Origin: baseURL! },
    data: doc,
    failOnStatusCode: false,
  });
  expect(own.status(), await own.text()).toBe(201);
  // Bearer token, no cookie, no Origin: a script, not a browser acting for someone.
  const bearer = await pwRequest.newContext({ baseURL });
  try {
    const me = await bearer.get("/api/v1/me", { headers: { Authorization: `Bearer ${token}` } });
    expect(me.status()).toBe(200);
    const write = await bearer.post("/api/v1/documents", {
      headers: { Authorization: `Bearer ${token}` },
      data: { ...doc, title: `Bearer write ${Date.now()}` },
      failOnStatusCode: false,
    });
    expect(write.status(), await write.text()).toBe(201);
  } finally {
    await bearer.dispose();
  }
  // Signing in and out through next-auth from our own origin.
  const fresh = await request(baseURL!);
  const { csrfToken } = (await (await fresh.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const signin = await fresh.post("/api/auth/callback/credentials", {
    headers: { Origin: baseURL! },
    form: { csrfToken, email: "viewer@riverton.test", password: DEMO_PASSWORD, json: "true" },
    maxRedirects: 0,
  });
  expect(signin.status()).toBeLessThan(400);
  expect((await fresh.get("/api/v1/me")).status()).toBe(200);
  await fresh.post("/api/auth/signout", {
    headers: { Origin: baseURL! },
    form: { csrfToken, json: "true" },
    maxRedirects: 0,
  });
  expect((await fresh.get("/api/v1/me", { failOnStatusCode: false })).status()).toBe(401);
  await fresh.dispose();
});

const request = (baseURL: string) => pwRequest.newContext({ baseURL });

/** Every route of the build as a URL with real ids. */
function concreteRoutes(): string[] {
  return builtRoutes().map((r) =>
    pageFor(`app${r}/page`, ids).replace("[municipalityId]", ids.municipality).replace("[...nextauth]", "session"),
  );
}

test("every page and API answer of the build carries a nonce CSP with frame-ancestors 'none', Referrer-Policy, nosniff and HSTS; refusals too", async () => {
  test.setTimeout(180_000);
  const paths = [...concreteRoutes(), "/no-such-page"];
  const problems: string[] = [];
  let answers = 0;
  for (const who of ["anonymous", "admin@riverton.test"]) {
    await inParallel(paths, 2, async (p) => {
      const a = await seen(await ctxOf(who).get(p, { maxRedirects: 0, failOnStatusCode: false }));
      answers++;
      const html = (a.headers["content-type"] ?? "").startsWith("text/html");
      for (const x of headerProblems(a.headers, { html })) problems.push(`${who} GET ${p} (${a.status}): ${x}`);
      if (html && a.status === 200)
        for (const x of nonceProblems(a.headers["content-security-policy"] ?? "", a.body))
          problems.push(`${who} GET ${p}: ${x}`);
    });
  }
  // Answers proxy.ts gives before anything runs: a forged write, a malformed action body, too large a body.
  const refusals: [string, () => Promise<Seen>][] = [
    [
      "403 cross-site",
      async () =>
        seen(
          await ctxOf("admin@riverton.test").post("/api/v1/documents", {
            headers: { Origin: "https://evil.example" },
            data: {},
            failOnStatusCode: false,
          }),
        ),
    ],
    [
      "400 malformed action",
      async () =>
        seen(
          await ctxOf("anonymous").post("/register", {
            headers: { "Next-Action": "00", "Content-Type": "text/plain" },
            data: "[",
            failOnStatusCode: false,
          }),
        ),
    ],
    [
      "413 too large",
      async () =>
        seen(
          await ctxOf("anonymous").post("/api/v1/documents", {
            headers: { "Content-Type": "application/json" },
            data: "x".repeat(1_100_000),
            failOnStatusCode: false,
          }),
        ),
    ],
  ];
  for (const [label, go] of refusals) {
    const a = await go();
    answers++;
    expect(a.status, label).toBe(Number(label.slice(0, 3)));
    for (const x of headerProblems(a.headers, { html: false })) problems.push(`${label}: ${x}`);
  }
  // The nonce is per request: two answers for the same page never share one.
  const nonces = await Promise.all(
    [1, 2].map(
      async () =>
        /'nonce-([^']+)'/.exec((await ctxOf("anonymous").get("/")).headers()["content-security-policy"] ?? "")?.[1],
    ),
  );
  expect(nonces[0]).toBeTruthy();
  expect(nonces[0]).not.toBe(nonces[1]);
  expect(problems, problems.join("\n")).toEqual([]);
  Object.assign(figures, { headerRoutes: paths.length, headerIdentities: 2, headerAnswers: answers });
  recordFigures("csrf-headers", figures);
});

test("every form on every page of the build posts; only search forms (no password or email field) stay GET", async () => {
  test.setTimeout(180_000);
  const paths = concreteRoutes();
  const problems: string[] = [];
  const checked = new Set<string>();
  let searchForms = 0;
  for (const who of ["anonymous", "admin@riverton.test", "editor@riverton.test", "viewer@riverton.test"]) {
    await inParallel(paths, 2, async (p) => {
      const res = await ctxOf(who).get(p, { maxRedirects: 0, failOnStatusCode: false });
      if (res.status() !== 200 || !(res.headers()["content-type"] ?? "").startsWith("text/html")) return;
      const html = await res.text();
      for (const x of formProblems(html)) problems.push(`${who} GET ${p}: ${x}`);
      for (const f of formsIn(html)) {
        if (f.search) searchForms++;
        else checked.add(`${p.replace(/\/[a-z0-9]{20,}/g, "/:id")} ${f.label || f.tag}`);
      }
    });
  }
  expect(problems, problems.join("\n")).toEqual([]);
  // The check saw the forms that matter (else it proves nothing): sign-in, registration, the report form, record forms.
  expect(
    [...checked].some((f) => f.startsWith("/signin ")),
    [...checked].join("\n"),
  ).toBe(true);
  expect(
    [...checked].some((f) => f.startsWith("/register ")),
    [...checked].join("\n"),
  ).toBe(true);
  expect(
    [...checked].some((f) => f.startsWith("/m/riverton/requests/new ")),
    [...checked].join("\n"),
  ).toBe(true);
  expect(checked.size).toBeGreaterThan(10);
  // And it fails on a form that would put a password into a URL.
  expect(formProblems('<form class="x"><input type="password" name="password"></form>')).toHaveLength(1);
  expect(formProblems('<form role="search"><input type="email" name="email"></form>')).toHaveLength(1);
  expect(
    formProblems('<form role="search"><input name="q"></form><form method="post"><input type="password"></form>'),
  ).toEqual([]);
  Object.assign(figures, { formsChecked: checked.size, searchForms });
  recordFigures("csrf-headers", figures);
});

test("next-auth's cookies are HttpOnly, SameSite=Lax and Path=/, Secure exactly when served over https", async ({
  baseURL,
}) => {
  const https = baseURL!.startsWith("https:");
  const ctx = await request(baseURL!);
  const setCookies: string[] = [];
  const collect = (res: Awaited<ReturnType<APIRequestContext["fetch"]>>) =>
    setCookies.push(
      ...res
        .headersArray()
        .filter((h) => h.name.toLowerCase() === "set-cookie")
        .map((h) => h.value),
    );
  const csrf = await ctx.get("/api/auth/csrf");
  collect(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const signin = await ctx.post("/api/auth/callback/credentials", {
    form: {
      csrfToken,
      email: "viewer@riverton.test",
      password: DEMO_PASSWORD,
      callbackUrl: `${baseURL}/w`,
      json: "true",
    },
    maxRedirects: 0,
  });
  collect(signin);
  await ctx.dispose();
  const names = setCookies.map((c) => c.split("=")[0]);
  // Over http next-auth uses the plain names; over https the __Secure-/__Host- ones (checked by cookieProblems).
  expect(
    names.some((n) => /^(__Secure-)?next-auth\.session-token$/.test(n!)),
    `no session cookie among ${names.join(", ")}`,
  ).toBe(true);
  expect(names.some((n) => /^(__Host-)?next-auth\.csrf-token$/.test(n!))).toBe(true);
  expect(cookieProblems(setCookies, https)).toEqual([]);
  Object.assign(figures, { cookiesChecked: setCookies.length, https: String(https) });
  recordFigures("csrf-headers", figures);
});

// Proof that the checkers can fail: a broken server that accepts cross-site writes, answers
// without CSP (or with one that lets scripts and framing through), and sets a readable cookie.
test("the CSRF, header and cookie checkers catch a deliberately broken server", async () => {
  const server = http.createServer((req, res) => {
    if (req.method === "POST") return void res.writeHead(200, { "Content-Type": "application/json" }).end("{}");
    if (req.url === "/weak") {
      res.writeHead(200, {
        "Content-Type": "text/html",
        "Content-Security-Policy": "default-src 'self'; script-src 'self' 'unsafe-inline'",
        "Referrer-Policy": "unsafe-url",
        "Strict-Transport-Security": "max-age=60",
      });
      return void res.end("<script>alert(1)</script>");
    }
    res
      .writeHead(200, {
        "Content-Type": "text/html",
        "Set-Cookie": "next-auth.session-token=abc; Path=/; SameSite=None",
      })
      .end("<html></html>");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const ctx = await pwRequest.newContext({ baseURL: base });
  try {
    for (const h of CROSS_SITE)
      expect(csrfProblem(await seen(await ctx.post("/api/write", { headers: h, data: "{}" })), true)).toMatch(
        /HTTP 200/,
      );
    const bare = await seen(await ctx.get("/"));
    expect(headerProblems(bare.headers, { html: true })).toEqual(
      expect.arrayContaining(["no Content-Security-Policy", "no X-Content-Type-Options: nosniff"]),
    );
    const weak = await seen(await ctx.get("/weak"));
    expect(headerProblems(weak.headers, { html: true })).toEqual(
      expect.arrayContaining([
        "CSP without frame-ancestors 'none'",
        "CSP script-src without a nonce",
        "CSP script-src allows inline or any script",
        "Referrer-Policy unsafe-url",
      ]),
    );
    expect(nonceProblems(weak.headers["content-security-policy"]!, weak.body)).toEqual(["no nonce in the CSP"]);
    expect(nonceProblems("script-src 'nonce-abcdefghijklmnopqrstuv'", '<script nonce="other">x</script>')[0]).toContain(
      "without the request's nonce",
    );
    expect(cookieProblems([bare.headers["set-cookie"]!], false)).toEqual([
      "next-auth.session-token: not HttpOnly",
      "next-auth.session-token: SameSite=None, not Lax",
    ]);
    expect(cookieProblems(["next-auth.session-token=abc; Path=/; HttpOnly; SameSite=Lax"], true)).toEqual([
      "next-auth.session-token: Secure is false over https",
      "next-auth.session-token: no __Secure-/__Host- prefix over https",
    ]);
  } finally {
    await ctx.dispose();
    server.close();
  }
});
