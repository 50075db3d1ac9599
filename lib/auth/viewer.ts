// Principal → Viewer (principal + ability). The only way lib/data gets an ability for a signed-in
// caller; a caller who is not signed in gets lib/data's one anonymous viewer.
import "server-only";
import { anonymousViewer } from "@/lib/data/anonymous-viewer";
import { loadModuleSwitches } from "@/lib/data/module-switches";
import type { Principal } from "@/lib/identity/principal";
import type { Viewer } from "@/lib/identity/viewer";
import { buildAbility, type ModuleSwitches } from "@/lib/policy/ability";

// Module switches read together with a principal (lib/auth/load-principal.ts), keyed by the
// principal object itself: a principal lives for one request, so the switches are exactly as
// fresh as the memberships read with them, and vanish with it.
const withPrincipal = new WeakMap<object, ModuleSwitches>();

export function rememberModuleSwitches(principal: object, switches: ModuleSwitches): void {
  withPrincipal.set(principal, switches);
}

/** The switches read together with this principal, or a fresh read. */
async function moduleSwitchesFor(principal: object): Promise<ModuleSwitches> {
  return withPrincipal.get(principal) ?? loadModuleSwitches();
}

export async function viewerFor(principal: Principal): Promise<Viewer> {
  if (principal.kind === "anonymous") return anonymousViewer();
  return { principal, ability: buildAbility(principal, { modules: await moduleSwitchesFor(principal) }) };
}

/** The staff view: only what the person's groups grant, without the public group's rules. */
export async function staffViewerFor(principal: Principal): Promise<Viewer> {
  return {
    principal,
    ability: buildAbility(principal, { modules: await moduleSwitchesFor(principal), includePublic: false }),
  };
}
