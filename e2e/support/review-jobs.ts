// Runs the access-review jobs (closing campaigns past their due date, reminders) at a chosen
// moment — the controlled clock of e2e/access-reviews.spec.ts — through lib's own job code in a
// child process (e2e/support/run-review-jobs.main.ts), as create-api-token.ts runs lib code.
import { spawnSync } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** The review jobs of one municipality as if the clock said `now`; returns what the job printed. */
export function runReviewJobsAt(now: Date, municipalityId: string): string {
  const r = spawnSync(
    path.join(ROOT, "node_modules/.bin/tsx"),
    [
      "--conditions=react-server",
      path.join(ROOT, "e2e/support/run-review-jobs.main.ts"),
      "--now",
      now.toISOString(),
      "--municipality",
      municipalityId,
    ],
    { cwd: ROOT, env: process.env, encoding: "utf8", timeout: 120_000 },
  );
  if (r.status !== 0) throw new Error(`the review jobs failed: ${r.stderr || r.stdout}`);
  return r.stdout;
}
