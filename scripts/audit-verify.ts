// npm run audit:verify — checks the audit trail's hash chain in the app's database
// (embedded, or DATABASE_URL). Exit code 1 when any event was edited or removed.
import { appDatabaseUrl, openDatabaseServer } from "./lib/database.ts";

const server = await openDatabaseServer();
process.env.DATABASE_URL ??= await appDatabaseUrl(server);
let code = 0;
try {
  const { verifyAuditChain } = await import("../lib/audit/verify.ts");
  const r = await verifyAuditChain();
  if (r.ok) console.log(`audit trail intact: ${r.events} events verified`);
  else {
    console.error(`audit trail BROKEN at event #${r.brokenAtSeq}: ${r.problem} (${r.events} events checked)`);
    code = 1;
  }
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  code = 2;
} finally {
  await server.stop();
}
process.exit(code);
