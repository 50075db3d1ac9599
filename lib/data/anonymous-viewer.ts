// The one anonymous viewer: the public group's rules with the current module switches, the same
// for everybody. It takes nothing from the request, so lib/data may build it itself (the district
// suggestions in municipalities.ts); lib/auth returns it for a caller who is not signed in, and
// the portal and the public API use it directly.
import "server-only";
import { ANONYMOUS } from "@/lib/identity/principal";
import type { Viewer } from "@/lib/identity/viewer";
import { buildAbility } from "@/lib/policy/ability";
import { loadModuleSwitches } from "./module-switches";

export async function anonymousViewer(): Promise<Viewer> {
  return { principal: ANONYMOUS, ability: buildAbility(ANONYMOUS, { modules: await loadModuleSwitches() }) };
}
