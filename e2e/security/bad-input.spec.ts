// Bad input at every entry point of the production build: fast-check throws random and hostile
// payloads — wrong types, huge strings (≥ 1 MB), unknown fields, "__proto__"/"constructor"/
// "prototype" keys sent as raw JSON text, SQL and HTML injection, NUL bytes and broken unicode,
// nesting thousands of levels deep, NaN/Infinity/bigints/invalid dates encoded as React encodes
// them, ids that do not exist — at every server action (server-reference manifest) and every
// method of every route handler (app-path-routes manifest + the handler's own OPTIONS answer),
// as the account allowed to use it and as anonymous. The answer is a refusal with a message
// (an ok:false result for an action, a 4xx problem for the API), never a 500, and the database
// does not change. The targets come from the build: one this suite has no plan for fails it.
import { createHash } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, request as pwRequest, test, type APIRequestContext } from "@playwright/test";
import fc from "fast-check";
import { DEMO_PASSWORD } from "../support/auth";
import { sql } from "../../test/fixtures/db";
import { anonymousContext, inParallel, signedInContext } from "./support/crawl";
import { changesSince, dbState } from "./support/db-state";
import { recordFigures } from "../../test/fixtures/figures";
import {
  describe,
  hostileObject,
  hostileString,
  hostileValue,
  Obj,
  POLLUTING_KEYS,
  toFieldText,
  toJsonText,
  toQueryPairs,
  toReplyText,
  type Hostile,
} from "./support/hostile";
import { clearSignInLocks } from "../../test/fixtures/people";
import { size } from "../../test/fixtures/suite-size";
import { sendChunked } from "./support/raw-http";
import { builtRoutes } from "./support/routes";
import {
  ACTION_PLANS,
  actionTargets,
  ROUTE_PLANS,
  SCIM_PROBE_TOKEN,
  AUTHZEN_PROBE,
  routeSegments,
  routeTargets,
  targetIds,
  withSegment,
  type ActionTarget,
  type Ids,
  type RouteTarget,
} from "./support/targets";
import {
  judgeAction,
  judgeMalformedPath,
  judgeMalformedQuery,
  judgeRoute,
  judgeTooLarge,
  type Answer,
} from "./support/verdicts";

test.describe.configure({ mode: "serial" });

/** Payloads per target and identity: ~12 in `npm test`, 200 with SECURITY_SIZE=full. */
const NUMRUNS = size(12, 200);

let ids: Ids;
const contexts = new Map<string, APIRequestContext>();
let authCsrf = "";
/** What the suite tried, written after each test to test-results/security-figures/<size>/bad-input.json. */
const figures = {
  targets: 0,
  actions: 0,
  noInputActions: 0,
  routes: 0,
  endpoints: 0,
  identities: 2,
  payloadsPerRun: 0,
  runs: 0,
  payloads: 0,
};

// ---------------------------------------------------------------------------------------------
// Calls: a description for the failure message and a way to send it.

type Call = { what: string; send: (ctx: APIRequestContext, baseURL: string) => Promise<Answer> };

async function answerOf(res: Awaited<ReturnType<APIRequestContext["fetch"]>>): Promise<Answer> {
  const headers: Record<string, string> = {};
  for (const h of res.headersArray())
    headers[h.name.toLowerCase()] = headers[h.name.toLowerCase()]
      ? `${headers[h.name.toLowerCase()]}\n${h.value}`
      : h.value;
  return { status: res.status(), headers, body: await res.text() };
}

const actionHeaders = (t: ActionTarget, baseURL: string) => ({
  "Next-Action": t.id,
  Accept: "text/x-component",
  Origin: baseURL,
});

/** Arguments as React's reply text (one part), exactly what a script could POST. */
function replyCall(t: ActionTarget, args: Hostile[]): Call {
  const text = `[${args.map(toReplyText).join(",")}]`;
  return {
    what: `${t.name}(${args.map(describe).join(", ")})`,
    send: async (ctx, baseURL) =>
      answerOf(
        await ctx.post(t.page, {
          headers: { ...actionHeaders(t, baseURL), "Content-Type": "text/plain;charset=UTF-8" },
          data: text,
          maxRedirects: 0,
          failOnStatusCode: false,
        }),
      ),
  };
}

/** A (previous state, FormData) call as the browser sends it: part "0" holds the arguments, "_1_<name>" the form's fields. */
function formCall(t: ActionTarget, prev: Hostile, fields: [string, string][]): Call {
  return {
    what: `${t.name}(${describe(prev)}, form ${JSON.stringify(fields.map(([k, v]) => [k, v.length > 80 ? `${v.slice(0, 60)}…(${v.length})` : v]))})`,
    send: async (ctx, baseURL) => {
      const fd = new FormData();
      for (const [k, v] of fields) fd.append(`_1_${k}`, v);
      fd.append("0", `[${toReplyText(prev)},"$K1"]`);
      return answerOf(
        await ctx.post(t.page, {
          headers: actionHeaders(t, baseURL),
          multipart: fd,
          maxRedirects: 0,
          failOnStatusCode: false,
        }),
      );
    },
  };
}

