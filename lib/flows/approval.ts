// The approval queue (docs/requirements.md#municipal-platform): approve or reject with a reason; both mail the person; a
// rejected request can be re-opened. One transaction + audit + outbox mail each. Nobody decides on
// their own request (a platform admin with a pending membership included), and a decision is
// refused if the deciding admin's own access changed since their request began.
import "server-only";
import { db } from "@/lib/db";
import { enqueueMail } from "@/lib/mail/outbox";
import { approvedMail, rejectedMail } from "@/lib/mail/templates";
import { kickMailer } from "@/lib/jobs/mail-worker";
import { ValidationError } from "@/lib/errors";
import { reasonInput } from "@/lib/schemas/people";
import { assertAccessCurrent } from "@/lib/data/access-version";
import type { Viewer } from "@/lib/identity/viewer";
import {
  actingUser,
  auditMembership,
  confirmActorAndBumpAccess,
  membershipToDecide,
  parseReason,
  refuseOwnMembership,
} from "./membership-tx";

async function pending(viewer: Viewer, membershipId: string, expect: "PENDING_APPROVAL" | "REJECTED") {
  const me = actingUser(viewer);
  const m = await membershipToDecide(viewer, membershipId, "approve", "You may not approve members here.");
  await refuseOwnMembership(
    me,
    m,
    "approval",
    "You cannot decide on your own membership request: another administrator must.",
  );
  if (m.status !== expect)
    throw new ValidationError(
      expect === "REJECTED" ? "Only a rejected request can be re-opened." : "This person is not waiting for approval.",
    );
  return { m, me };
}

export async function approveMembership(viewer: Viewer, membershipId: string): Promise<void> {
  const { m, me } = await pending(viewer, membershipId, "PENDING_APPROVAL");
  await db.$transaction(async (tx) => {
    // Conditional: approve and reject racing leave exactly one outcome.
    const r = await tx.membership.updateMany({
      where: { id: m.id, status: "PENDING_APPROVAL" },
      data: { status: "ACTIVE", approvedAt: new Date(), approvedById: me.userId, welcomeSentAt: new Date() },
    });
    if (r.count !== 1) throw new ValidationError("Someone else decided on this request first.");
    await confirmActorAndBumpAccess(tx, viewer, m.userId);
    await enqueueMail(tx, {
      to: m.user.email,
      userId: m.userId,
      municipalityId: m.municipalityId,
      ...approvedMail({ municipality: m.municipality.name }),
    });
    await auditMembership(tx, me, m, "membership.approve");
  });
  await kickMailer();
}

export async function rejectMembership(viewer: Viewer, membershipId: string, reasonRaw: string): Promise<void> {
  const reason = parseReason(reasonInput, reasonRaw);
  const { m, me } = await pending(viewer, membershipId, "PENDING_APPROVAL");
  await db.$transaction(async (tx) => {
    const r = await tx.membership.updateMany({
      where: { id: m.id, status: "PENDING_APPROVAL" },
      data: { status: "REJECTED", rejectedAt: new Date(), rejectedById: me.userId, rejectionReason: reason },
    });
    if (r.count !== 1) throw new ValidationError("Someone else decided on this request first.");
    await assertAccessCurrent(tx, viewer);
    await enqueueMail(tx, {
      to: m.user.email,
      userId: m.userId,
      municipalityId: m.municipalityId,
      ...rejectedMail({ municipality: m.municipality.name, reason }),
    });
    await auditMembership(tx, me, m, "membership.reject", { reason });
  });
  await kickMailer();
}

export async function reopenMembership(viewer: Viewer, membershipId: string): Promise<void> {
  const { m, me } = await pending(viewer, membershipId, "REJECTED");
  await db.$transaction(async (tx) => {
    await tx.membership.update({
      where: { id: m.id },
      data: { status: "PENDING_APPROVAL", rejectedAt: null, rejectedById: null, rejectionReason: null },
    });
    await assertAccessCurrent(tx, viewer);
    await auditMembership(tx, me, m, "membership.reopen");
  });
}
