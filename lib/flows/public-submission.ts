// A citizen's report from the public portal: rate-limited per IP and guarded by a honeypot,
// then created through lib/data with the caller's own ability (the public group's create rule).
import "server-only";
import { hitRateLimit } from "@/lib/rate-limit";
import { recordsOf } from "@/lib/data/record-store";
import { followOwnReport } from "@/lib/data/citizen-reports";
import { AppError } from "@/lib/errors";
import type { Viewer } from "@/lib/identity/viewer";

export class RateLimitedError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super(
      `You have sent several reports in a short time. Please wait ${Math.ceil(retryAfterSeconds / 60)} minutes and try again.`,
      429,
      "RateLimitedError",
    );
  }
}

export const SUBMISSIONS_PER_IP = { limit: 5, windowSeconds: 15 * 60 };

export async function submitPublicReport(
  viewer: Viewer,
  input: Record<string, unknown> & { website?: string },
  ip: string,
): Promise<{ reference: string | null }> {
  const rl = await hitRateLimit(`submit:ip:${ip}`, SUBMISSIONS_PER_IP.limit, SUBMISSIONS_PER_IP.windowSeconds);
  if (!rl.allowed) throw new RateLimitedError(rl.retryAfterSeconds);
  const { website, ...report } = input;
  // A filled honeypot means a bot: answer as if accepted, store nothing.
  if (website) return { reference: null };
  // A citizen account files it as theirs (policies/groups/citizen.yaml reads it by reporterUserId) and follows it.
  const citizen = viewer.principal.kind === "user" && viewer.principal.isCitizen ? viewer.principal.userId : null;
  const created = await recordsOf("ServiceRequest").create(viewer, report, citizen ? { reporterUserId: citizen } : {});
  if (citizen && typeof created.id === "string") await followOwnReport(viewer, created.id);
  return { reference: created.reference ?? null };
}
