// "Is this the same problem?" on the public report form: rate-limited per IP (each question is a
// query, and a scraper could otherwise walk the map with it), then answered through lib/data with
// the public group's view — the one the public request pages it links to show.
import "server-only";
import { hitRateLimit } from "@/lib/rate-limit";
import { anonymousViewer } from "@/lib/data/anonymous-viewer";
import { findMunicipalityBySlug } from "@/lib/data/municipalities";
import { possibleDuplicates, type DuplicateQuery, type MapMarker } from "@/lib/data/request-map";
import { AppError, NotFoundError } from "@/lib/errors";

export const DUPLICATE_CHECKS_PER_IP = { limit: 60, windowSeconds: 10 * 60 };

export class TooManyChecksError extends AppError {
  constructor() {
    super(
      "Too many checks for similar reports in a short time. Please wait a few minutes and try again.",
      429,
      "RateLimitedError",
    );
  }
}

export async function checkForDuplicates(
  { slug, ...query }: Omit<DuplicateQuery, "municipalityId"> & { slug: string },
  ip: string,
): Promise<(MapMarker & { metres: number })[]> {
  const rl = await hitRateLimit(
    `duplicates:ip:${ip}`,
    DUPLICATE_CHECKS_PER_IP.limit,
    DUPLICATE_CHECKS_PER_IP.windowSeconds,
  );
  if (!rl.allowed) throw new TooManyChecksError();
  const m = await findMunicipalityBySlug(slug);
  if (!m) throw new NotFoundError();
  return possibleDuplicates(await anonymousViewer(), { ...query, municipalityId: m.id });
}
