// Bad input and CSRF at every state-changing entry point the build contains: every server action
// (from the server-reference manifest) and every route handler method that is not a read (from
// each handler's own OPTIONS answer). fast-check throws random and hostile payloads — wrong
// types, huge strings, unknown fields, prototype-pollution keys, SQL and HTML injection — as a
// signed-in admin and as anonymous: the answer is a refusal with a message (a 4xx problem for
// the API, an ok:false result for an action), never a 500, and the database does not change.
// A cross-site request carrying a valid session is refused with a 403 and changes nothing.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type APIRequestContext } from "@playwright/test";
import fc from "fast-check";
import { DEMO_PASSWORD } from "../support/auth";
import { sql } from "../support/db";
import { builtActions, callAction, type BuiltAction } from "./support/actions";
import { anonymousContext, signedInContext } from "./support/crawl";
import { recordFigures } from "./support/figures";
import { clearSignInLocks } from "./support/people";
import { builtRoutes } from "./support/routes";
import { size } from "./support/size";

test.describe.configure({ mode: "serial" });

/** Tables whose content a refused request must leave as it was. Sessions (last seen), rate-limit
 * counters and the audit log (refusals of signed-in people are recorded) legitimately move. */
const GUARDED = ["User", "Membership", "Invitation", "ApiToken", "ServiceRequest", "HeritageSite", "Document", "Municipality", "Department", "OutboxMessage"];

async function checksum(): Promise<string> {
  const parts = await Promise.all(GUARDED.map(async (t) => (await sql<{ h: string }>(`SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS h FROM "${t}" x`))[0]!.h));
  return parts.join(":");
}

const HOSTILE_STRINGS = [
  "' OR 1=1 --", "'; DROP TABLE \"User\"; --", "\" OR \"\"=\"", "1; SELECT pg_sleep(1)", "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>",
  "javascript:alert(1)", "\u0000", "\uFEFF\u202E", "../../etc/passwd", "${7*7}", "{{7*7}}", "%00", "NaN", "-1e308", "1e309", "2026-02-30T25:61:00Z", "c".repeat(65),
];
const hostileString = fc.oneof(fc.constantFrom(...HOSTILE_STRINGS), fc.string({ maxLength: 40 }), fc.string({ unit: "grapheme", maxLength: 20 }));
const huge = fc.constant("x".repeat(size(200_000, 1_100_000)));
const pollutingKey = fc.constantFrom("__proto__", "constructor", "prototype", "isAdmin", "municipalityId", "id", "userId", "groups");
const { value: hostileValue } = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small", withCrossShrink: true },
    hostileString, fc.integer(), fc.double(), fc.boolean(), fc.constant(null),
    fc.array(tie("value"), { maxLength: 3 }),
    fc.dictionary(fc.oneof(fc.string({ maxLength: 12 }), pollutingKey), tie("value"), { maxKeys: 4, noNullPrototype: true })),
}));
/** An object that is never a valid input: it always carries a field no schema knows. */
const hostileObject = fc.tuple(fc.dictionary(fc.oneof(fc.string({ maxLength: 12 }), pollutingKey), hostileValue, { maxKeys: 5, noNullPrototype: true }), fc.oneof(hostileValue, huge))
  .map(([o, extra]) => ({ ...o, ["zz_unknown_" + Object.keys(o).length]: extra }));
const payload = fc.oneof(hostileObject, hostileValue, huge);

const NUMRUNS = size(6, 120);

let admin: APIRequestContext;
let anon: APIRequestContext;
let ids: Record<string, string>;

/** A concrete page for the action's form: the route's parameters filled with real ids. */
function pageFor(a: BuiltAction): string {
  const worker = a.pages[0]!.replace(/^app/, "").replace(/\/page$/, "") || "/";
  return worker
    .replace("[slug]", "riverton")
    .replace("[membershipId]", ids.membership!)
    .replace("[token]", "not-a-real-token")
    .replace(/\/(requests|heritage|documents)\/\[id\]/, (_, seg: string) => `/${seg}/${ids[seg]}`);
}

/** The argument list shapes: (prev, FormData) actions, two-argument actions, and one-argument ones. */
function argsFor(a: BuiltAction, p: unknown): unknown[] {
  if (a.name === "changeMembershipAccessAction" || a.name.startsWith("acceptInvitation")) return [p, p];
  const formDataActions = /^(explain|approve|reject|reopen|retryOutbox|inviteMember|revokeInvitation|bulkInvite|resendInvitation|suspend|reactivate|deactivate|erase|archiveDocument|revokeSession|createApiToken|revokeApiToken)/;
  if (formDataActions.test(a.name)) {
    const form: Record<string, string> = {};
    if (p && typeof p === "object" && !Array.isArray(p)) for (const [k, v] of Object.entries(p)) form[k] = typeof v === "string" ? v : JSON.stringify(v) ?? "";
    else form.value = String(p);
    return [null, { form }];
  }
  return [p];
}

