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
// Read from PostgreSQL when scraped, by lib/health/figures.ts (the gauges are defined here): the
// mail outbox's backlog and its oldest message's age, pg-boss jobs by queue and state, back-channel
// logout and webhook deliveries by state, and this process's database pool. These database
// figures are the same on every server (aggregate them with max, not sum); the counters are per
// process (sum them). Labels never hold a person, an email, an address or a municipality.
//
// A leaf like the logger (lib/ops): it imports nothing of ours, so every layer may count into it.
import "server-only";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

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

export type Metrics = ReturnType<typeof create>;
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

/**
 * The scrape: the figures read at scrape time refreshed by `refresh` (lib/health/figures.ts; at
 * most every two seconds, one refresh at a time), then every metric as Prometheus text.
 */
export async function metricsText(
  refresh: (m: Metrics) => Promise<void> = async () => {},
): Promise<{ contentType: string; body: string }> {
  const m = metrics();
  if (Date.now() - m.collectedAt >= COLLECT_EVERY_MS) {
    m.collecting ??= refresh(m)
      .catch(() => m.collectOk.set(0))
      .finally(() => {
        m.collectedAt = Date.now();
        m.collecting = undefined;
      });
  }
  await m.collecting;
  return { contentType: m.registry.contentType, body: await m.registry.metrics() };
}
