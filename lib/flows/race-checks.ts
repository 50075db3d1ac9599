// Judges for the concurrency tests (never imported by the app). Each takes what a race produced
// and lists what is wrong — an empty list means one outcome won and nothing was half-written.
// They are plain functions so every race suite can also feed them the outcome of a deliberately
// broken implementation (a read-check-write without lock or version) and show that they object.
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";

export type Settled = PromiseSettledResult<unknown>;

/** A refusal a racing loser may get: a conflict, "someone else decided first", or not found. */
export const isConflict = (e: unknown) => e instanceof ConflictError;
export const isDecidedFirst = (e: unknown) => e instanceof ValidationError || e instanceof ConflictError;
export const isNotFound = (e: unknown) => e instanceof NotFoundError;

/** Exactly one racing call succeeded; every other one got an expected refusal. */
export function singleWinner(results: Settled[], isRefusal: (e: unknown) => boolean): string[] {
  const problems: string[] = [];
  const won = results.filter((r) => r.status === "fulfilled").length;
  if (won !== 1) problems.push(`${won} of ${results.length} racing calls succeeded; exactly one must`);
  for (const r of results) {
    if (r.status === "rejected" && !isRefusal(r.reason))
      problems.push(`a loser failed unexpectedly: ${String(r.reason)}`);
  }
  return problems;
}

/** Side effects that must exist exactly as often as the outcome happened (audit events, mails, rows). */
export function exactCounts(counts: Record<string, [actual: number, expected: number]>): string[] {
  return Object.entries(counts)
    .filter(([, [a, e]]) => a !== e)
    .map(([name, [a, e]]) => `${name}: ${a}, expected ${e}`);
}

/** The stored fields are one candidate's change in full — the winner's — never a mix. */
export function wholeWinner(
  results: Settled[],
  candidates: Record<string, unknown>[],
  stored: Record<string, unknown>,
): string[] {
  const winners = results.flatMap((r, i) => (r.status === "fulfilled" ? [i] : []));
  if (winners.length !== 1) return [`${winners.length} winners; cannot name the change that must be stored`];
  const want = candidates[winners[0]!]!;
  const got = Object.fromEntries(Object.keys(want).map((k) => [k, stored[k]]));
  return JSON.stringify(got) === JSON.stringify(want)
    ? []
    : [`stored ${JSON.stringify(got)} is not the winner's change ${JSON.stringify(want)}`];
}

/**
 * A write by a person racing the removal of their rights (group change, suspension,
 * deactivation). Serializable means: either the write committed before the removal (its audit
 * event comes first in the chain, which is appended under a transaction lock and so follows
 * commit order), or it was refused as not found and changed nothing.
 */
export function serializedWithRemoval(o: {
  write: Settled;
  writeSeq: bigint | null;
  removalSeq: bigint | null;
  changed: boolean;
}): string[] {
  if (o.removalSeq === null) return ["the removal did not happen"];
  if (o.write.status === "fulfilled") {
    const problems: string[] = [];
    if (!o.changed) problems.push("the write reported success but the record is unchanged");
    if (o.writeSeq === null) problems.push("the write reported success without its audit event");
    else if (o.writeSeq > o.removalSeq)
      problems.push("the write committed after the removal had committed, with the rights it removed");
    return problems;
  }
  const problems: string[] = [];
  if (!isNotFound(o.write.reason))
    problems.push(`the refused write failed with ${String(o.write.reason)} instead of "not found"`);
  if (o.changed || o.writeSeq !== null) problems.push("the refused write left a change or an audit event behind");
  return problems;
}

/**
 * A meeting point for `n` racers: each awaits it after its read, so all have read before any
 * writes. Used only by the deliberately broken implementations, to make their losing
 * interleaving certain instead of lucky.
 */
export function barrier(n: number): () => Promise<void> {
  let arrived = 0;
  let open: () => void = () => {};
  const all = new Promise<void>((resolve) => {
    open = resolve;
  });
  return () => {
    if (++arrived >= n) open();
    return all;
  };
}
