// Runs once when a server starts: the mail worker lives in every Node server process; pg-boss
// coordinates them through PostgreSQL. Not awaited: a database that is down at start must not keep
// the server from answering (it answers 503 until PostgreSQL is back, and the worker starts then).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { keepStartingMailWorker } = await import("@/lib/jobs/mail-worker");
  keepStartingMailWorker();
}
