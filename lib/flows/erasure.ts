// Erasure of a person's personal data (docs/requirements.md#municipal-platform "remove sensitive data if required", GDPR art. 17)
// without deleting its history: the user row, memberships and every audit event stay, so records
// keep their history and the audit chain stays intact. Name, email (→ erased-<id>@invalid), phone,
// job title and picture are replaced; the account is deactivated for good (lib/flows/deactivation.ts
// refuses to reactivate an erased account): its sign-in links to identity providers (Account rows),
// sessions and pending sign-in tokens are deleted — an erased account must never be signed into
// again, and they hold personal data (subject ids, addresses, browsers) — API tokens are revoked,
// open invitations are revoked and mail that still names the person is blanked. Like suspension
// and deactivation it never removes the last active municipality admin and confirms the actor's
// access inside the transaction. One transaction with its audit event; no mail is sent (the
// address is gone, and a deactivated person gets no mail anyway).
import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { ConflictError, ForbiddenError, ValidationError, fieldValidationError } from "@/lib/errors";
import { reasonInput } from "@/lib/schemas/people";
import { assertAccessCurrent } from "@/lib/data/access-version";
import type { Viewer } from "@/lib/identity/viewer";
import { assertUserNotLastAdmin } from "./last-admin";
import { endLostAccess } from "@/lib/services/access-end";
import { kickServiceDeliveries } from "@/lib/services/deliveries";
import { accountInReach, actingUser, auditAccount } from "./membership-tx";
import { anonymiseReviewSnapshots } from "./review-snapshot";

export const erasedEmail = (userId: string) => `erased-${userId}@invalid`;

export const erasureInput = z
  .object({ reason: reasonInput, confirmEmail: z.string().trim().toLowerCase().max(200) })
  .strict();

export async function eraseUser(viewer: Viewer, userId: string, input: z.input<typeof erasureInput>): Promise<void> {
  const me = actingUser(viewer);
  const parsed = erasureInput.safeParse(input);
  if (!parsed.success) throw fieldValidationError("Please correct the marked fields.", parsed.error);
  if (userId === me.userId) throw new ForbiddenError("You cannot erase your own account.");
  const user = await accountInReach(
    viewer,
    userId,
    "This person also works elsewhere; ask a platform administrator to erase their data.",
  );
  if (user.erasedAt) throw new ConflictError("This person's data was already erased.");
  // Typing the address is the deliberate confirmation for an action that cannot be undone.
  if (parsed.data.confirmEmail !== user.email.toLowerCase())
    throw new ValidationError("Type the person's email address to confirm.", { confirmEmail: ["does not match"] });
  const anon = erasedEmail(user.id);
  await db.$transaction(async (tx) => {
    const now = new Date();
    // Lock order (./last-admin.ts): Membership rows, then the actor's User row, then other writes.
    await assertUserNotLastAdmin(tx, user.id);
    await tx.membership.updateMany({
      where: { userId: user.id },
      data: {
        phone: null,
        jobTitle: null,
        // What the municipality's directory sent about the person (lib/flows/directory-sync.ts).
        scimUserName: null,
        scimGivenName: null,
        scimFamilyName: null,
      },
    });
    await assertAccessCurrent(tx, viewer);
    const r = await tx.user.updateMany({
      where: { id: user.id, erasedAt: null },
      data: {
        email: anon,
        name: null,
        image: null,
        passwordHash: null,
        emailVerified: null,
        erasedAt: now,
        isActive: false,
        accessVersion: { increment: 1 },
        ...(user.isActive
          ? { deactivatedAt: now, deactivatedById: me.userId, deactivationReason: "personal data erased" }
          : {}),
      },
    });
    if (r.count !== 1) throw new ConflictError("This person's data was already erased.");
    const sessions = await tx.session.deleteMany({ where: { userId: user.id } });
    const tokens = await tx.apiToken.updateMany({
      where: { userId: user.id, revokedAt: null },
      data: { revokedAt: now, revokedById: me.userId },
    });
    const links = await tx.account.deleteMany({ where: { userId: user.id } });
    await tx.verificationToken.deleteMany({ where: { identifier: user.email } });
    // Reset and email-confirmation links (and the address one of them was to confirm).
    await tx.accountToken.deleteMany({ where: { userId: user.id } });
    // Sign-in factors: passkey names ("Anna's phone") are personal data, and none may sign in again.
    await tx.webAuthnCredential.deleteMany({ where: { userId: user.id } });
    await tx.totpFactor.deleteMany({ where: { userId: user.id } });
    await tx.recoveryCode.deleteMany({ where: { userId: user.id } });
    await tx.authChallenge.deleteMany({ where: { userId: user.id } });
    await tx.invitation.updateMany({
      where: { email: user.email, acceptedAt: null, revokedAt: null },
      data: { revokedAt: now, revokedById: me.userId },
    });
    await tx.invitation.updateMany({
      where: { OR: [{ email: user.email }, { acceptedUserId: user.id }] },
      data: { email: anon },
    });
    await tx.outboxMessage.updateMany({
      where: { OR: [{ userId: user.id }, { to: user.email }], status: "PENDING" },
      data: { status: "FAILED", lastError: "recipient erased" },
    });
    await tx.outboxMessage.updateMany({
      where: { OR: [{ userId: user.id }, { to: user.email }] },
      data: { to: anon, text: "[erased]", html: null, linkCipher: null },
    });
    await anonymiseReviewSnapshots(tx, user.id, anon);
    // The audit event names the person only by id: the event itself must not re-store the data.
    await auditAccount(tx, me, user.id, "user.erase", {
      reason: parsed.data.reason,
      sessionsRemoved: sessions.count,
      tokensRevoked: tokens.count,
      identityLinksRemoved: links.count,
    });
    // Seed 003: an erased (so deactivated) account keeps no service.
    await endLostAccess(tx, user.id, "account deactivated");
  });
  kickServiceDeliveries();
}
