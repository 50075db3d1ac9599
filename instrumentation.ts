// Runs once when a server starts: the mail worker lives in every Node server process; pg-boss
// coordinates them through PostgreSQL.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startMailWorker } = await import("@/lib/jobs/mail-worker");
  await startMailWorker().catch((e: unknown) => console.error("[mail] worker did not start", e));
}
