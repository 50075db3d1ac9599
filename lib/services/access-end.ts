// Ending access everywhere (seed 003, "Removing access"): after any change that may end a person's
// access to a service, the person's services are checked again and each one they lost is cut — the
// link ended, their provider sessions and refresh tokens there ended, a back-channel logout token
// and an `access.revoked` webhook queued — in the transaction of the change itself.
//
// FOUNDATION STUB — helper "access" implements it. The signatures are the contract the flows and
// the console code against.
import "server-only";
import type { DataTx } from "@/lib/data/tx";
import type { MembershipStatus } from "@/lib/generated/prisma/enums";

/**
 * Checks the person's services again (all of them, or only `serviceIds`) and cuts each one they no
 * longer may use. Call it inside the transaction of the change, after the change is written; call
 * kickServiceDeliveries() after the commit.
 */
export async function endLostAccess(
  tx: DataTx,
  userId: string,
  reason: string,
  serviceIds?: string[],
): Promise<{ ended: string[] }> {
  void tx;
  void userId;
  void reason;
  void serviceIds;
  return { ended: [] };
}

/** A service disabled: everyone who uses it is cut. */
export async function endAccessForService(tx: DataTx, serviceId: string, reason: string): Promise<{ ended: number }> {
  void tx;
  void serviceId;
  void reason;
  return { ended: 0 };
}

/**
 * A source that many people hold stopped granting a service (a group file, a membership state):
 * checks only those people and that service, in batches, with progress in an AccessCheck row.
 */
export async function startAccessCheck(input: {
  serviceId: string;
  reason: string;
  group?: string;
  state?: MembershipStatus;
  requestedById?: string;
}): Promise<{ id: string }> {
  void input;
  return { id: "" };
}