/** A field's value: hostile, except names that select a municipality, which are real half the time so the next check is reached. */
function fieldValue(name: string): fc.Arbitrary<Hostile> {
  if (name === "slug" || name === "municipality") return fc.oneof(fc.constant(ids.slug), hostileValue);
  if (name === "municipalityId") return fc.oneof(fc.constant(ids.municipality), hostileValue);
  return hostileValue;
}

const knownOrAnyKey = (fields: readonly string[]) =>
  fc.oneof(
    fc.constantFrom(...(fields.length ? fields : ["value"])),
    fc.constantFrom(...POLLUTING_KEYS),
    fc.string({ maxLength: 12 }),
  );

function actionCalls(t: ActionTarget): fc.Arbitrary<Call> {
  const p = t.plan;
  const fields = p.fields ?? [];
  const args = (n: number) => fc.array(hostileValue, { minLength: n, maxLength: n });
  // Any action: the wrong number of arguments, of the wrong types.
  const wrongArity = fc.oneof(fc.constant([] as Hostile[]), args(1), args(3)).map((a) => replyCall(t, a));
  if (p.shape === "state,form") {
    const form = fc
      .tuple(
        hostileValue,
        fc.array(
          knownOrAnyKey(fields).chain((k) => fieldValue(k).map((v) => [k, toFieldText(v)] as [string, string])),
          { maxLength: 7 },
        ),
      )
      .map(([prev, f]) => formCall(t, prev, f));
    return fc.oneof(
      { weight: 4, arbitrary: form },
      { weight: 1, arbitrary: args(2).map((a) => replyCall(t, a)) },
      { weight: 1, arbitrary: wrongArity },
    );
  }
  if (p.shape === "value" && p.envelope) {
    const env = p.envelope;
    const real = Object.entries(env.keys).map(([k, id]) => [k, ids[id]] as [string, Hostile]);
    // A real envelope around hostile values: the inner (strict) schema must refuse them.
    const inner = fc
      .tuple(
        hostileObject(env.innerFields),
        fc.option(fc.tuple(fc.constantFrom(...Object.keys(env.keys)), hostileValue), { nil: undefined }),
      )
      .map(
        ([values, swap]) =>
          new Obj([
            ...real.map(([k, v]) => [k, swap && swap[0] === k ? swap[1] : v] as [string, Hostile]),
            [env.inner, values],
          ]),
      );
    return fc.oneof(
      { weight: 3, arbitrary: inner.map((o) => replyCall(t, [o])) },
      { weight: 2, arbitrary: hostileObject([...Object.keys(env.keys), env.inner]).map((o) => replyCall(t, [o])) },
      { weight: 1, arbitrary: wrongArity },
    );
  }
  if (p.shape === "value") {
    const obj = fc
      .array(
        knownOrAnyKey(fields).chain((k) => fieldValue(k).map((v) => [k, v] as [string, Hostile])),
        { maxLength: 8 },
      )
      .map((e) => new Obj([...e, ["zz_unknown", "never a field"]]));
    return fc.oneof(
      { weight: 3, arbitrary: obj.map((o) => replyCall(t, [o])) },
      { weight: 2, arbitrary: hostileValue.map((v) => replyCall(t, [v])) },
      { weight: 1, arbitrary: wrongArity },
    );
  }
  if (p.shape === "value,value") {
    const first: fc.Arbitrary<Hostile> = p.first
      ? fc.oneof(fc.constant(new Obj(Object.entries(p.first.keys).map(([k, id]) => [k, ids[id]]))), hostileValue)
      : fc.oneof(hostileString, hostileValue);
    return fc.oneof(
      {
        weight: 4,
        arbitrary: fc.tuple(first, fc.oneof(hostileObject(fields), hostileValue)).map((a) => replyCall(t, a)),
      },
      { weight: 1, arbitrary: wrongArity },
    );
  }
  return wrongArity;
}

// Route calls ---------------------------------------------------------------------------------

const CONTENT_TYPES = [
  "application/json",
  "application/json; charset=utf-8",
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "",
];

/** A path segment that names nothing: never empty, never "." or ".." (those change the route itself). */
const hostileSegment = hostileString.filter(
  (s) => s.trim() !== "" && s !== "." && s !== ".." && s.length <= 2000 && s.isWellFormed(),
);

/** The directory's bearer token (SCIM) or the probe service's Basic credentials (AuthZEN), for routes whose plan asks. */
const bearerOf = (t: RouteTarget): Record<string, string> =>
  t.plan.bearer
    ? { Authorization: `Bearer ${SCIM_PROBE_TOKEN}` }
    : t.plan.basic
      ? {
          Authorization: `Basic ${Buffer.from(`${AUTHZEN_PROBE.clientId}:${AUTHZEN_PROBE.secret}`).toString("base64")}`,
        }
      : {};

