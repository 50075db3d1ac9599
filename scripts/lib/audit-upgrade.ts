// The upgrade from the unkeyed audit chain (hashVersion 1, no signed head) to the keyed one: the
// run that applies the keyed-chain migration seals the events already there, with the key, after
// re-verifying their unkeyed chain (lib/audit/seal.ts). Only that run: a database that merely
// lacks a head later is a removed head, not an upgrade, and `npm run audit:verify` says so.
// Databases migrated by other means (`prisma migrate deploy`) are sealed once by hand:
// `npm run audit:verify -- --seal`.
import { withPrisma } from "./seed-runner.ts";

export const KEYED_CHAIN_MIGRATION = "20261201083128_audit_keyed_chain";

export async function sealAfterUpgrade(
  url: string,
  applied: string[],
  key: string | undefined,
  log: (s: string) => void,
): Promise<void> {
  if (!applied.includes(KEYED_CHAIN_MIGRATION)) return;
  await withPrisma(url, async (p) => {
    if ((await p.auditEvent.count()) === 0) return;
    if (!key) {
      log(
        "the audit trail is now keyed, but AUDIT_KEY is not set: set it, then run `npm run audit:verify -- --seal` once",
      );
      return;
    }
    const { sealAuditTrail } = await import("../../lib/audit/seal.ts");
    const r = await sealAuditTrail(p, {
      key,
      reason: "upgrade to the keyed audit chain: the events before it were hashed without a key",
    });
    if (r.ok) log(`audit trail keyed: ${r.legacyEvents} earlier events verified and sealed (event #${r.sealedAtSeq})`);
    else
      log(
        `the audit trail from before this upgrade does NOT verify (event #${r.brokenAtSeq}: ${r.problem}); it was not sealed, and \`npm run audit:verify\` reports it`,
      );
  });
}