/** Actions with no input at all: nothing to fuzz (they act on the caller's own sessions only). */
const NO_INPUT = new Set(["signOutEverywhereAction", "signOutEverywhereElseAction"]);

/** Route handler methods that can change state, read from each handler's OPTIONS answer. */
async function unsafeEndpoints(ctx: APIRequestContext): Promise<{ route: string; method: string; path: string }[]> {
  const out = [];
  for (const route of builtRoutes().filter((r) => r.startsWith("/api/") || r.endsWith("/export"))) {
    const path = route.replace("[slug]", "riverton").replace("[municipalityId]", ids.municipality!).replace("[...nextauth]", "signin").replace("[id]", ids.requests!);
    const res = await ctx.fetch(path, { method: "OPTIONS", failOnStatusCode: false });
    const allow = (res.headers()["allow"] ?? "").split(",").map((m) => m.trim().toUpperCase()).filter(Boolean);
    for (const method of allow.filter((m) => !["GET", "HEAD", "OPTIONS"].includes(m))) {
      const concrete = route.includes("[id]") ? path.replace(ids.requests!, route.includes("heritage") ? ids.heritage! : route.includes("documents") ? ids.documents! : ids.requests!) : path;
      out.push({ route, method, path: concrete });
    }
  }
  return out;
}

/** The judge: a refusal with a message; never a 500. Pure, so the self-test can feed it a broken route. */
function judgeRefusal(kind: "api" | "action", status: number, body: string, redirect: string | null = null): string | null {
  if (status >= 500) return `HTTP ${status}`;
  if (kind === "api") {
    if (status < 400) return `accepted (HTTP ${status})`;
    try {
      const p = JSON.parse(body) as { detail?: string; title?: string };
      return p.detail || p.title ? null : "4xx without a message";
    } catch {
      return "4xx that is not a problem document";
    }
  }
  // Refused by proxy.ts before the action runs: too large (413), or a body the decoder would choke
  // on or that holds a NUL (400, lib/security/action-body.ts) — with the reason as text.
  if (status === 400 || status === 413) return body.trim() ? null : `HTTP ${status} without a message`;
  if (/"ok":true/.test(body)) return "accepted";
  if (/"ok":false/.test(body) && /"formError"|"fieldErrors"/.test(body)) return null;
  // Not signed in: the action sends the person to sign in (Next's x-action-redirect).
  if (redirect && new URL(redirect, "http://x").pathname === "/signin") return null;
  return status >= 300 && status < 400 ? null : `neither a refusal nor a sign-in redirect (HTTP ${status})`;
}

test.beforeAll(async ({ baseURL }) => {
  await clearSignInLocks();
  admin = await signedInContext(baseURL!, "admin@riverton.test", DEMO_PASSWORD);
  anon = await anonymousContext(baseURL!);
  const one = async (q: string) => (await sql<{ id: string }>(q))[0]!.id;
  const riverton = `(SELECT id FROM "Municipality" WHERE slug = 'riverton')`;
  ids = {
    municipality: await one(`SELECT id FROM "Municipality" WHERE slug = 'riverton'`),
    requests: await one(`SELECT id FROM "ServiceRequest" WHERE "municipalityId" = ${riverton} ORDER BY id LIMIT 1`),
    heritage: await one(`SELECT id FROM "HeritageSite" WHERE "municipalityId" = ${riverton} ORDER BY id LIMIT 1`),
    documents: await one(`SELECT id FROM "Document" WHERE "municipalityId" = ${riverton} ORDER BY id LIMIT 1`),
    membership: await one(`SELECT m.id FROM "Membership" m JOIN "User" u ON u.id = m."userId" WHERE u.email = 'viewer@riverton.test'`),
  };
});

test.afterAll(async () => {
  await admin.dispose();
  await anon.dispose();
});

