// A citizen's report from the public portal: rate-limited per IP and guarded by a honeypot,
// then created through lib/data with the caller's own ability (the public group's create rule).
// With "Email me updates" ticked, the reporter's address follows the report and gets its tracking
// mail, in the report's own transaction (./request-tracking.ts).
import "server-only";
import { hitRateLimit } from "@/lib/rate-limit";
import { recordsOf } from "@/lib/data/record-store";
import { requestTimeline } from "./request-casework";
import { followOwnReport } from "@/lib/data/citizen-reports";
import { AppError, ValidationError } from "@/lib/errors";
import { kickMailer } from "@/lib/jobs/mail-worker";
import type { Tx } from "./tx";
import type { Viewer } from "@/lib/identity/viewer";
import { followAndMail } from "./request-tracking";
import { processPhotos } from "@/lib/photos";
import { storage, storeAtomically } from "@/lib/storage";
import { reportPhotosWriter } from "@/lib/data/request-photos";

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

/** The confirmation: the reference, and the tracking link's path when the reporter asked for updates. */
export type SubmittedReport = { reference: string | null; trackingPath?: string };

export async function submitPublicReport(
  viewer: Viewer,
  input: Record<string, unknown> & { website?: string; followUpdates?: boolean },
  ip: string,
  photoFiles: readonly Uint8Array[] = [],
): Promise<SubmittedReport> {
  const rl = await hitRateLimit(`submit:ip:${ip}`, SUBMISSIONS_PER_IP.limit, SUBMISSIONS_PER_IP.windowSeconds);
  if (!rl.allowed) throw new RateLimitedError(rl.retryAfterSeconds);
  const { website, followUpdates, ...report } = input;
  // A filled honeypot means a bot: answer as if accepted, store nothing.
  if (website) return { reference: null };
  const email = typeof report.reporterEmail === "string" ? report.reporterEmail.trim() : "";
  if (followUpdates && !email)
    throw new ValidationError("Enter your email address to get updates.", {
      reporterEmail: ["Enter your email address to get updates, or untick “Email me updates”."],
    });
  // Photos are checked and re-encoded first, and stored in the report's own transaction, with the
  // reporter's tracking follower and its mail.
  const photos = await processPhotos(photoFiles);
  // A citizen account files it as theirs (policies/groups/citizen.yaml reads it by reporterUserId) and follows it.
  const citizen = viewer.principal.kind === "user" && viewer.principal.isCitizen ? viewer.principal.userId : null;
  let trackingPath: string | undefined;
  const created = await storeAtomically(storage(), (put) => {
    const storePhotos = reportPhotosWriter(viewer, photos, put);
    return recordsOf("ServiceRequest").create(
      viewer,
      report,
      requestTimeline,
      async (tx, row) => {
        await storePhotos(tx, row);
        if (followUpdates) trackingPath = await followAndMail(tx as Tx, row, email);
      },
      citizen ? { reporterUserId: citizen } : {},
    );
  });
  if (citizen && typeof created.id === "string") await followOwnReport(viewer, created.id);
  if (trackingPath) await kickMailer();
  return { reference: created.reference ?? null, ...(trackingPath ? { trackingPath } : {}) };
}
