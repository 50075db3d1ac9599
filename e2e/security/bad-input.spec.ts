// Bad input at every entry point of the production build: fast-check throws random and hostile
// payloads — wrong types, huge strings (≥ 1 MB), unknown fields, "__proto__"/"constructor"/
// "prototype" keys sent as raw JSON text, SQL and HTML injection, NUL bytes and broken unicode,
// nesting thousands of levels deep, NaN/Infinity/bigints/invalid dates encoded as React encodes
// them, ids that do not exist — at every server action (server-reference manifest) and every
// method of every route handler (app-path-routes manifest + the handler's own OPTIONS answer),
// as the account allowed to use it and as anonymous. The answer is a refusal with a message
// (an ok:false result for an action, a 4xx problem for the API), never a 500, and the database
// does not change. The targets come from the build: one this suite has no plan for fails it.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, request as pwRequest, test, type APIRequestContext } from "@playwright/test";
import fc from "fast-check";
import { DEMO_PASSWORD } from "../support/auth";
import { sql } from "../support/db";
import { anonymousContext, signedInContext } from "./support/crawl";
import { changesSince, dbState } from "./support/db-state";
import { recordFigures } from "./support/figures";
import { describe, hostileObject, hostileString, hostileValue, Obj, POLLUTING_KEYS, toFieldText, toJsonText, toQueryPairs, toReplyText, type Hostile } from "./support/hostile";
import { clearSignInLocks } from "./support/people";
import { size } from "./support/size";
import { ACTION_PLANS, actionTargets, ROUTE_PLANS, routeTargets, targetIds, type ActionTarget, type Ids, type RouteTarget } from "./support/targets";
import { judgeAction, judgeRoute, type Answer } from "./support/verdicts";

test.describe.configure({ mode: "serial" });

/** Payloads per target and identity: ~12 in `npm test`, 200 with SECURITY_SIZE=full. */
const NUMRUNS = size(12, 200);

let ids: Ids;
const contexts = new Map<string, APIRequestContext>();
let authCsrf = "";
/** What the suite tried, written after each test to test-results/security-figures/<size>/bad-input.json. */
const figures = { targets: 0, actions: 0, noInputActions: 0, routes: 0, endpoints: 0, identities: 2, payloadsPerRun: 0, runs: 0, payloads: 0 };

// ---------------------------------------------------------------------------------------------
// Calls: a description for the failure message and a way to send it.

type Call = { what: string; send: (ctx: APIRequestContext, baseURL: string) => Promise<Answer> };

async function answerOf(res: Awaited<ReturnType<APIRequestContext["fetch"]>>): Promise<Answer> {
  const headers: Record<string, string> = {};
  for (const h of res.headersArray()) headers[h.name.toLowerCase()] = headers[h.name.toLowerCase()] ? `${headers[h.name.toLowerCase()]}\n${h.value}` : h.value;
  return { status: res.status(), headers, body: await res.text() };
}

const actionHeaders = (t: ActionTarget, baseURL: string) => ({ "Next-Action": t.id, Accept: "text/x-component", Origin: baseURL });

/** Arguments as React's reply text (one part), exactly what a script could POST. */
function replyCall(t: ActionTarget, args: Hostile[]): Call {
  const text = `[${args.map(toReplyText).join(",")}]`;
  return {
    what: `${t.name}(${args.map(describe).join(", ")})`,
    send: async (ctx, baseURL) => answerOf(await ctx.post(t.page, { headers: { ...actionHeaders(t, baseURL), "Content-Type": "text/plain;charset=UTF-8" }, data: text, maxRedirects: 0, failOnStatusCode: false })),
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
      return answerOf(await ctx.post(t.page, { headers: actionHeaders(t, baseURL), multipart: fd, maxRedirects: 0, failOnStatusCode: false }));
    },
  };
}

/** A field's value: hostile, except names that select a municipality, which are real half the time so the next check is reached. */
function fieldValue(name: string): fc.Arbitrary<Hostile> {
  if (name === "slug" || name === "municipality") return fc.oneof(fc.constant(ids.slug), hostileValue);
  if (name === "municipalityId") return fc.oneof(fc.constant(ids.municipality), hostileValue);
  return hostileValue;
}

const knownOrAnyKey = (fields: readonly string[]) => fc.oneof(fc.constantFrom(...(fields.length ? fields : ["value"])), fc.constantFrom(...POLLUTING_KEYS), fc.string({ maxLength: 12 }));

