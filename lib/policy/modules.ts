// Per-municipality module switches, read per request (a tiny indexed query) so that switching a
// module off takes effect at once on every app server.
import "server-only";
import { db } from "@/lib/db";
import type { ModuleSwitches } from "./ability";

export async function loadModuleSwitches(): Promise<ModuleSwitches> {
  const rows = await db.municipality.findMany({ where: { NOT: { disabledModules: { isEmpty: true } } }, select: { id: true, disabledModules: true } });
  return Object.fromEntries(rows.map((r) => [r.id, r.disabledModules]));
}