function routeCalls(t: RouteTarget): fc.Arbitrary<Call> {
  const m = t.method_;
  // Node itself refuses a request line over its header limit (16 kB): a megabyte query would be cut
  // off mid-send (a reset, not an answer), so query values are capped; bodies carry the huge ones.
  const url = (p: string, q: [string, string][]) =>
    q.length ? `${p}?${new URLSearchParams(q.map(([k, v]) => [k.slice(0, 1000), v.slice(0, 1000)])).toString()}` : p;
  if (m.kind === "query" || m.kind === "item") {
    return fc.tuple(hostileObject(m.fields), hostileSegment).map(([q, seg]) => {
      const p = m.kind === "item" ? t.path.replace(/\/[^/]+$/, `/${encodeURIComponent(seg)}`) : t.path;
      const target = url(p, toQueryPairs(q));
      return {
        what: `GET ${target.length > 300 ? `${target.slice(0, 250)}…(${target.length})` : target}`,
        send: async (ctx) =>
          answerOf(await ctx.get(target, { headers: bearerOf(t), maxRedirects: 0, failOnStatusCode: false })),
      };
    });
  }
  if (m.kind === "body") {
    // "{}" names nothing to change: refused too (a no-op write would still stamp and audit the row).
    const body = fc.oneof(
      { weight: 3, arbitrary: hostileObject(m.fields).map(toJsonText) },
      { weight: 2, arbitrary: hostileValue.map(toJsonText) },
      { weight: 1, arbitrary: hostileString },
      { weight: 1, arbitrary: fc.constant("{}") },
    );
    return fc.tuple(body, fc.constantFrom(...CONTENT_TYPES)).map(([data, type]) => ({
      what: `${t.method} ${t.path} [${type || "no type"}] ${data.length > 240 ? `${data.slice(0, 200)}…(${data.length})` : data}`,
      send: async (ctx) =>
        answerOf(
          await ctx.fetch(t.path, {
            method: t.method,
            headers: { ...(type ? { "Content-Type": type } : {}), ...bearerOf(t) },
            data,
            maxRedirects: 0,
            failOnStatusCode: false,
          }),
        ),
    }));
  }
  // next-auth: its GET pages and POST callbacks with hostile segments, queries and form fields.
  const action = fc.oneof(
    fc.constantFrom(
      "session",
      "csrf",
      "providers",
      "signin",
      "signout",
      "callback/credentials",
      "signin/credentials",
      "callback/passkey",
      "signin/passkey",
      "error",
    ),
    hostileSegment.map((s) => `callback/${encodeURIComponent(s)}`),
    hostileSegment.map((s) => `signin/${encodeURIComponent(s)}`),
  );
  const fieldNames = [
    "csrfToken",
    "email",
    "password",
    "response",
    "callbackUrl",
    "json",
    "redirect",
    "error",
    "code",
    "state",
  ];
  const form = fc.array(
    fc.tuple(
      knownOrAnyKey(fieldNames),
      fc.oneof(
        fc.constant(authCsrf),
        fc.constant("javascript:alert(1)"),
        fc.constant("https://evil.example/"),
        hostileValue.map(toFieldText),
      ),
    ),
    { maxLength: 6 },
  );
  if (t.method === "GET") {
    return fc.tuple(action, form).map(([a, q]) => {
      const target = url(`/api/auth/${a}`, q);
      return {
        what: `GET ${target.slice(0, 300)}`,
        send: async (ctx) => answerOf(await ctx.get(target, { maxRedirects: 0, failOnStatusCode: false })),
      };
    });
  }
  return fc.tuple(action, form).map(([a, f]) => ({
    what: `POST /api/auth/${a} ${JSON.stringify(f).slice(0, 300)}`,
    send: async (ctx) =>
      answerOf(
        await ctx.post(`/api/auth/${a}`, {
          form: Object.fromEntries(f.map(([k, v]) => [k, v.slice(0, 100_000)])),
          maxRedirects: 0,
          failOnStatusCode: false,
        }),
      ),
  }));
}

/** next-auth must not send anyone to another site, whatever callbackUrl says (open redirect). */
function judgeAuthRedirect(a: Answer, baseURL: string): string | null {
  const to = a.headers["location"];
  if (!to) return null;
  return new URL(to, baseURL).origin === new URL(baseURL).origin ? null : `redirects to ${to}`;
}

// ---------------------------------------------------------------------------------------------
// Running one property: a payload stream at one target as one identity; the database is compared
// before and after.

type Outcome = { failed: boolean; problem?: string; changes: string[]; runs: number };

async function fuzz(
  calls: fc.Arbitrary<Call>,
  send: (c: Call) => Promise<string | null>,
  numRuns: number,
): Promise<Outcome> {
  const before = await dbState();
  let runs = 0;
  let problem: string | undefined;
  const r = await fc.check(
    fc.asyncProperty(calls, async (c) => {
      runs++;
      const verdict = await send(c).catch(
        (e: unknown) => `the call threw: ${e instanceof Error ? e.message.slice(0, 300) : String(e)}`,
      );
      if (verdict) problem ??= `${c.what}\n  → ${verdict}`;
      return verdict === null;
    }),
    { numRuns, endOnFailure: true },
  );
  return { failed: r.failed, problem, changes: await changesSince(before), runs };
}