test("every server action answers hostile payloads with a refusal, never a 500, and changes nothing", async ({ baseURL }) => {
  test.setTimeout(600_000);
  const actions = builtActions().filter((a) => !NO_INPUT.has(a.name));
  let payloads = 0;
  const before = await checksum();
  for (const a of actions) {
    for (const [who, ctx] of [["admin@riverton.test", admin], ["anonymous", anon]] as const) {
      await fc.assert(fc.asyncProperty(payload, async (p) => {
        const r = await callAction(ctx, baseURL!, a, pageFor(a), argsFor(a, p));
        payloads++;
        const verdict = judgeRefusal("action", r.status, r.body, r.redirect);
        expect(verdict, `${who} ${a.name}(${JSON.stringify(p).slice(0, 200)}) → ${r.body.slice(0, 200)}`).toBeNull();
      }), { numRuns: NUMRUNS, endOnFailure: true });
    }
  }
  expect(await checksum(), "a refused action changed the database").toBe(before);
  recordFigures("hostile-input-actions", { actions: actions.length, identities: 2, payloads });
});

test("every state-changing API endpoint answers hostile bodies with a 4xx problem, never a 500, and changes nothing", async () => {
  test.setTimeout(600_000);
  const endpoints = (await unsafeEndpoints(admin)).filter((e) => !e.route.startsWith("/api/auth/"));
  expect(endpoints.length, "no state-changing endpoints found: the OPTIONS enumeration broke").toBeGreaterThan(3);
  let payloads = 0;
  const before = await checksum();
  for (const e of endpoints) {
    for (const [who, ctx] of [["admin@riverton.test", admin], ["anonymous", anon]] as const) {
      await fc.assert(fc.asyncProperty(payload, fc.constantFrom("application/json", "text/plain", "application/x-www-form-urlencoded"), async (p, type) => {
        const res = await ctx.fetch(e.path, { method: e.method, headers: { "Content-Type": type }, data: JSON.stringify(p), failOnStatusCode: false });
        payloads++;
        const verdict = judgeRefusal("api", res.status(), await res.text());
        expect(verdict, `${who} ${e.method} ${e.path} ${JSON.stringify(p).slice(0, 200)}`).toBeNull();
      }), { numRuns: NUMRUNS, endOnFailure: true });
    }
  }
  expect(await checksum(), "a refused request changed the database").toBe(before);
  recordFigures("hostile-input-api", { endpoints: endpoints.length, identities: 2, payloads });
});

test("a cross-site request with a valid session is refused at every action and state-changing endpoint, and changes nothing", async ({ baseURL }) => {
  const before = await checksum();
  const problems: string[] = [];
  let tried = 0;
  for (const a of builtActions()) {
    for (const headers of [{ Origin: "https://evil.example" }, { "Sec-Fetch-Site": "cross-site" }] as Record<string, string>[]) {
      const res = await admin.post(pageFor(a), { headers: { "Next-Action": a.id, Accept: "text/x-component", "Content-Type": "text/plain;charset=UTF-8", ...headers }, data: "[]", failOnStatusCode: false, maxRedirects: 0 });
      tried++;
      if (res.status() !== 403) problems.push(`${a.name} ${JSON.stringify(headers)}: HTTP ${res.status()}`);
    }
  }
  const endpoints = await unsafeEndpoints(admin);
  for (const e of endpoints) {
    const res = await admin.fetch(e.path, { method: e.method, headers: { Origin: "https://evil.example", "Content-Type": "application/json" }, data: "{}", failOnStatusCode: false, maxRedirects: 0 });
    tried++;
    if (res.status() !== 403) problems.push(`${e.method} ${e.path}: HTTP ${res.status()}`);
  }
  expect(problems).toEqual([]);
  expect(await checksum()).toBe(before);
  // The session itself still works from our own origin.
  expect((await admin.get("/api/v1/me")).status()).toBe(200);
  expect(baseURL).toBeTruthy();
  recordFigures("csrf", { actions: builtActions().length, endpoints: endpoints.length, requests: tried });
});

// Proof that the judges can fail: a deliberately broken route (answers 500 to odd input, accepts
// a cross-site write) run through the same checks.
test("the bad-input and CSRF judges catch a deliberately broken route", async () => {
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      if (body.includes("'")) return void res.writeHead(500).end("Internal Server Error: syntax error at or near \"'\"");
      res.writeHead(200, { "Content-Type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/broken`;
  try {
    const found = await fc.check(fc.asyncProperty(payload, async (p) => {
      const res = await fetch(url, { method: "POST", body: JSON.stringify(p) });
      return judgeRefusal("api", res.status, await res.text()) === null;
    }), { numRuns: 200 });
    expect(found.failed, "fast-check did not find the input that breaks the route").toBe(true);
    const cross = await fetch(url, { method: "POST", headers: { Origin: "https://evil.example" }, body: "{}" });
    expect(cross.status, "the broken route accepts a cross-site write; the CSRF check must see that").not.toBe(403);
  } finally {
    server.close();
  }
});
