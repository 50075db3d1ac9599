// The approval queue (docs/requirements.md#municipal-platform): approve or reject with a reason; both mail the person; a
// rejected request can be re-opened. One transaction + audit + outbox mail each. Nobody decides on
// their own request (a platform admin with a pending membership included), and a decision is
// refused if the deciding admin's own access changed since their request began.
import "server-only";
import { deprecatedGroupsProblem } from "@/lib/policy/grantable";
import { db } from "@/lib/db";
import { enqueueMail } from "@/lib/mail/outbox";
import { approvedMail, rejectedMail } from "@/lib/mail/templates";
import { kickMailer } from "@/lib/jobs/mail-worker";
import { ForbiddenError, isAppError, ValidationError } from "@/lib/errors";
import { accessibleBy, subjectOf } from "@/lib/policy/casl";
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
  // Approving makes the requested groups work: a deprecated one must be changed first.
  const problem = deprecatedGroupsProblem(m.groups, []);
  if (problem)
    throw new ValidationError(`${problem} Change this person's groups before approving.`, { groups: [problem] });
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

/** One row of a bulk decision: what happened to this request, in words the queue shows. */
export type BulkDecisionRow = {
  membershipId: string;
  email: string;
  outcome: "approved" | "rejected" | "refused";
  reason?: string;
};

export const MAX_BULK_DECISIONS = 100;

/**
 * Approves or rejects several requests of one municipality's queue, each through the same flow
 * as one click (its own transaction, mail and audit; the two-person and no-self-decision rules
 * and the approve/reject race hold per row). A row refused for any reason is reported with it and
 * the others go on. A rejection's reason is checked once, before anything is decided.
 */
export async function decideMemberships(
  viewer: Viewer,
  municipalityId: string,
  membershipIds: string[],
  decision: "approve" | "reject",
  reasonRaw: string,
): Promise<BulkDecisionRow[]> {
  const ids = [...new Set(membershipIds.map((id) => id.slice(0, 64)))];
  if (ids.length === 0)
    throw new ValidationError("Select at least one person.", { membershipIds: ["Select at least one person."] });
  if (ids.length > MAX_BULK_DECISIONS)
    throw new ValidationError(`At most ${MAX_BULK_DECISIONS} at once.`, {
      membershipIds: [`At most ${MAX_BULK_DECISIONS} at once.`],
    });
  // Someone who may not decide here at all is refused outright, not with a report of refusals.
  if (!viewer.ability.can("approve", subjectOf("Membership", { municipalityId, status: "PENDING_APPROVAL" })))
    throw new ForbiddenError("You may not approve members here.");
  const reason = decision === "reject" ? parseReason(reasonInput, reasonRaw) : "";
  // Addresses for the report, of the requests in reach in this municipality only.
  const known = await db.membership.findMany({
    where: { AND: [accessibleBy(viewer.ability, "read").ofType("Membership"), { id: { in: ids }, municipalityId }] },
    select: { id: true, user: { select: { email: true } } },
  });
  const rows: BulkDecisionRow[] = [];
  for (const id of ids) {
    const email = known.find((k) => k.id === id)?.user.email;
    if (!email) {
      rows.push({ membershipId: id, email: "", outcome: "refused", reason: "Not found in this queue." });
      continue;
    }
    try {
      if (decision === "approve") await approveMembership(viewer, id);
      else await rejectMembership(viewer, id, reason);
      rows.push({ membershipId: id, email, outcome: decision === "approve" ? "approved" : "rejected" });
    } catch (e) {
      if (!isAppError(e)) throw e;
      rows.push({ membershipId: id, email, outcome: "refused", reason: e.message });
    }
  }
  return rows;
}