function actionCalls(t: ActionTarget): fc.Arbitrary<Call> {
  const p = t.plan;
  const fields = p.fields ?? [];
  const args = (n: number) => fc.array(hostileValue, { minLength: n, maxLength: n });
  // Any action: the wrong number of arguments, of the wrong types.
  const wrongArity = fc.oneof(fc.constant([] as Hostile[]), args(1), args(3)).map((a) => replyCall(t, a));
  if (p.shape === "state,form") {
    const form = fc.tuple(hostileValue, fc.array(knownOrAnyKey(fields).chain((k) => fieldValue(k).map((v) => [k, toFieldText(v)] as [string, string])), { maxLength: 7 }))
      .map(([prev, f]) => formCall(t, prev, f));
    return fc.oneof({ weight: 4, arbitrary: form }, { weight: 1, arbitrary: args(2).map((a) => replyCall(t, a)) }, { weight: 1, arbitrary: wrongArity });
  }
  if (p.shape === "value" && p.envelope) {
    const env = p.envelope;
    const real = Object.entries(env.keys).map(([k, id]) => [k, ids[id]] as [string, Hostile]);
    // A real envelope around hostile values: the inner (strict) schema must refuse them.
    const inner = fc.tuple(hostileObject(env.innerFields), fc.option(fc.tuple(fc.constantFrom(...Object.keys(env.keys)), hostileValue), { nil: undefined }))
      .map(([values, swap]) => new Obj([...real.map(([k, v]) => [k, swap && swap[0] === k ? swap[1] : v] as [string, Hostile]), [env.inner, values]]));
    return fc.oneof({ weight: 3, arbitrary: inner.map((o) => replyCall(t, [o])) }, { weight: 2, arbitrary: hostileObject([...Object.keys(env.keys), env.inner]).map((o) => replyCall(t, [o])) }, { weight: 1, arbitrary: wrongArity });
  }
  if (p.shape === "value") {
    const obj = fc.array(knownOrAnyKey(fields).chain((k) => fieldValue(k).map((v) => [k, v] as [string, Hostile])), { maxLength: 8 })
      .map((e) => new Obj([...e, ["zz_unknown", "never a field"]]));
    return fc.oneof({ weight: 3, arbitrary: obj.map((o) => replyCall(t, [o])) }, { weight: 2, arbitrary: hostileValue.map((v) => replyCall(t, [v])) }, { weight: 1, arbitrary: wrongArity });
  }
  if (p.shape === "value,value") {
    const first: fc.Arbitrary<Hostile> = p.first ? fc.oneof(fc.constant(new Obj(Object.entries(p.first.keys).map(([k, id]) => [k, ids[id]]))), hostileValue) : fc.oneof(hostileString, hostileValue);
    return fc.oneof({ weight: 4, arbitrary: fc.tuple(first, fc.oneof(hostileObject(fields), hostileValue)).map((a) => replyCall(t, a)) }, { weight: 1, arbitrary: wrongArity });
  }
  return wrongArity;
}

// Route calls ---------------------------------------------------------------------------------

