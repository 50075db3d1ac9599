// npm run db:backup [-- --out <file>]
// npm run db:restore -- <file> [--replace]
//
// A consistent backup of the app's database while the app runs, and its restore (how, and what a
// backup holds: scripts/lib/backup.ts). Works on the embedded database (started for the command
// when it is not running) and on DATABASE_URL alike. After a restore the audit trail is verified
// with AUDIT_KEY (lib/audit/verify.ts). Exit codes: 0 done, 1 refused or failed (nothing changed).
import path from "node:path";
import { appDatabaseUrl, openDatabaseServer } from "./lib/database.ts";
import { localAuditKey, localAuthSecret } from "./lib/local-secrets.ts";
import { backupDatabase, restoreDatabase, RestoreRefused, type BackupKeys } from "./lib/backup.ts";
import { withPrisma } from "./lib/seed-runner.ts";
import type { AuditReader } from "../lib/audit/verify.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const [command, ...args] = process.argv.slice(2);
const log = (s: string) => console.log(`[gatehouse] ${s}`);
const USAGE = "usage: npm run db:backup [-- --out <file>] | npm run db:restore -- <file> [--replace]";

function parse(): { out?: string; file?: string; replace: boolean } {
  const rest = [...args];
  let out: string | undefined;
  let file: string | undefined;
  let replace = false;
  while (rest.length) {
    const a = rest.shift()!;
    if (command === "backup" && a === "--out" && rest[0]) out = rest.shift();
    else if (command === "backup" && a.startsWith("--out=")) out = a.slice(6);
    else if (command === "restore" && a === "--replace") replace = true;
    else if (command === "restore" && !a.startsWith("-") && !file) file = a;
    else throw new RestoreRefused(`unknown argument ${a}. ${USAGE}`);
  }
  if (command === "restore" && !file) throw new RestoreRefused(`which backup file? ${USAGE}`);
  return { out, file, replace };
}

function stamp(d = new Date()): string {
  return d
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
}

const server = await openDatabaseServer();
let code = 0;
try {
  if (command !== "backup" && command !== "restore") throw new RestoreRefused(USAGE);
  const { out, file, replace } = parse();
  const url = await appDatabaseUrl(server);
  // The keys are never in a backup; their fingerprints are, so a restore with other keys is refused.
  const keys: BackupKeys = {
    auditKey: process.env.AUDIT_KEY ?? (server.embedded ? localAuditKey() : undefined),
    authSecret: process.env.AUTH_SECRET ?? (server.embedded ? localAuthSecret() : undefined),
  };
  if (command === "backup") {
    const target = path.resolve(out ?? path.join(ROOT, ".data/backups", `gatehouse-${stamp()}.backup.gz`));
    const r = await backupDatabase({ url, file: target, keys, log });
    log(`written to ${target} (${(r.bytes / 1048576).toFixed(1)} MiB, the database as of ${r.manifest.createdAt})`);
    if (!keys.auditKey || !keys.authSecret)
      log("AUDIT_KEY or AUTH_SECRET is not set here: keep both with the backup's owner, apart from the backup");
  } else {
    const r = await restoreDatabase({ url, file: path.resolve(file!), replace, keys, log });
    if (r.upgraded.length) log(`upgraded after loading: ${r.upgraded.join(", ")}`);
    process.env.DATABASE_URL = url;
    if (keys.auditKey) process.env.AUDIT_KEY = keys.auditKey;
    const { verifyAuditChain } = await import("../lib/audit/verify.ts");
    const report = await withPrisma(url, (p) =>
      verifyAuditChain({ client: p as unknown as AuditReader, key: keys.auditKey }),
    );
    if (report.ok) log(`audit trail intact: ${report.events} events verified`);
    else {
      console.error(
        `[gatehouse] the restored audit trail is BROKEN at event #${report.brokenAtSeq}: ${report.problem}`,
      );
      code = 1;
    }
    log(
      `the database is as of ${r.manifest.createdAt}. \`npm run audit:verify\` compares it with its checkpoint: an older backup is a rollback it reports — remove this database's entry from the checkpoint file once you have confirmed the restore`,
    );
  }
} catch (err) {
  console.error(`[gatehouse] ${err instanceof RestoreRefused ? "refused: " : ""}${(err as Error).message}`);
  code = 1;
} finally {
  await server.stop();
}
process.exit(code);
