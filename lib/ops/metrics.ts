// Prometheus metrics (prom-client) for operators: what a municipal IT team watches on Keycloak and
// the like. One registry per process, kept on globalThis: Next's bundles (each may carry its own
// copy of this module) and scripts/server.mjs (plain JavaScript, which counts every request through
// scripts/http-metrics.mjs) run in one process and must count into the same metrics.
//
// Counted as they happen (the helpers below, called where the thing is decided):
// - HTTP requests and their latency by route pattern (`/w/[slug]/requests/[id]`, never the raw
//   path: one series per route, not per record), method and status;
// - authorization decisions by result (AuthZEN evaluations, a person's sign-in to a service);
// - sign-ins by method and result (password, passkey, SAML, OIDC, OAuth, second-factor codes);
// - lockouts (an account and address pair, or a municipality's strict account lockout).
// Read from PostgreSQL when scraped (at most every two seconds, each query bounded): the mail
// outbox's backlog and its oldest message's age, pg-boss jobs by queue and state, back-channel
// logout and webhook deliveries by state, and this process's database pool. These database
// figures are the same on every server (aggregate them with max, not sum); the counters are per
// process (sum them). Labels never hold a person, an email, an address or a municipality.
//
// Infrastructure reads: counts over the outbox, the delivery table and pg-boss's own tables, with
// `db` directly — no viewer acts here and no record's fields leave this module.
import "server-only";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import { db, dbPoolUse } from "@/lib/db";
import { databaseAnswering } from "@/lib/db-health";
import { readiness, within } from "./readiness";

export type AuthzResult = "allow" | "deny";
/** Where the decision was made: an AuthZEN evaluation, or a person signing in to a connected service. */
export type AuthzPoint = "authzen" | "service_sign_in";
export type SignInResult = "success" | "failure";
export const SIGN_IN_METHODS = [
  "password",
  "passkey",
  "saml",
  "oidc",
  "google",
  "microsoft",
  "totp",
  "recovery_code",
  "other",
] as const;
export type SignInMethod = (typeof SIGN_IN_METHODS)[number];
export type LockoutScope = "account_and_address" | "account";

const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);
const COLLECT_EVERY_MS = 2000;
const QUERY_TIMEOUT_MS = 2000;
/** Each figure's query gets two seconds: a slow database must not hold a scrape up. */
const bounded = <T>(p: Promise<T>) => within(p, QUERY_TIMEOUT_MS);