const CONTENT_TYPES = ["application/json", "application/json; charset=utf-8", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", ""];

/** A path segment that names nothing: never empty, never "." or ".." (those change the route itself). */
const hostileSegment = hostileString.filter((s) => s.trim() !== "" && s !== "." && s !== ".." && s.length <= 2000 && s.isWellFormed());

function routeCalls(t: RouteTarget): fc.Arbitrary<Call> {
  const m = t.method_;
  // Node itself refuses a request line over its header limit (16 kB): a megabyte query would be cut
  // off mid-send (a reset, not an answer), so query values are capped; bodies carry the huge ones.
  const url = (p: string, q: [string, string][]) => (q.length ? `${p}?${new URLSearchParams(q.map(([k, v]) => [k.slice(0, 1000), v.slice(0, 1000)])).toString()}` : p);
  if (m.kind === "query" || m.kind === "item") {
    return fc.tuple(hostileObject(m.fields), hostileSegment).map(([q, seg]) => {
      const p = m.kind === "item" ? t.path.replace(/\/[^/]+$/, `/${encodeURIComponent(seg)}`) : t.path;
      const target = url(p, toQueryPairs(q));
      return { what: `GET ${target.length > 300 ? `${target.slice(0, 250)}…(${target.length})` : target}`, send: async (ctx) => answerOf(await ctx.get(target, { maxRedirects: 0, failOnStatusCode: false })) };
    });
  }
  if (m.kind === "body") {
    // "{}" names nothing to change: refused too (a no-op write would still stamp and audit the row).
    const body = fc.oneof({ weight: 3, arbitrary: hostileObject(m.fields).map(toJsonText) }, { weight: 2, arbitrary: hostileValue.map(toJsonText) }, { weight: 1, arbitrary: hostileString }, { weight: 1, arbitrary: fc.constant("{}") });
    return fc.tuple(body, fc.constantFrom(...CONTENT_TYPES)).map(([data, type]) => ({
      what: `${t.method} ${t.path} [${type || "no type"}] ${data.length > 240 ? `${data.slice(0, 200)}…(${data.length})` : data}`,
      send: async (ctx) => answerOf(await ctx.fetch(t.path, { method: t.method, headers: type ? { "Content-Type": type } : {}, data, maxRedirects: 0, failOnStatusCode: false })),
    }));
  }
  // next-auth: its GET pages and POST callbacks with hostile segments, queries and form fields.
  const action = fc.oneof(fc.constantFrom("session", "csrf", "providers", "signin", "signout", "callback/credentials", "signin/credentials", "error"), hostileSegment.map((s) => `callback/${encodeURIComponent(s)}`), hostileSegment.map((s) => `signin/${encodeURIComponent(s)}`));
  const fieldNames = ["csrfToken", "email", "password", "callbackUrl", "json", "redirect", "error", "code", "state"];
  const form = fc.array(fc.tuple(knownOrAnyKey(fieldNames), fc.oneof(fc.constant(authCsrf), fc.constant("javascript:alert(1)"), fc.constant("https://evil.example/"), hostileValue.map(toFieldText))), { maxLength: 6 });
  if (t.method === "GET") {
    return fc.tuple(action, form).map(([a, q]) => {
      const target = url(`/api/auth/${a}`, q);
      return { what: `GET ${target.slice(0, 300)}`, send: async (ctx) => answerOf(await ctx.get(target, { maxRedirects: 0, failOnStatusCode: false })) };
    });
  }
  return fc.tuple(action, form).map(([a, f]) => ({
    what: `POST /api/auth/${a} ${JSON.stringify(f).slice(0, 300)}`,
    send: async (ctx) => answerOf(await ctx.post(`/api/auth/${a}`, { form: Object.fromEntries(f.map(([k, v]) => [k, v.slice(0, 100_000)])), maxRedirects: 0, failOnStatusCode: false })),
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

async function fuzz(calls: fc.Arbitrary<Call>, send: (c: Call) => Promise<string | null>, numRuns: number): Promise<Outcome> {
  const before = await dbState();
  let runs = 0;
  let problem: string | undefined;
  const r = await fc.check(fc.asyncProperty(calls, async (c) => {
    runs++;
    const verdict = await send(c).catch((e: unknown) => `the call threw: ${e instanceof Error ? e.message.slice(0, 300) : String(e)}`);
    if (verdict) problem ??= `${c.what}\n  → ${verdict}`;
    return verdict === null;
  }), { numRuns, endOnFailure: true });
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
});

test.afterAll(async () => {
  for (const c of contexts.values()) await c.dispose();
  // The credentials fuzz counts as failed sign-ins from this address; later specs sign in again.
  await clearSignInLocks();
});

test("every server action of the build refuses hostile input with a message, never a 500, and changes nothing", async ({ baseURL }) => {
  test.setTimeout(size(300_000, 3_600_000));
  const targets = actionTargets(ids).filter((t) => t.plan.shape !== "none");
  const problems: string[] = [];
  for (const t of targets) {
    for (const who of identities(t.plan.as)) {
      const o = await fuzz(actionCalls(t), async (c) => {
        const a = await c.send(ctxOf(who), baseURL!);
        return judgeAction(a, { mayRedirectToSignIn: who === "anonymous" && t.plan.needsUser });
      }, NUMRUNS);
      figures.payloads += o.runs;
      figures.runs++;
      if (o.failed) problems.push(`${who} ${o.problem}`);
      if (o.changes.length) problems.push(`${who} ${t.name}: the database changed: ${o.changes.join("; ")}`);
    }
  }
  expect(problems, problems.join("\n\n")).toEqual([]);
  Object.assign(figures, { actions: targets.length, noInputActions: actionTargets(ids).length - targets.length, payloadsPerRun: NUMRUNS });
  figures.targets = figures.actions + figures.endpoints;
  recordFigures("bad-input", figures);
});

test("every route handler method of the build refuses hostile input with a 4xx that says why, never a 500, and changes nothing", async ({ baseURL }) => {
  test.setTimeout(size(300_000, 3_600_000));
  const targets = await routeTargets(ctxOf("anonymous"), ids);
  const problems: string[] = [];
  for (const t of targets) {
    for (const who of identities(t.plan.as)) {
      const mustRefuse = t.method_.kind === "body" || t.method_.kind === "item" || (t.method_.kind === "query" && t.method_.strict);
      const o = await fuzz(routeCalls(t), async (c) => {
        const a = await c.send(ctxOf(who), baseURL!);
        return judgeRoute(a, { answers: t.plan.answers, mustRefuse }) ?? (t.plan.answers === "auth" ? judgeAuthRedirect(a, baseURL!) : null);
      }, NUMRUNS);
      figures.payloads += o.runs;
      figures.runs++;
      if (o.failed) problems.push(`${who} ${o.problem}`);
      if (o.changes.length) problems.push(`${who} ${t.method} ${t.route}: the database changed: ${o.changes.join("; ")}`);
    }
  }
  expect(problems, problems.join("\n\n")).toEqual([]);
  Object.assign(figures, { routes: new Set(targets.map((t) => t.route)).size, endpoints: targets.length, payloadsPerRun: NUMRUNS });
  figures.targets = figures.actions + figures.endpoints;
  recordFigures("bad-input", figures);
});

test("a server action or route the suite has no plan for fails it", async () => {
  const { [Object.keys(ACTION_PLANS)[0]!]: _dropped, ...fewer } = ACTION_PLANS;
  expect(() => actionTargets(ids, fewer)).toThrow(/has no plan/);
  const changed = { ...ACTION_PLANS, explainAction: { ...ACTION_PLANS.explainAction!, shape: "value" as const } };
  expect(() => actionTargets(ids, changed)).toThrow(/the build says state,form/);
  const { "/api/v1/me": _me, ...fewerRoutes } = ROUTE_PLANS;
  await expect(routeTargets(ctxOf("anonymous"), ids, fewerRoutes)).rejects.toThrow(/\/api\/v1\/me .*has no plan/);
  const noPatch = { ...ROUTE_PLANS, "/api/v1/documents/[id]": { ...ROUTE_PLANS["/api/v1/documents/[id]"]!, methods: { GET: { kind: "item" as const, fields: [] } } } };
  await expect(routeTargets(ctxOf("anonymous"), ids, noPatch)).rejects.toThrow(/PATCH \/api\/v1\/documents\/\[id\] has no plan/);
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
          return void res.writeHead(400, { "Content-Type": "application/problem+json" }).end(JSON.stringify({ status: 400, title: "Bad", detail: "refused" }));
        }
        if (req.url?.startsWith("/action-accepts")) return void res.writeHead(200, { "Content-Type": "text/x-component" }).end('0:{"a":"$@1"}\n1:{"ok":true}\n');
        if (req.url?.startsWith("/action-crashes")) return void res.writeHead(hostile ? 500 : 200, { "Content-Type": "text/x-component" }).end(hostile ? '0:{"a":"$@1"}\n1:E{"digest":"42"}\n' : '0:{"a":"$@1"}\n1:{"ok":false,"formError":"no"}\n');
        if (hostile) return void res.writeHead(500).end('syntax error at or near "\'"');
        res.writeHead(400, { "Content-Type": "application/problem+json" }).end(JSON.stringify({ status: 400, title: "Bad", detail: "refused" }));
      })();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const ctx = await pwRequest.newContext({ baseURL: base });
  const titleBefore = (await sql<{ title: string }>(`SELECT title FROM "Document" WHERE id = $1`, [doc]))[0]!.title;
  try {
    const broken = (p: string): RouteTarget => ({ route: p, method: "POST", path: p, plan: { as: "anonymous", answers: "problem", methods: {} }, method_: { kind: "body", fields: ["title"] } });
    const viaRoute = (p: string) => fuzz(routeCalls(broken(p)), async (c) => judgeRoute(await c.send(ctx, base), { answers: "problem", mustRefuse: true }), 200);
    const crash = await viaRoute("/crash");
    expect(crash.failed, "a route answering 500 to hostile input passed the judge").toBe(true);
    expect(crash.problem).toContain("HTTP 500");
    const write = await viaRoute("/write");
    expect(write.failed, "the write route refuses properly, so the judge alone passes it").toBe(false);
    expect(write.changes, "a route that writes before refusing was not caught by the database comparison").toContain('table "Document" changed');

    const fakeAction = (p: string): ActionTarget => ({ id: "00", name: "brokenAction", file: "x", pages: [], page: p, plan: { shape: "value", as: "anonymous", fields: ["title"], needsUser: false } });
    const viaAction = (p: string) => fuzz(actionCalls(fakeAction(p)), async (c) => judgeAction(await c.send(ctx, base), { mayRedirectToSignIn: false }), 200);
    expect((await viaAction("/action-accepts")).problem).toContain("accepted");
    expect((await viaAction("/action-crashes")).problem).toMatch(/HTTP 500|error/);
  } finally {
    await sql(`UPDATE "Document" SET title = $2 WHERE id = $1`, [doc, titleBefore]);
    await ctx.dispose();
    server.close();
  }
});
