// npm run audit:verify [-- --checkpoint=<file> | --no-checkpoint] [-- --seal]
//
// Checks the audit trail of the app's database (embedded, or DATABASE_URL) with AUDIT_KEY (the
// embedded setup's key from .data/secrets.json): every event's HMAC, every link, and the signed
// head, so edits, removals and a removed tail are found (lib/audit/verify.ts). Exit code 1 when the
// trail is broken, 2 when it could not be checked.
//
// The checkpoint: after a clean run this script records where the trail ended (seq + hash, MAC'd
// with the key) in a file outside the database — default .data/audit-checkpoint.json, one entry
// per database — and every later run requires the trail to still contain that event. That is
// what catches a database rolled back as a whole (tail removed and an earlier, genuinely signed
// head put back), which the head alone cannot. Only this script writes it, on the machine that
// runs it (an operator's or a scheduled job's), so app servers share nothing but PostgreSQL.
//
// --seal: vouch for the trail as it is now (lib/audit/seal.ts) — once after upgrading a database
// from the unkeyed chain by other means than `npm start`/`npm run db:migrate`, or after an
// investigated break. It re-verifies every link first and leaves an `audit.seal` event.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { appDatabaseUrl, openDatabaseServer } from "./lib/database.ts";
import { localAuditKey } from "./lib/local-secrets.ts";
import { withPrisma } from "./lib/seed-runner.ts";

const args = process.argv.slice(2);
const seal = args.includes("--seal");
const checkpointArg = args.find((a) => a.startsWith("--checkpoint="))?.slice("--checkpoint=".length);
const checkpointFile = args.includes("--no-checkpoint")
  ? undefined
  : path.resolve(checkpointArg ?? path.join(import.meta.dirname, "../.data/audit-checkpoint.json"));
const unknown = args.filter((a) => a !== "--seal" && a !== "--no-checkpoint" && !a.startsWith("--checkpoint="));
if (unknown.length) {
  console.error(
    `unknown argument ${unknown[0]}. Usage: npm run audit:verify [-- --checkpoint=<file> | --no-checkpoint] [--seal]`,
  );
  process.exit(2);
}

type CheckpointFile = { databases: Record<string, { seq: string; hash: string; at: string; mac: string }> };

/** Which database a checkpoint belongs to: host, port and name, never the credentials. */
function databaseId(url: string): string {
  const u = new URL(url);
  return `${u.hostname}:${u.port || "5432"}${u.pathname}`;
}

function readCheckpoints(file: string): CheckpointFile {
  if (!existsSync(file)) return { databases: {} };
  const parsed = JSON.parse(readFileSync(file, "utf8")) as Partial<CheckpointFile>;
  return { databases: parsed.databases ?? {} };
}

const server = await openDatabaseServer();
let code = 0;
try {
  const url = process.env.DATABASE_URL ?? (await appDatabaseUrl(server));
  process.env.DATABASE_URL = url;
  if (!process.env.AUDIT_KEY && server.embedded) process.env.AUDIT_KEY = localAuditKey();
  const { auditKey } = await import("../lib/env.ts");
  const key = auditKey();
  const { checkpointMac, sameMac } = await import("../lib/audit/record.ts");
  const { verifyAuditChain } = await import("../lib/audit/verify.ts");
  const id = databaseId(url);

  if (seal) {
    const { sealAuditTrail } = await import("../lib/audit/seal.ts");
    const r = await withPrisma(url, (p) =>
      sealAuditTrail(p, { key, reason: "sealed by hand: npm run audit:verify -- --seal" }),
    );
    if (r.ok)
      console.log(
        `audit trail sealed at event #${r.sealedAtSeq}: ${r.events} events verified (${r.legacyEvents} from before the keyed chain)`,
      );
    else {
      console.error(`audit trail NOT sealed: it is broken at event #${r.brokenAtSeq}: ${r.problem}`);
      code = 1;
    }
  }

  if (code === 0) {
    const saved = checkpointFile ? readCheckpoints(checkpointFile) : { databases: {} };
    const cp = saved.databases[id];
    if (cp && !sameMac(cp.mac, checkpointMac(key, { database: id, seq: cp.seq, hash: cp.hash }))) {
      console.error(`the checkpoint in ${checkpointFile} for ${id} was altered, or was written with another AUDIT_KEY`);
      code = 1;
    } else {
      const r = await verifyAuditChain({ key, checkpoint: cp ? { seq: cp.seq, hash: cp.hash } : undefined });
      if (r.ok) {
        console.log(
          `audit trail intact: ${r.events} events verified${r.legacyEvents ? ` (${r.legacyEvents} from before the keyed chain)` : ""}${cp ? `, still containing event #${cp.seq} of the last verification` : ""}`,
        );
        if (checkpointFile && r.head) {
          saved.databases[id] = {
            ...r.head,
            at: new Date().toISOString(),
            mac: checkpointMac(key, { database: id, ...r.head }),
          };
          mkdirSync(path.dirname(checkpointFile), { recursive: true });
          writeFileSync(`${checkpointFile}.tmp`, JSON.stringify(saved, null, 2), { mode: 0o600 });
          renameSync(`${checkpointFile}.tmp`, checkpointFile);
        }
      } else {
        console.error(
          `audit trail BROKEN at event #${r.brokenAtSeq ?? "?"}: ${r.problem} (${r.events} events checked)`,
        );
        if (cp)
          console.error(
            `(compared with the checkpoint in ${checkpointFile}; if this database was recreated on purpose, remove its entry "${id}" there)`,
          );
        code = 1;
      }
    }
  }
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  code = 2;
} finally {
  await server.stop();
}
process.exit(code);
