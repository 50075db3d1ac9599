// Onboarding from an invitation link (docs/requirements.md#staff-accounts, #municipal-platform): a new person signs up with a name and a
// password, or signs in with SSO/OAuth first (the signed-in email must match the invitation), and
// gives their profile details. The membership becomes PENDING_APPROVAL or ACTIVE according to
// the municipality's setting (self-registrations always wait for approval), and a welcome (or
// "waiting for approval") mail goes out — all in one transaction with the audit event.
//
// Accepting twice at once creates exactly one membership: the first statement of the transaction
// claims the invitation with a conditional update (acceptedAt IS NULL); the second accept finds
// nothing to claim. The unique (userId, municipalityId) on Membership backs this up.
import "server-only";
import { withoutNewDeprecatedGroups } from "@/lib/policy/grantable";
import { refuseCitizenById } from "./citizen-guard";
import { z } from "zod";
import { db } from "@/lib/db";
import { mailingTransaction } from "./mailing-tx";
import { recordAudit } from "@/lib/audit/record";
import { enqueueMail } from "@/lib/mail/outbox";
import { pendingMail, welcomeMail } from "@/lib/mail/templates";
import { acceptableNewPasswordHash } from "./new-password";
import { sha256 } from "@/lib/crypto/tokens";
import type { UserPrincipal } from "@/lib/identity/principal";
import { ConflictError, ForbiddenError, NotFoundError, fieldValidationError } from "@/lib/errors";
import {
  onboardingInput,
  signedInOnboardingInput,
  type OnboardingInput,
  type SignedInOnboardingInput,
} from "@/lib/schemas/people";
import type { Tx } from "./tx";
import { TOKEN_RE } from "./invite";
import { refuseSelfGrant } from "./grants";

export type Accepted = { status: "ACTIVE" | "PENDING_APPROVAL"; email: string; membershipId: string };

const USED = "This invitation was already used, withdrawn or has expired.";

function invalid(err: z.ZodError): never {
  throw fieldValidationError("Please correct the marked fields.", err);
}

type Who =
  | { kind: "password"; name: string; passwordHash: string }
  | { kind: "signed-in"; userId: string; email: string; name: string };

async function claimAndJoin(
  tx: Tx,
  token: string,
  who: Who,
  profile: { jobTitle?: string; phone?: string },
): Promise<Accepted> {
  const now = new Date();
  const hash = sha256(token);
  // The claim comes first: of two concurrent accepts, only one gets count === 1.
  const claimed = await tx.invitation.updateMany({
    // An archived municipality's invitations no longer open (lib/data/platform-municipalities.ts).
    where: {
      tokenHash: hash,
      acceptedAt: null,
      revokedAt: null,
      expiresAt: { gt: now },
      municipality: { archivedAt: null },
    },
    data: { acceptedAt: now },
  });
  if (claimed.count !== 1) throw new ConflictError(USED);
  const inv = await tx.invitation.findUniqueOrThrow({
    where: { tokenHash: hash },
    include: { municipality: { select: { name: true, requiresApproval: true } } },
  });

  let userId: string;
  if (who.kind === "signed-in") {
    if (who.email.toLowerCase() !== inv.email.toLowerCase()) {
      throw new ForbiddenError(
        `This invitation is for ${inv.email}, but you are signed in as ${who.email}. Sign out and use the invited address.`,
      );
    }
    userId = who.userId;
    await tx.user.update({ where: { id: userId }, data: { name: who.name } });
  } else {
    const existing = await tx.user.findUnique({
      where: { email: inv.email },
      select: { id: true, isActive: true, passwordHash: true, accounts: { select: { id: true }, take: 1 } },
    });
    if (existing && !existing.isActive)
      throw new ForbiddenError("This account is deactivated. Contact the administrator who invited you.");
    // Someone who can already sign in must do so: a link must never reset an existing password.
    if (existing && (existing.passwordHash || existing.accounts.length > 0))
      throw new ConflictError(
        "You already have a Gatehouse account: sign in first, then open the invitation link again.",
      );
    userId = existing
      ? (
          await tx.user.update({
            where: { id: existing.id },
            data: { name: who.name, passwordHash: who.passwordHash, emailVerified: now },
            select: { id: true },
          })
        ).id
      : (
          await tx.user.create({
            data: { email: inv.email, name: who.name, passwordHash: who.passwordHash, emailVerified: now },
            select: { id: true },
          })
        ).id;
  }

  await refuseCitizenById(tx, userId, inv.email);
  const current = await tx.membership.findUnique({
    where: { userId_municipalityId: { userId, municipalityId: inv.municipalityId } },
    select: { status: true },
  });
  if (current && ["ACTIVE", "PENDING_APPROVAL", "SUSPENDED"].includes(current.status)) {
    throw new ConflictError("You are already a member of this municipality (or waiting for approval).");
  }
  const status =
    inv.kind === "self_registration" || inv.municipality.requiresApproval
      ? ("PENDING_APPROVAL" as const)
      : ("ACTIVE" as const);
  // An invitation sent before its group was deprecated does not give that group (nobody new gets it).
  const groups = withoutNewDeprecatedGroups(inv.groups, []);
  const withheld = inv.groups.filter((g) => !groups.includes(g));
  const data = {
    groups,
    departmentId: inv.departmentId,
    allowedCategories: inv.allowedCategories,
    status,
    jobTitle: profile.jobTitle ?? null,
    phone: profile.phone ?? null,
    source: inv.kind === "self_registration" ? "self_registration" : "invitation",
    profileCompletedAt: now,
    rejectedAt: null,
    rejectedById: null,
    rejectionReason: null,
    ...(status === "ACTIVE" ? { approvedAt: now, welcomeSentAt: now } : {}),
  };
  const m = await tx.membership.upsert({
    where: { userId_municipalityId: { userId, municipalityId: inv.municipalityId } },
    update: data,
    create: { userId, municipalityId: inv.municipalityId, ...data },
    select: { id: true },
  });
  await tx.invitation.update({ where: { id: inv.id }, data: { acceptedUserId: userId } });
  await tx.user.update({ where: { id: userId }, data: { accessVersion: { increment: 1 } } });
  const muni = { municipality: inv.municipality.name };
  await enqueueMail(tx, {
    to: inv.email,
    userId,
    municipalityId: inv.municipalityId,
    ...(status === "ACTIVE" ? welcomeMail(muni) : pendingMail(muni)),
  });
  await recordAudit(tx, {
    action: "invitation.accept",
    actorId: userId,
    actorType: "user",
    municipalityId: inv.municipalityId,
    targetType: "Membership",
    targetId: m.id,
    subjectUserId: userId,
    data: {
      invitationId: inv.id,
      status,
      groups,
      via: who.kind,
      kind: inv.kind,
      ...(withheld.length ? { withheldDeprecated: withheld } : {}),
    },
  });
  return { status, email: inv.email, membershipId: m.id };
}