function ctxOf(who: string): APIRequestContext {
  const c = contexts.get(who);
  if (!c) throw new Error(`no context for ${who}`);
  return c;
}

const identities = (as: string) => [...new Set([as, "anonymous"])];

test.beforeAll(async ({ baseURL }) => {
  await clearSignInLocks();
  ids = await targetIds();
  const accounts = new Set([...Object.values(ACTION_PLANS), ...Object.values(ROUTE_PLANS)].map((p) => p.as));
  contexts.set("anonymous", await anonymousContext(baseURL!));
  for (const a of accounts) if (a !== "anonymous") contexts.set(a, await signedInContext(baseURL!, a, DEMO_PASSWORD));
  authCsrf = ((await (await ctxOf("anonymous").get("/api/auth/csrf")).json()) as { csrfToken: string }).csrfToken;
  // Riverton's directory connection answers SCIM_PROBE_TOKEN, so hostile SCIM input reaches its parsers.
  await sql(
    `INSERT INTO "ScimConnection" (id, "municipalityId", "tokenHash", "tokenHint") VALUES ('sc-bad-input', $1, $2, 'scim_bad-…')
     ON CONFLICT ("municipalityId") DO UPDATE SET "tokenHash" = $2, enabled = true`,
    [ids.municipality, createHash("sha256").update(SCIM_PROBE_TOKEN).digest("hex")],
  );
  // Riverton's probe service answers AUTHZEN_PROBE, so hostile AuthZEN input reaches its parsers.
  await sql(
    `INSERT INTO "Service" (id, "municipalityId", slug, name, "clientId", "clientSecretHash", "clientSecretHint", "resourceTypes", "updatedAt")
     VALUES ('svc-bad-input', $1, 'permits-bad-input', 'Bad-input probe', $2, $3, '0000', '{permit}', now())
     ON CONFLICT ("clientId") DO UPDATE SET "clientSecretHash" = $3, "disabledAt" = NULL`,
    [ids.municipality, AUTHZEN_PROBE.clientId, createHash("sha256").update(AUTHZEN_PROBE.secret).digest("hex")],
  );
});

test.afterAll(async () => {
  for (const c of contexts.values()) await c.dispose();
  // The credentials fuzz counts as failed sign-ins from this address; later specs sign in again.
  await clearSignInLocks();
});

test("every server action of the build refuses hostile input with a message, never a 500, and changes nothing", async ({
  baseURL,
}) => {
  test.setTimeout(size(300_000, 3_600_000));
  const targets = actionTargets(ids).filter((t) => t.plan.shape !== "none");
  const problems: string[] = [];
  for (const t of targets) {
    for (const who of identities(t.plan.as)) {
      const o = await fuzz(
        actionCalls(t),
        async (c) => {
          const a = await c.send(ctxOf(who), baseURL!);
          return judgeAction(a, { mayRedirectToSignIn: who === "anonymous" && t.plan.needsUser });
        },
        NUMRUNS,
      );
      figures.payloads += o.runs;
      figures.runs++;
      if (o.failed) problems.push(`${who} ${o.problem}`);
      if (o.changes.length) problems.push(`${who} ${t.name}: the database changed: ${o.changes.join("; ")}`);
    }
  }
  expect(problems, problems.join("\n\n")).toEqual([]);
  Object.assign(figures, {
    actions: targets.length,
    noInputActions: actionTargets(ids).length - targets.length,
    payloadsPerRun: NUMRUNS,
  });
  figures.targets = figures.actions + figures.endpoints;
  recordFigures("bad-input", figures);
});

test("every route handler method of the build refuses hostile input with a 4xx that says why, never a 500, and changes nothing", async ({
  baseURL,
}) => {
  test.setTimeout(size(300_000, 3_600_000));
  const targets = await routeTargets(ctxOf("anonymous"), ids);
  const problems: string[] = [];
  for (const t of targets) {
    for (const who of identities(t.plan.as)) {
      const mustRefuse =
        (t.method_.kind === "body" && !t.method_.mayAccept) ||
        t.method_.kind === "item" ||
        (t.method_.kind === "query" && t.method_.strict);
      const o = await fuzz(
        routeCalls(t),
        async (c) => {
          const a = await c.send(ctxOf(who), baseURL!);
          return (
            judgeRoute(a, { answers: t.plan.answers, mustRefuse }) ??
            (t.plan.answers === "auth" ? judgeAuthRedirect(a, baseURL!) : null)
          );
        },
        NUMRUNS,
      );
      figures.payloads += o.runs;
      figures.runs++;
      if (o.failed) problems.push(`${who} ${o.problem}`);
      if (o.changes.length)
        problems.push(`${who} ${t.method} ${t.route}: the database changed: ${o.changes.join("; ")}`);
    }
  }
  expect(problems, problems.join("\n\n")).toEqual([]);
  Object.assign(figures, {
    routes: new Set(targets.map((t) => t.route)).size,
    endpoints: targets.length,
    payloadsPerRun: NUMRUNS,
  });
  figures.targets = figures.actions + figures.endpoints;
  recordFigures("bad-input", figures);
});

