// Runs once when a server starts: the mail worker (and the scheduled jobs on its queue, such as
// suspending inactive accounts) lives in every Node server process; pg-boss coordinates them
// through PostgreSQL. Not awaited: a database that is down at start must not keep
// the server from answering (it answers 503 until PostgreSQL is back, and the worker starts then).
import type { Instrumentation } from "next";

export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // The metrics registry first, so scripts/server.mjs counts requests from the start (lib/ops/metrics.ts).
  (await import("@/lib/ops/metrics")).metrics();
  const { keepStartingMailWorker } = await import("@/lib/jobs/mail-worker");
  const { registerScheduledJob } = await import("@/lib/jobs/scheduled");
  // Scheduled jobs ride on the mail worker's pg-boss (lib/jobs/scheduled.ts): register, then start.
  const { INACTIVITY_JOB } = await import("@/lib/flows/inactivity");
  registerScheduledJob(INACTIVITY_JOB);
  registerScheduledJob((await import("@/lib/services/delivery-worker")).DELIVERY_JOB);
  registerScheduledJob((await import("@/lib/flows/access-reviews")).ACCESS_REVIEW_JOB);
  registerScheduledJob((await import("@/lib/flows/retention")).RETENTION_JOB);
  // Connected services: access checks and grant expiries on the queue, the minute's sweep, and
  // at start the group files compared with the last start's (lib/services/policy-watch.ts).
  const { registerQueueWorker } = await import("@/lib/jobs/scheduled");
  const { ACCESS_CHECK_WORKER } = await import("@/lib/services/access-end");
  const { GRANT_EXPIRY_WORKER, SERVICE_ACCESS_SWEEP } = await import("@/lib/flows/service-grants");
  registerQueueWorker(ACCESS_CHECK_WORKER);
  registerQueueWorker(GRANT_EXPIRY_WORKER);
  registerScheduledJob(SERVICE_ACCESS_SWEEP);
  keepStartingMailWorker();
  const { startMailWorker } = await import("@/lib/jobs/mail-worker");
  const { watchServicePoliciesAtStart } = await import("@/lib/services/policy-watch");
  const { signingKeys } = await import("@/lib/services/signing-keys");
  void startMailWorker()
    .catch(() => undefined)
    .then(() => watchServicePoliciesAtStart())
    .catch(() => undefined)
    // The provider's first signing key is made at start, not by whichever request first needs one
    // (a GET would otherwise write it).
    .then(() => signingKeys())
    .catch(() => undefined);
  // The OpenID Provider for connected services: scripts/server.mjs hands /oidc/* to this handler
  // (lib/services/oidc-provider.ts). Registered on globalThis: this runs in the server's own process.
  const { registerOidcHandler } = await import("@/lib/services/oidc-provider");
  registerOidcHandler();
}

/** Errors pages, routes and actions throw: one JSON line in the log, with the route (lib/ops/log.ts). */
export const onRequestError: Instrumentation.onRequestError = async (err, request, context) => {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { logRequestError } = await import("@/lib/ops/log");
  logRequestError(err, request, context);
};
