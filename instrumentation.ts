// Runs once when a server starts: the mail worker (and the scheduled jobs on its queue, such as
// suspending inactive accounts) lives in every Node server process; pg-boss coordinates them
// through PostgreSQL. Not awaited: a database that is down at start must not keep
// the server from answering (it answers 503 until PostgreSQL is back, and the worker starts then).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { keepStartingMailWorker } = await import("@/lib/jobs/mail-worker");
  const { registerScheduledJob } = await import("@/lib/jobs/scheduled");
  // Scheduled jobs ride on the mail worker's pg-boss (lib/jobs/scheduled.ts): register, then start.
  const { INACTIVITY_JOB } = await import("@/lib/flows/inactivity");
  registerScheduledJob(INACTIVITY_JOB);
  registerScheduledJob((await import("@/lib/services/delivery-worker")).DELIVERY_JOB);
  keepStartingMailWorker();
  // The OpenID Provider for connected services: scripts/server.mjs hands /oidc/* to this handler
  // (lib/services/oidc-provider.ts). Registered on globalThis: this runs in the server's own process.
  const { registerOidcHandler } = await import("@/lib/services/oidc-provider");
  registerOidcHandler();
}
