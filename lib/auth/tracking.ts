// A tracking link as a principal: the token (a secret in the URL, checked by its hash) names one
// follower of one request in one municipality; a valid, unexpired link becomes an anonymous
// principal with trackedRequestId, so the public-scope citizen group's `$tracking.requestId` rules
// (policies/groups/citizen.yaml) decide what it sees. A wrong, expired or other municipality's
// token gives null, and the page answers the same neutral words for all three.
import "server-only";
import type { Viewer } from "@/lib/identity/viewer";
import type { AnonymousPrincipal } from "@/lib/identity/principal";
import { buildAbility } from "@/lib/policy/ability";
import { loadModuleSwitches } from "@/lib/data/module-switches";
import { unsafeFollowerByToken } from "@/lib/data/request-followers";

export type TrackingAccess = { viewer: Viewer; followerId: string; subscribed: boolean };

export async function trackingViewer(municipalityId: string, token: string): Promise<TrackingAccess | null> {
  const follower = await unsafeFollowerByToken(municipalityId, token);
  if (!follower) return null;
  const principal: AnonymousPrincipal = { kind: "anonymous", trackedRequestId: follower.requestId };
  return {
    viewer: { principal, ability: buildAbility(principal, { modules: await loadModuleSwitches() }) },
    followerId: follower.id,
    subscribed: follower.unsubscribedAt === null,
  };
}