/** New person, password sign-up. */
export async function acceptInvitation(token: string, input: OnboardingInput): Promise<Accepted> {
  const parsed = onboardingInput.safeParse(input);
  if (!parsed.success) invalid(parsed.error);
  if (!TOKEN_RE.test(token)) throw new NotFoundError("This invitation link is not valid.");
  // The password rules judge it against the invitation's address too (lib/flows/new-password.ts).
  const invited = await db.invitation.findUnique({ where: { tokenHash: sha256(token) }, select: { email: true } });
  // Hash before the transaction: argon2 is slow on purpose, and must not hold row locks.
  const passwordHash = await acceptableNewPasswordHash(parsed.data.password, {
    name: parsed.data.name,
    email: invited?.email,
  });
  return mailingTransaction((tx) =>
    claimAndJoin(tx, token, { kind: "password", name: parsed.data.name, passwordHash }, parsed.data),
  );
}

/** Someone already signed in (password, SSO or OAuth): the invitation must be for their address. */
export async function acceptInvitationSignedIn(
  principal: UserPrincipal,
  token: string,
  input: SignedInOnboardingInput,
): Promise<Accepted> {
  const parsed = signedInOnboardingInput.safeParse(input);
  if (!parsed.success) invalid(parsed.error);
  if (!TOKEN_RE.test(token)) throw new NotFoundError("This invitation link is not valid.");
  // Nobody grants themselves access: not even through an invitation they sent to their own address.
  const own = await db.invitation.findUnique({
    where: { tokenHash: sha256(token) },
    select: { id: true, invitedById: true, municipalityId: true },
  });
  if (own && own.invitedById === principal.userId) {
    await refuseSelfGrant(
      principal.userId,
      "invitation_accept",
      { municipalityId: own.municipalityId, targetType: "Invitation", targetId: own.id },
      "You cannot accept an invitation you sent yourself: another administrator must invite you.",
    );
  }
  return mailingTransaction((tx) =>
    claimAndJoin(
      tx,
      token,
      { kind: "signed-in", userId: principal.userId, email: principal.email, name: parsed.data.name },
      parsed.data,
    ),
  );
}

/**
 * "Continue with Google/Microsoft": OAuth sign-in never creates accounts (lib/auth/oauth.ts), so
 * for an invited address without an account we create the bare user row first — no password, no
 * membership, nothing it can do — and the provider links to it only if it vouches for this very
 * address. Holding the (mailed) token is the proof of the address. The invitation stays open
 * until the person comes back signed in and completes the profile.
 */
export async function prepareProviderSignIn(token: string): Promise<{ email: string }> {
  if (!TOKEN_RE.test(token)) throw new NotFoundError("This invitation link is not valid.");
  const inv = await db.invitation.findFirst({
    where: { tokenHash: sha256(token), acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    select: { id: true, email: true, municipalityId: true },
  });
  if (!inv) throw new ConflictError(USED);
  await db.$transaction(async (tx) => {
    const existing = await tx.user.findUnique({ where: { email: inv.email }, select: { id: true, isActive: true } });
    if (existing && !existing.isActive)
      throw new ForbiddenError("This account is deactivated. Contact the administrator who invited you.");
    if (existing) return;
    const u = await tx.user.create({ data: { email: inv.email }, select: { id: true } });
    await recordAudit(tx, {
      action: "invitation.provider_handoff",
      actorType: "anonymous",
      municipalityId: inv.municipalityId,
      targetType: "User",
      targetId: u.id,
      subjectUserId: u.id,
      data: { invitationId: inv.id },
    });
  });
  return { email: inv.email };
}
