// Principal → Viewer (principal + ability). The only way lib/data gets an ability.
import "server-only";
import { buildAbility } from "@/lib/policy/ability";
import { moduleSwitchesFor } from "@/lib/policy/modules";
import type { Viewer } from "@/lib/data/viewer";
import type { Principal } from "./principal";

export async function viewerFor(principal: Principal): Promise<Viewer> {
  return { principal, ability: buildAbility(principal, { modules: await moduleSwitchesFor(principal) }) };
}

/** The staff view: only what the person's groups grant, without the public group's rules. */
export async function staffViewerFor(principal: Principal): Promise<Viewer> {
  return { principal, ability: buildAbility(principal, { modules: await moduleSwitchesFor(principal), includePublic: false }) };
}