// ---------------------------------------------------------------------------------------------
// Malformed percent-escapes: in every dynamic segment of every route of the build (a segment
// appended to routes that have none) and in the query string. Next decodes route parameters
// before any code of ours runs; an escape that is not UTF-8 must still be a 400 or 404 with the
// usual headers, never a bare 500.

/** Escapes that do not decode as UTF-8, and well-formed ones decoding to a NUL or a control character. */
const MALFORMED_ESCAPES = [
  "%",
  "%F",
  "%FF",
  "%zz",
  "abc%",
  "riverton%FF",
  "%80",
  "%C0%AF",
  "%E0%80%AF", // overlong "/"
  "%E0%A4",
  "%E0%A4%A",
  "%F0%9F%98", // truncated multi-byte sequences
  "%ED%A0%80", // a UTF-16 surrogate
  "%F8%88%80%80%80", // a 5-byte sequence
  "%00",
  "a%00b",
  "%0A",
  "%1F",
];

/**
 * Well-formed escapes that name nothing (or try a second decoding: "%25FF" is "%FF" once decoded):
 * a page's or handler's own answer — a 404 mostly, the invitation page explains itself — never a
 * 5xx, and with the usual headers (the not-found page carries the nonce CSP too).
 */
const ODD_ESCAPES = ["%C3%A9t%C3%A9", "%F0%9F%98%80", "%2F", "%5C", "%25FF", "%2500", "%20", "a%3Cb%3E"];

/** Query strings holding the malformed escapes as values and as names: all at once, and (full size) one by one. */
function malformedQueries(): string[] {
  const all = [
    MALFORMED_ESCAPES.map((e, i) => `k${i}=${e}`).join("&"),
    MALFORMED_ESCAPES.map((e, i) => `${e}=${i}`).join("&"),
    `q=${MALFORMED_ESCAPES.join("")}`,
  ];
  return size(all, [...all, ...MALFORMED_ESCAPES.flatMap((e) => [`q=${e}`, `${e}=1`])]);
}

type Probe = { who: string; method: string; path: string; judge: (a: Answer) => string | null };

async function rawAnswer(ctx: APIRequestContext, baseURL: string, p: Probe): Promise<Answer> {
  const body =
    p.method === "GET" || p.method === "HEAD"
      ? {}
      : { headers: { "Content-Type": "application/json", Origin: baseURL }, data: "{}" };
  return answerOf(await ctx.fetch(p.path, { method: p.method, ...body, maxRedirects: 0, failOnStatusCode: false }));
}

test("a malformed percent-escape in any path segment or the query of any route of the build is a 400 or 404 with the usual headers, never a 500", async ({
  baseURL,
}) => {
  test.setTimeout(size(600_000, 1_200_000));
  const handlers = await routeTargets(ctxOf("anonymous"), ids);
  const methodsOf = new Map<string, RouteTarget[]>();
  for (const t of handlers) methodsOf.set(t.route, [...(methodsOf.get(t.route) ?? []), t]);
  const probes: Probe[] = [];
  const routes = builtRoutes();
  for (const route of routes) {
    const { segments, dynamic } = routeSegments(route, ids);
    const concrete = `/${segments.join("/")}`;
    // Pages as anonymous and as an administrator (who gets past the sign-in redirect); route
    // handlers with each of their methods, as anonymous and as the account allowed to use them.
    const calls =
      methodsOf.get(route)?.flatMap((t) => identities(t.plan.as).map((who) => ({ who, method: t.method }))) ??
      ["anonymous", "admin@riverton.test"].map((who) => ({ who, method: "GET" }));
    for (const { who, method } of calls) {
      for (const index of dynamic.length ? dynamic : [segments.length]) {
        for (const e of MALFORMED_ESCAPES)
          probes.push({ who, method, path: withSegment(route, ids, index, e), judge: judgeMalformedPath });
        for (const e of ODD_ESCAPES)
          probes.push({ who, method, path: withSegment(route, ids, index, e), judge: judgeMalformedQuery });
      }
      for (const q of malformedQueries())
        probes.push({ who, method, path: `${concrete}?${q}`, judge: judgeMalformedQuery });
    }
  }
  const problems: string[] = [];
  await inParallel(probes, 2, async (p) => {
    const a = await rawAnswer(ctxOf(p.who), baseURL!, p).catch((e: unknown) => ({
      status: 0,
      headers: {},
      body: String(e),
    }));
    const verdict = p.judge(a);
    if (verdict) problems.push(`${p.who} ${p.method} ${p.path}: ${verdict}`);
  });
  expect(
    problems,
    `${problems.length} of ${probes.length} answers were wrong:\n${problems.slice(0, 60).join("\n")}`,
  ).toEqual([]);
  Object.assign(figures, {
    malformedRoutes: routes.length,
    malformedEscapes: MALFORMED_ESCAPES.length,
    oddEscapes: ODD_ESCAPES.length,
    malformedRequests: probes.length,
  });
  recordFigures("bad-input", figures);
});

// ---------------------------------------------------------------------------------------------
// Bodies over the limit: streamed (Transfer-Encoding: chunked, no Content-Length) and declared.
// Refused with 413 while being read, at every route, route-handler method and server action.

