// Delivers the outbox of connected services (./deliveries.ts): back-channel logout tokens and
// Standard Webhooks, with retries. It runs on the mail worker's pg-boss (lib/jobs): kicked after a
// commit, and swept every minute by DELIVERY_JOB, on every app server at once.
//
// At least once, never twice at the same time: a pass claims due rows with FOR UPDATE SKIP LOCKED
// and, in the same UPDATE, counts the attempt and moves nextAttemptAt one lease ahead — so two
// workers never hold one row, and a worker that dies between claim and send leaves the row
// PENDING/FAILED, due again when the lease runs out (nothing is lost). The outcome is written
// only while the claim is still ours (same attempts and lease). Receivers drop repeats by
// webhook-id (the delivery id) or the logout token's jti (delivery id + sid number), both stable
// across retries.
//
// HTTP: 5-second timeout, redirects never followed (a 3xx is a failure), 2xx = delivered. A
// failure keeps lastError in plain words — never the token, the secret or the receiver's body —
// and lastStatusCode, and waits 30 s, 2 min, 10 min, 1 h, 3 h, 6 h, 12 h; the 8th failed
// attempt gives up (GAVE_UP), which an admin can undo with "Send again now".
//
// This is infrastructure, like lib/auth's session store: it reads ServiceDelivery and Service
// with `db` directly (no viewer acts here; the admin's view goes through lib/data).
import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ScheduledJob } from "@/lib/jobs/scheduled";
import { openWebhookSecret } from "./client-secret";
import { currentSigningKey, type SigningKey } from "./signing-keys";
import { signLogoutToken } from "./logout-token";
import { signWebhook } from "./webhook-sign";
import { DELIVERY_QUEUE, type LogoutPayload } from "./deliveries";
import { log } from "@/lib/ops/log";

export const MAX_ATTEMPTS = 8;
/** Wait after the n-th failed attempt (seconds). */
const BACKOFF = [30, 120, 600, 3600, 3 * 3600, 6 * 3600, 12 * 3600];
export const backoffSeconds = (attempts: number) => BACKOFF[Math.min(attempts, BACKOFF.length) - 1] ?? BACKOFF[0]!;
/** A claimed row is not due again for this long: well above the timeout of its requests. */
export const LEASE_SECONDS = 60;
export const TIMEOUT_MS = 5_000;
/** Rows one pass claims at a time (sent side by side: one slow service does not hold up the others). */
const BATCH = 20;

type Claimed = {
  id: string;
  serviceId: string;
  kind: "BACKCHANNEL_LOGOUT" | "WEBHOOK";
  payload: unknown;
  attempts: number;
  lease: Date;
};

/** Outcome of one attempt. `status` is the receiver's HTTP status when it answered. */
type Outcome = { ok: true; status: number } | { ok: false; status: number | null; error: string; final?: boolean };

export type DeliverOptions = {
  /** Only these rows (tests; "Send again now" kicks everything). */
  ids?: string[];
  /** How many rows at most in this pass. */
  limit?: number;
  timeoutMs?: number;
};

export type DeliverResult = { sent: number; failed: number; gaveUp: number };

/** Claims up to `n` due rows (see the file comment). Exported for the crash test. */
export async function claimDue(n: number, ids?: string[]): Promise<Claimed[]> {
  const onlyIds = ids ?? null;
  return db.$queryRaw<Claimed[]>`
    update "ServiceDelivery" set attempts = attempts + 1,
      "nextAttemptAt" = date_trunc('milliseconds', now()) + make_interval(secs => ${LEASE_SECONDS})
    where id in (
      select id from "ServiceDelivery"
      where status in ('PENDING', 'FAILED') and "nextAttemptAt" <= now() and attempts < ${MAX_ATTEMPTS}
        and (${onlyIds}::text[] is null or id = any(${onlyIds}::text[]))
      order by "nextAttemptAt", id limit ${n} for update skip locked)
    returning id, "serviceId", kind::text as kind, payload, attempts, "nextAttemptAt" as lease`;
}

