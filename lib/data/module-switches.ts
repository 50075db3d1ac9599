// Per-municipality module switches, read per request (a tiny query) so that switching a module
// off takes effect at once on every app server. lib/auth reads them in the same statement as the
// principal (lib/auth/load-principal.ts) and hands them over with that principal object; anyone
// else (the anonymous public, a principal built by hand) gets them from this query. The read
// lives here, not in lib/policy: lib/policy stays pure (rules in, ability out, no database).
import "server-only";
import { db } from "@/lib/db";
import type { ModuleSwitches } from "@/lib/policy/ability";

export async function loadModuleSwitches(): Promise<ModuleSwitches> {
  const rows = await db.municipality.findMany({
    where: { NOT: { disabledModules: { isEmpty: true } } },
    select: { id: true, disabledModules: true },
  });
  return Object.fromEntries(rows.map((r) => [r.id, r.disabledModules]));
}
