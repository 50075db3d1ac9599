// One reference per request, the one every list shows (RIV-00046): the municipality slug's first
// three letters and a number from the municipality's own counter. The number is drawn by one
// atomic `UPDATE … RETURNING` inside the create's transaction, so two reports filed at the same
// moment wait on the counter's row lock and get consecutive numbers; a number already taken (an
// import, a reference typed into the seed) is skipped instead of failing the report.
import "server-only";
import type { DataTx } from "./tx";

/** Tries before giving up: only reached if thousands of numbers in a row were taken by hand. */
const MAX_SKIPS = 1000;

export function formatReference(slug: string, n: number): string {
  const prefix =
    slug
      .replace(/[^a-z0-9]/gi, "")
      .slice(0, 3)
      .toUpperCase() || "REQ";
  return `${prefix}-${String(n).padStart(5, "0")}`;
}

export type DrawnReference = { reference: string; reportsPublicAtOnce: boolean };

/**
 * The next free reference of the municipality, inside the caller's transaction (the counter's row
 * stays locked until it commits, so numbers are handed out in commit order without gaps unless a
 * create rolls back). Also returns the moderation setting read under the same lock.
 */
export async function drawRequestReference(tx: DataTx, municipalityId: string): Promise<DrawnReference> {
  for (let i = 0; i < MAX_SKIPS; i++) {
    const [row] = await tx.$queryRaw<{ n: number; slug: string; reportsPublicAtOnce: boolean }[]>`
      update "Municipality" set "requestCounter" = "requestCounter" + 1
      where id = ${municipalityId}
      returning "requestCounter" as n, slug, "reportsPublicAtOnce"`;
    if (!row) throw new Error("drawRequestReference: unknown municipality");
    const reference = formatReference(row.slug, Number(row.n));
    const taken = await tx.serviceRequest.findFirst({ where: { municipalityId, reference }, select: { id: true } });
    if (!taken) return { reference, reportsPublicAtOnce: row.reportsPublicAtOnce };
  }
  throw new Error("drawRequestReference: no free reference number");
}
