// Per-municipality module switches, read per request (a tiny query) so that switching a module
// off takes effect at once on every app server. lib/auth reads them in the same statement as the
// principal and hands them over with that principal object (rememberModuleSwitches); anyone else
// (the anonymous public, a principal built by hand) gets them from their own query.
import "server-only";
import { db } from "@/lib/db";
import type { ModuleSwitches } from "./ability";

/** Municipality id → modules switched off there, as the database returns it. */
export type ModuleSwitchRow = Record<string, string[]>;

export async function loadModuleSwitches(): Promise<ModuleSwitches> {
  const rows = await db.municipality.findMany({ where: { NOT: { disabledModules: { isEmpty: true } } }, select: { id: true, disabledModules: true } });
  return Object.fromEntries(rows.map((r) => [r.id, r.disabledModules]));
}

// Keyed by the principal object itself: a principal lives for one request, so the switches are
// exactly as fresh as the memberships read with them, and vanish with it.
const withPrincipal = new WeakMap<object, ModuleSwitches>();

export function rememberModuleSwitches(principal: object, switches: ModuleSwitches): void {
  withPrincipal.set(principal, switches);
}

/** The switches read together with this principal, or a fresh read. */
export async function moduleSwitchesFor(principal: object): Promise<ModuleSwitches> {
  return withPrincipal.get(principal) ?? loadModuleSwitches();
}
