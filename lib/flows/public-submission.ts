// A citizen's report from the public portal: rate-limited per IP and guarded by a honeypot,
// then created through lib/data with the caller's own ability (the public group's create rule).
import "server-only";
import { hitRateLimit } from "@/lib/rate-limit";
import { recordsOf } from "@/lib/data/record-store";
import { AppError } from "@/lib/errors";
import type { Viewer } from "@/lib/identity/viewer";
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

export async function submitPublicReport(
  viewer: Viewer,
  input: Record<string, unknown> & { website?: string },
  ip: string,
  photoFiles: readonly Uint8Array[] = [],
): Promise<{ reference: string | null }> {
  const rl = await hitRateLimit(`submit:ip:${ip}`, SUBMISSIONS_PER_IP.limit, SUBMISSIONS_PER_IP.windowSeconds);
  if (!rl.allowed) throw new RateLimitedError(rl.retryAfterSeconds);
  const { website, ...report } = input;
  // A filled honeypot means a bot: answer as if accepted, store nothing.
  if (website) return { reference: null };
  // Photos are checked and re-encoded first, and stored in the report's own transaction.
  const photos = await processPhotos(photoFiles);
  const created = await storeAtomically(storage(), (put) =>
    recordsOf("ServiceRequest").create(viewer, report, { within: reportPhotosWriter(viewer, photos, put) }),
  );
  return { reference: created.reference ?? null };
}