function create() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const counter = <L extends string>(name: string, help: string, labelNames: readonly L[]) =>
    new Counter<L>({ name, help, labelNames, registers });
  const gauge = <L extends string = never>(name: string, help: string, labelNames: readonly L[] = []) =>
    new Gauge<L>({ name, help, labelNames, registers });
  const http = ["route", "method", "status"] as const;
  const m = {
    registry,
    httpRequests: counter(
      "gatehouse_http_requests_total",
      "HTTP requests answered, by route pattern, method and status.",
      http,
    ),
    httpDuration: new Histogram({
      name: "gatehouse_http_request_duration_seconds",
      help: "Time from the request's arrival to the end of its answer, by route pattern, method and status.",
      labelNames: http,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    authz: counter("gatehouse_authz_decisions_total", "Authorization decisions, by where they were made and result.", [
      "point",
      "result",
    ]),
    signIns: counter(
      "gatehouse_sign_ins_total",
      "Sign-in attempts decided, by method and result (second-factor codes count as their own method).",
      ["method", "result"],
    ),
    lockouts: counter(
      "gatehouse_sign_in_lockouts_total",
      "Sign-in lockouts begun: an account from one address, or a whole account under a strict lockout.",
      ["scope"],
    ),
    databaseUp: gauge("gatehouse_database_up", "1 when PostgreSQL answers this server, else 0."),
    ready: gauge("gatehouse_ready", "1 when /readyz says ready, else 0."),
    collectOk: gauge(
      "gatehouse_metrics_collect_ok",
      "1 when this scrape's database figures were read, 0 when they could not be (their series are left out).",
    ),
    outboxBacklog: gauge(
      "gatehouse_outbox_backlog_messages",
      "Mail in the outbox waiting to be sent (new or being retried).",
    ),
    outboxOldest: gauge(
      "gatehouse_outbox_oldest_message_age_seconds",
      "Age of the oldest mail waiting in the outbox; 0 when none waits.",
    ),
    outboxFailed: gauge(
      "gatehouse_outbox_failed_messages",
      "Mail the outbox gave up on (shown to administrators, who can send it again).",
    ),
    queueJobs: gauge("gatehouse_queue_jobs", "Jobs on the pg-boss queue, by queue and state.", ["queue", "state"]),
    deliveries: gauge(
      "gatehouse_service_deliveries",
      "Back-channel logout and webhook deliveries to connected services, by kind and state.",
      ["kind", "status"],
    ),
    deliveryOldest: gauge(
      "gatehouse_service_delivery_oldest_pending_age_seconds",
      "Age of the oldest delivery still to be made (pending or being retried), by kind; 0 when none.",
      ["kind"],
    ),
    pool: gauge(
      "gatehouse_db_pool_connections",
      "This server's database pool: open connections (total), idle ones, and queries waiting for one.",
      ["state"],
    ),
    poolMax: gauge("gatehouse_db_pool_max", "The pool's connection limit."),
    /** For scripts/http-metrics.mjs, which reaches it through globalThis (it cannot import TypeScript). */
    countHttpRequest: (route: string, method: string, status: number | string, seconds: number) => {
      const labels = {
        route: route.slice(0, 200),
        method: METHODS.has(method.toUpperCase()) ? method.toUpperCase() : "OTHER",
        status: String(status),
      };
      m.httpRequests.inc(labels);
      m.httpDuration.observe(labels, seconds);
    },
    collecting: undefined as Promise<void> | undefined,
    collectedAt: 0,
  };
  return m;
}

type Metrics = ReturnType<typeof create>;
const KEY = Symbol.for("gatehouse.metrics");
const g = globalThis as unknown as { [KEY]?: Metrics };

/** The process's metrics, made on first use (instrumentation.ts asks at start, so requests count from the first). */
export function metrics(): Metrics {
  return (g[KEY] ??= create());
}

export function countHttpRequest(route: string, method: string, status: number | string, seconds: number): void {
  metrics().countHttpRequest(route, method, status, seconds);
}

export function countAuthzDecision(result: AuthzResult, point: AuthzPoint = "authzen"): void {
  metrics().authz.inc({ point, result });
}

export function countSignIn(method: SignInMethod, result: SignInResult): void {
  metrics().signIns.inc({ method, result });
}

export function countLockout(scope: LockoutScope = "account_and_address"): void {
  metrics().lockouts.inc({ scope });
}

/** next-auth's provider id as a method label: "credentials" is a password, "sso-<slug>" a municipality's OIDC. */
export function signInMethodOf(provider: string): SignInMethod {
  if (provider === "credentials") return "password";
  if (provider.startsWith("sso-")) return "oidc";
  if (provider === "azure-ad") return "microsoft";
  return (SIGN_IN_METHODS as readonly string[]).includes(provider) ? (provider as SignInMethod) : "other";
}

const seconds = (v: unknown) => Math.max(0, Number(v ?? 0));

/** pg-boss's own table (schema "pgboss", lib/jobs/mail-worker.ts); absent until a queue first started. */
async function queueJobCounts(): Promise<{ name: string; state: string; n: number }[]> {
  const [t] = await bounded(
    db.$queryRawUnsafe<{ present: boolean }[]>(`select to_regclass('pgboss.job') is not null as present`),
  );
  if (!t?.present) return [];
  return bounded(
    db.$queryRawUnsafe<{ name: string; state: string; n: number }[]>(
      `select name, state::text, count(*)::int as n from pgboss.job group by name, state`,
    ),
  );
}

async function readDatabaseFigures(m: Metrics): Promise<void> {
  const [outbox, jobs, deliveries] = await Promise.all([
    bounded(
      db.$queryRawUnsafe<{ status: string; n: number; oldest: number | null }[]>(
        `select status::text, count(*)::int as n, extract(epoch from now() - min("createdAt"))::float8 as oldest
           from "OutboxMessage" where status in ('PENDING', 'FAILED') group by status`,
      ),
    ),
    queueJobCounts(),
    bounded(
      db.$queryRawUnsafe<{ kind: string; status: string; n: number; oldest: number | null }[]>(
        `select kind::text, status::text, count(*)::int as n,
                extract(epoch from now() - min("createdAt") filter (where status in ('PENDING', 'FAILED')))::float8 as oldest
           from "ServiceDelivery" group by kind, status`,
      ),
    ),
  ]);
  const pending = outbox.find((r) => r.status === "PENDING");
  m.outboxBacklog.set(pending?.n ?? 0);
  m.outboxOldest.set(seconds(pending?.oldest));
  m.outboxFailed.set(outbox.find((r) => r.status === "FAILED")?.n ?? 0);
  m.queueJobs.reset();
  for (const j of jobs) m.queueJobs.set({ queue: j.name, state: j.state }, j.n);
  m.deliveries.reset();
  m.deliveryOldest.reset();
  for (const kind of ["BACKCHANNEL_LOGOUT", "WEBHOOK"]) {
    const label = kind.toLowerCase();
    const rows = deliveries.filter((d) => d.kind === kind);
    for (const status of ["PENDING", "SENT", "FAILED", "GAVE_UP"])
      m.deliveries.set({ kind: label, status: status.toLowerCase() }, rows.find((r) => r.status === status)?.n ?? 0);
    m.deliveryOldest.set({ kind: label }, Math.max(0, ...rows.map((r) => seconds(r.oldest))));
  }
}

/** Leaves the database figures out of the scrape rather than showing stale ones as current. */
function dropDatabaseFigures(m: Metrics): void {
  for (const gauge of [m.outboxBacklog, m.outboxOldest, m.outboxFailed, m.queueJobs, m.deliveries, m.deliveryOldest])
    gauge.reset();
}

async function collect(m: Metrics): Promise<void> {
  const up = await databaseAnswering();
  m.databaseUp.set(up ? 1 : 0);
  m.ready.set((await readiness()).ready ? 1 : 0);
  const pool = dbPoolUse();
  m.pool.reset();
  if (pool) {
    m.pool.set({ state: "total" }, pool.total);
    m.pool.set({ state: "idle" }, pool.idle);
    m.pool.set({ state: "waiting" }, pool.waiting);
    m.poolMax.set(pool.max);
  }
  let ok = false;
  if (up)
    ok = await readDatabaseFigures(m).then(
      () => true,
      () => false,
    );
  if (!ok) dropDatabaseFigures(m);
  m.collectOk.set(ok ? 1 : 0);
}

/** The scrape: the database figures refreshed (at most every two seconds, one refresh at a time), then every metric as Prometheus text. */
export async function metricsText(): Promise<{ contentType: string; body: string }> {
  const m = metrics();
  if (Date.now() - m.collectedAt >= COLLECT_EVERY_MS) {
    m.collecting ??= collect(m)
      .catch(() => m.collectOk.set(0))
      .finally(() => {
        m.collectedAt = Date.now();
        m.collecting = undefined;
      });
  }
  await m.collecting;
  return { contentType: m.registry.contentType, body: await m.registry.metrics() };
}