/** Plain words for why a request did not reach the service (no URL, token or body in them). */
export function describeFailure(err: unknown, timeoutMs: number): string {
  const noAnswer = `no answer within ${timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} s` : `${timeoutMs} ms`}`;
  if (err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError")) return noAnswer;
  const cause = (err as { cause?: { code?: string } } | null)?.cause;
  const code = cause?.code ?? (err as { code?: string } | null)?.code;
  switch (code) {
    case "ECONNREFUSED":
      return "connection refused";
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return "server name not found";
    case "ECONNRESET":
    case "UND_ERR_SOCKET":
      return "connection closed before an answer";
    case "ETIMEDOUT":
    case "UND_ERR_CONNECT_TIMEOUT":
    case "UND_ERR_HEADERS_TIMEOUT":
      return noAnswer;
    case "EHOSTUNREACH":
    case "ENETUNREACH":
      return "server unreachable";
  }
  if (code && /CERT|SSL|TLS/.test(code)) return `TLS certificate not accepted (${code})`;
  return code ? `could not connect (${code})` : "could not connect";
}

async function post(url: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<Outcome> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: "POST",
      body,
      headers: { "user-agent": "Gatehouse", ...headers },
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (e) {
    return { ok: false, status: null, error: describeFailure(e, timeoutMs) };
  }
  // The answer's body is not needed (nor kept: it could echo what was sent).
  await res.body?.cancel().catch(() => undefined);
  if (res.status >= 200 && res.status < 300) return { ok: true, status: res.status };
  if (res.status >= 300 && res.status < 400)
    return { ok: false, status: res.status, error: `redirect not followed (HTTP ${res.status})` };
  return { ok: false, status: res.status, error: `the service answered HTTP ${res.status}` };
}

type ServiceTarget = {
  clientId: string;
  backchannelLogoutUri: string | null;
  webhookUrl: string | null;
  webhookSecretCipher: string | null;
};

async function deliverLogout(
  row: Claimed,
  svc: ServiceTarget,
  key: () => Promise<SigningKey>,
  timeoutMs: number,
): Promise<Outcome> {
  if (!svc.backchannelLogoutUri)
    return { ok: false, status: null, error: "the service has no back-channel logout address any more", final: true };
  const p = row.payload as LogoutPayload;
  const sids: (string | undefined)[] = p.sids.length ? p.sids : [undefined];
  const k = await key();
  const outcomes = await Promise.all(
    sids.map(async (sid, i) => {
      const token = await signLogoutToken(k, { audience: svc.clientId, sub: p.sub, sid, jti: `${row.id}.${i}` });
      return post(
        svc.backchannelLogoutUri!,
        new URLSearchParams({ logout_token: token }).toString(),
        { "content-type": "application/x-www-form-urlencoded", "cache-control": "no-store" },
        timeoutMs,
      );
    }),
  );
  return outcomes.find((o) => !o.ok) ?? outcomes[0]!;
}

async function deliverWebhook(row: Claimed, svc: ServiceTarget, timeoutMs: number): Promise<Outcome> {
  if (!svc.webhookUrl)
    return { ok: false, status: null, error: "the service has no webhook address any more", final: true };
  if (!svc.webhookSecretCipher)
    return { ok: false, status: null, error: "the service has no webhook secret; rotate it", final: true };
  let secret: string;
  try {
    secret = openWebhookSecret(svc.webhookSecretCipher);
  } catch {
    return {
      ok: false,
      status: null,
      error: "the webhook secret cannot be decrypted (AUTH_SECRET changed?); rotate it",
      final: true,
    };
  }
  const body = JSON.stringify(row.payload);
  return post(
    svc.webhookUrl,
    body,
    { "content-type": "application/json", ...signWebhook(secret, row.id, body) },
    timeoutMs,
  );
}

/** Writes the outcome, only while the claim is still ours. Returns what happened to the row. */
async function settle(row: Claimed, o: Outcome): Promise<"sent" | "failed" | "gaveUp" | "lost"> {
  const ours: Prisma.ServiceDeliveryWhereInput = {
    id: row.id,
    attempts: row.attempts,
    nextAttemptAt: row.lease,
    status: { in: ["PENDING", "FAILED"] },
  };
  if (o.ok) {
    const r = await db.serviceDelivery.updateMany({
      where: ours,
      data: { status: "SENT", sentAt: new Date(), lastError: null, lastStatusCode: o.status },
    });
    return r.count ? "sent" : "lost";
  }
  const gaveUp = o.final || row.attempts >= MAX_ATTEMPTS;
  const r = await db.serviceDelivery.updateMany({
    where: ours,
    data: {
      status: gaveUp ? "GAVE_UP" : "FAILED",
      lastError: o.error.slice(0, 300),
      lastStatusCode: o.status,
      nextAttemptAt: new Date(Date.now() + (gaveUp ? 0 : backoffSeconds(row.attempts) * 1000)),
    },
  });
  return r.count ? (gaveUp ? "gaveUp" : "failed") : "lost";
}

type Pass = {
  key: () => Promise<SigningKey>;
  service: (id: string) => Promise<ServiceTarget | null>;
  timeoutMs: number;
};

async function deliverOne(row: Claimed, { key, service, timeoutMs }: Pass): Promise<Outcome> {
  const svc = await service(row.serviceId);
  if (!svc) return { ok: false, status: null, error: "the service no longer exists", final: true };
  try {
    return row.kind === "BACKCHANNEL_LOGOUT"
      ? await deliverLogout(row, svc, key, timeoutMs)
      : await deliverWebhook(row, svc, timeoutMs);
  } catch (e) {
    // Signing failed (no key?): retried like a network failure; the message is ours, not a secret.
    log.error({ err: e, deliveryId: row.id }, "[deliveries] a delivery could not be prepared");
    return { ok: false, status: null, error: "Gatehouse could not prepare the delivery; it is retried" };
  }
}

/** Delivers what is due, one pass. Safe to run on every server at once; never throws for a receiver's fault. */
export async function deliverDueOnce(opts: DeliverOptions = {}): Promise<DeliverResult> {
  const result: DeliverResult = { sent: 0, failed: 0, gaveUp: 0 };
  const timeoutMs = opts.timeoutMs ?? TIMEOUT_MS;
  // Read once per pass: the signing key, and each service's addresses (a pass lasts seconds).
  let key: Promise<SigningKey> | undefined;
  const services = new Map<string, Promise<ServiceTarget | null>>();
  const pass: Pass = {
    timeoutMs,
    key: () => (key ??= currentSigningKey()),
    service: (id) => {
      let s = services.get(id);
      if (!s) {
        s = db.service.findUnique({
          where: { id },
          select: { clientId: true, backchannelLogoutUri: true, webhookUrl: true, webhookSecretCipher: true },
        });
        services.set(id, s);
      }
      return s;
    },
  };
  let left = opts.limit ?? 200;
  while (left > 0) {
    const rows = await claimDue(Math.min(BATCH, left), opts.ids);
    if (!rows.length) break;
    left -= rows.length;
    await Promise.all(
      rows.map(async (row) => {
        const outcome = await settle(row, await deliverOne(row, pass));
        if (outcome !== "lost") result[outcome]++;
      }),
    );
  }
  return result;
}

/**
 * The backstop: rows whose every attempt was claimed but never finished (a worker died each time)
 * are given up once their last lease ran out, so they show as such instead of waiting forever.
 */
export async function sweepAbandoned(): Promise<number> {
  const r = await db.serviceDelivery.updateMany({
    where: {
      status: { in: ["PENDING", "FAILED"] },
      attempts: { gte: MAX_ATTEMPTS },
      nextAttemptAt: { lte: new Date() },
    },
    data: { status: "GAVE_UP", lastError: "no attempt finished (the sender stopped each time)" },
  });
  return r.count;
}

/** Every minute on the mail worker's pg-boss, and whenever kickServiceDeliveries() asks. */
export const DELIVERY_JOB: ScheduledJob = {
  name: DELIVERY_QUEUE,
  cron: "* * * * *",
  async run() {
    const r = await deliverDueOnce();
    await sweepAbandoned();
    if (r.failed || r.gaveUp)
      log.warn(
        { failed: r.failed, gaveUp: r.gaveUp, sent: r.sent },
        `[deliveries] ${r.failed} failed (retried later), ${r.gaveUp} given up, ${r.sent} delivered`,
      );
  },
};