/** proxy.ts's limit; every streamed body here is well over it (and over the API's 64 kB). */
const LIMIT = 1_000_000;

async function cookieOf(who: string): Promise<string> {
  if (who === "anonymous") return "";
  return (await ctxOf(who).storageState()).cookies.map((c) => `${c.name}=${c.value}`).join("; ");
}

type BodyTarget = { what: string; who: string; method: string; path: string; headers: Record<string, string> };

async function bodyTargets(): Promise<BodyTarget[]> {
  const out: BodyTarget[] = [];
  const handlers = await routeTargets(ctxOf("anonymous"), ids);
  for (const t of handlers) {
    // next-auth's forms post to its callback; its other endpoints answer any method.
    const path =
      t.route === "/api/auth/[...nextauth]" && t.method === "POST" ? "/api/auth/callback/credentials" : t.path;
    const type = t.route === "/api/auth/[...nextauth]" ? "application/x-www-form-urlencoded" : "application/json";
    for (const who of identities(t.plan.as))
      out.push({ what: `${t.method} ${t.route}`, who, method: t.method, path, headers: { "Content-Type": type } });
  }
  const handlerRoutes = new Set(handlers.map((t) => t.route));
  for (const route of builtRoutes().filter((r) => !handlerRoutes.has(r))) {
    const path = `/${routeSegments(route, ids).segments.join("/")}`;
    // A page takes POSTs too (a form submitted before JavaScript loads): urlencoded and multipart.
    out.push({
      what: `POST page ${route}`,
      who: "anonymous",
      method: "POST",
      path,
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    out.push({
      what: `POST page ${route} (multipart)`,
      who: "admin@riverton.test",
      method: "POST",
      path,
      headers: { "Content-Type": "multipart/form-data; boundary=x" },
    });
  }
  for (const t of actionTargets(ids)) {
    for (const who of identities(t.plan.as))
      out.push({
        what: `action ${t.name}`,
        who,
        method: "POST",
        path: t.page,
        headers: { "Next-Action": t.id, Accept: "text/x-component", "Content-Type": "text/plain;charset=UTF-8" },
      });
  }
  return out;
}

test("a body over the limit is a 413 with the usual headers at every route, route-handler method and server action of the build — streamed (chunked) or declared", async ({
  baseURL,
}) => {
  test.setTimeout(size(300_000, 1_200_000));
  const before = await dbState();
  const targets = await bodyTargets();
  const streamed = size(3 * 1024 * 1024, 20 * 1024 * 1024);
  const problems: string[] = [];
  let requests = 0;
  for (const t of targets) {
    const headers = {
      ...t.headers,
      Origin: baseURL!,
      ...(t.who !== "anonymous" ? { Cookie: await cookieOf(t.who) } : {}),
    };
    const api = t.path.startsWith("/api/");
    const chunked = await sendChunked(`${baseURL}${t.path}`, { method: t.method, headers, total: streamed });
    requests++;
    const v1 = judgeTooLarge(chunked, { api });
    if (v1)
      problems.push(
        `${t.who} ${t.what} (chunked, ${streamed} bytes): ${v1}${chunked.error ? ` [${chunked.error}]` : ""}`,
      );
    // Declared: a Content-Length over the limit (the context sends the account's cookie itself).
    const declared = await answerOf(
      await ctxOf(t.who).fetch(t.path, {
        method: t.method,
        headers: { ...t.headers, Origin: baseURL! },
        data: "x".repeat(LIMIT + 1),
        maxRedirects: 0,
        failOnStatusCode: false,
      }),
    );
    requests++;
    const v2 = judgeTooLarge(declared, { api });
    if (v2) problems.push(`${t.who} ${t.what} (Content-Length ${LIMIT + 1}): ${v2}`);
  }
  // The API's own limit (64 kB of JSON) is a 413 too, not a 400.
  // (SCIM has no such limit of its own: a directory's group of thousands is a large PATCH.)
  const apiBodies = (await routeTargets(ctxOf("anonymous"), ids)).filter(
    (r) => r.method_.kind === "body" && r.plan.answers === "problem",
  );
  for (const t of apiBodies) {
    const a = await answerOf(
      await ctxOf(t.plan.as).fetch(t.path, {
        method: t.method,
        headers: { "Content-Type": "application/json", Origin: baseURL! },
        data: JSON.stringify({ title: "x".repeat(70_000) }),
        failOnStatusCode: false,
      }),
    );
    requests++;
    const v = judgeTooLarge(a, { api: true });
    if (v) problems.push(`${t.plan.as} ${t.method} ${t.route} (70 kB JSON): ${v}`);
  }
  expect(problems, problems.join("\n")).toEqual([]);
  expect(await changesSince(before), "a refused body changed the database").toEqual([]);
  Object.assign(figures, { bodyTargets: targets.length, bodyRequests: requests, streamedBytes: streamed });
  recordFigures("bad-input", figures);
});

test("a 20 MiB chunked body to a server action, an API POST and PATCH and a next-auth form is refused with 413 before the client has written it", async ({
  baseURL,
}) => {
  test.setTimeout(120_000);
  const total = 20 * 1024 * 1024;
  const editor = await cookieOf("editor@riverton.test");
  const submit = actionTargets(ids).find((t) => t.name === "submitServiceRequestAction")!;
  const cases: [string, string, string, Record<string, string>][] = [
    [
      "server action",
      "POST",
      submit.page,
      { "Next-Action": submit.id, Accept: "text/x-component", "Content-Type": "text/plain;charset=UTF-8" },
    ],
    ["API POST", "POST", "/api/v1/documents", { "Content-Type": "application/json", Cookie: editor }],
    ["API PATCH", "PATCH", `/api/v1/documents/${ids.document}`, { "Content-Type": "application/json", Cookie: editor }],
    [
      "next-auth form",
      "POST",
      "/api/auth/callback/credentials",
      { "Content-Type": "application/x-www-form-urlencoded" },
    ],
  ];
  const before = await dbState();
  const seen: Record<string, number> = {};
  for (const [label, method, path, headers] of cases) {
    const a = await sendChunked(`${baseURL}${path}`, { method, headers: { ...headers, Origin: baseURL! }, total });
    expect(
      judgeTooLarge(a, { api: path.startsWith("/api/") }),
      `${label}: ${a.status} ${a.body.slice(0, 200)} ${a.error ?? ""}`,
    ).toBeNull();
    // The answer came while the client was still writing: the server stopped reading near the
    // limit (what it took plus what the connection's buffers hold), it did not take 20 MiB first.
    // (Loopback buffers here hold a few MiB: 4–9 MiB were taken before the answer, of 20.)
    expect(a.wroteAll, `${label}: the client wrote all ${total} bytes before the answer`).toBe(false);
    expect(a.writtenAtAnswer, `${label}: bytes taken before the answer`).toBeLessThan(16 * 1024 * 1024);
    seen[label] = a.writtenAtAnswer;
  }
  // A streamed body within the limit still reaches the handler whole: exactly the limit's worth
  // passes scripts/body-gate.mjs and proxy.ts and meets the API's own 64 kB limit; one byte more does not get
  // that far. A small one is answered field by field.
  const patchDoc = (content: string, chunk?: number) =>
    sendChunked(`${baseURL}/api/v1/documents/${ids.document}`, {
      method: "PATCH",
      headers: { "Content-Type": "application/json", Cookie: editor, Origin: baseURL! },
      content,
      chunk,
    });
  const exact = await patchDoc(`{"title":"${"t".repeat(LIMIT - 12)}"}`);
  expect(exact.status, exact.body.slice(0, 300)).toBe(413);
  expect(exact.body).toContain("64 kB");
  const over = await patchDoc(`{"title":"${"t".repeat(LIMIT - 11)}"}`);
  expect(over.status, over.body.slice(0, 300)).toBe(413);
  expect(over.body).toContain("1 MB");
  const small = await patchDoc(JSON.stringify({ title: "ab", zz_nope: 1 }), 5);
  expect(small.status, small.body).toBe(400);
  expect(Object.keys((JSON.parse(small.body) as { errors: object }).errors).sort()).toEqual(["title", "zz_nope"]);
  expect(await changesSince(before)).toEqual([]);
  // The server is still there and serves as before.
  expect((await ctxOf("anonymous").get("/")).status()).toBe(200);
  Object.assign(figures, { streamed20MiBCases: cases.length, streamed20MiBMaxTaken: Math.max(...Object.values(seen)) });
  recordFigures("bad-input", figures);
});

// Proof that these judges fail: a server that answers a malformed path with a bare 500, reads a
// whole streamed body before refusing it with a 400, and answers a declared one with a 200.
test("the malformed-path and body-limit checks catch a server that crashes, reads everything, or accepts", async () => {
  const server = http.createServer((req, res) => {
    if (req.url?.startsWith("/m/")) return void res.writeHead(500).end("Internal Server Error");
    let n = 0;
    req.on("data", (c: Buffer) => (n += c.length));
    req.on(
      "end",
      () =>
        void res
          .writeHead(req.url === "/accepts" ? 200 : 400, { "Content-Type": "application/problem+json" })
          .end(JSON.stringify({ status: 400, detail: `read ${n} bytes` })),
    );
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const ctx = await pwRequest.newContext({ baseURL: base });
  try {
    expect(judgeMalformedPath(await answerOf(await ctx.get("/m/%FF", { failOnStatusCode: false })))).toContain(
      "HTTP 500",
    );
    expect(judgeMalformedQuery(await answerOf(await ctx.get("/m/x?q=%FF", { failOnStatusCode: false })))).toContain(
      "HTTP 500",
    );
    expect(judgeMalformedPath({ status: 404, headers: { "content-type": "text/html" }, body: "" })).toContain(
      "no Content-Security-Policy",
    );
    const streamed = await sendChunked(`${base}/reads-all`, { method: "POST", total: 8 * 1024 * 1024 });
    expect(streamed.wroteAll, "a server that reads the whole body let the client write it all").toBe(true);
    expect(judgeTooLarge(streamed, { api: true })).toContain("HTTP 400, not 413");
    expect(
      judgeTooLarge(await answerOf(await ctx.post("/accepts", { data: "x".repeat(LIMIT + 1) })), { api: true }),
    ).toContain("HTTP 200");
  } finally {
    await ctx.dispose();
    server.close();
  }
});

test("a server action or route the suite has no plan for fails it", async () => {
  const { [Object.keys(ACTION_PLANS)[0]!]: _dropped, ...fewer } = ACTION_PLANS;
  expect(() => actionTargets(ids, fewer)).toThrow(/has no plan/);
  const changed = { ...ACTION_PLANS, explainAction: { ...ACTION_PLANS.explainAction!, shape: "value" as const } };
  expect(() => actionTargets(ids, changed)).toThrow(/the build says state,form/);
  const { "/api/v1/me": _me, ...fewerRoutes } = ROUTE_PLANS;
  await expect(routeTargets(ctxOf("anonymous"), ids, fewerRoutes)).rejects.toThrow(/\/api\/v1\/me .*has no plan/);
  const noPatch = {
    ...ROUTE_PLANS,
    "/api/v1/documents/[id]": {
      ...ROUTE_PLANS["/api/v1/documents/[id]"]!,
      methods: { GET: { kind: "item" as const, fields: [] } },
    },
  };
  await expect(routeTargets(ctxOf("anonymous"), ids, noPatch)).rejects.toThrow(
    /PATCH \/api\/v1\/documents\/\[id\] has no plan/,
  );
});

// Proof that the checks can fail: a deliberately broken server — a route that answers 500 to a
// quote and writes to the database when it sees one, an action that accepts anything or crashes
// — run through the same property, judges and database comparison.
test("the bad-input checks catch a route that crashes, an action that accepts or crashes, and a write", async () => {
  const doc = ids.document;
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      void (async () => {
        const hostile = /['<\u0000]|__proto__/.test(decodeURIComponent(req.url ?? "") + body);
        if (req.url?.startsWith("/write")) {
          // Broken: "validates" after writing.
          if (hostile) await sql(`UPDATE "Document" SET title = title || '!' WHERE id = $1`, [doc]);
          return void res
            .writeHead(400, { "Content-Type": "application/problem+json" })
            .end(JSON.stringify({ status: 400, title: "Bad", detail: "refused" }));
        }
        if (req.url?.startsWith("/action-accepts"))
          return void res.writeHead(200, { "Content-Type": "text/x-component" }).end('0:{"a":"$@1"}\n1:{"ok":true}\n');
        if (req.url?.startsWith("/action-crashes"))
          return void res
            .writeHead(hostile ? 500 : 200, { "Content-Type": "text/x-component" })
            .end(hostile ? '0:{"a":"$@1"}\n1:E{"digest":"42"}\n' : '0:{"a":"$@1"}\n1:{"ok":false,"formError":"no"}\n');
        if (hostile) return void res.writeHead(500).end('syntax error at or near "\'"');
        res
          .writeHead(400, { "Content-Type": "application/problem+json" })
          .end(JSON.stringify({ status: 400, title: "Bad", detail: "refused" }));
      })();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const ctx = await pwRequest.newContext({ baseURL: base });
  const titleBefore = (await sql<{ title: string }>(`SELECT title FROM "Document" WHERE id = $1`, [doc]))[0]!.title;
  try {
    const broken = (p: string): RouteTarget => ({
      route: p,
      method: "POST",
      path: p,
      plan: { as: "anonymous", answers: "problem", methods: {} },
      method_: { kind: "body", fields: ["title"] },
    });
    const viaRoute = (p: string) =>
      fuzz(
        routeCalls(broken(p)),
        async (c) => judgeRoute(await c.send(ctx, base), { answers: "problem", mustRefuse: true }),
        200,
      );
    const crash = await viaRoute("/crash");
    expect(crash.failed, "a route answering 500 to hostile input passed the judge").toBe(true);
    expect(crash.problem).toContain("HTTP 500");
    const write = await viaRoute("/write");
    expect(write.failed, "the write route refuses properly, so the judge alone passes it").toBe(false);
    expect(write.changes, "a route that writes before refusing was not caught by the database comparison").toContain(
      'table "Document" changed',
    );

    const fakeAction = (p: string): ActionTarget => ({
      id: "00",
      name: "brokenAction",
      file: "x",
      pages: [],
      page: p,
      plan: { shape: "value", as: "anonymous", fields: ["title"], needsUser: false },
    });
    const viaAction = (p: string) =>
      fuzz(
        actionCalls(fakeAction(p)),
        async (c) => judgeAction(await c.send(ctx, base), { mayRedirectToSignIn: false }),
        200,
      );
    expect((await viaAction("/action-accepts")).problem).toContain("accepted");
    expect((await viaAction("/action-crashes")).problem).toMatch(/HTTP 500|error/);
  } finally {
    await sql(`UPDATE "Document" SET title = $2 WHERE id = $1`, [doc, titleBefore]);
    await ctx.dispose();
    server.close();
  }
});
