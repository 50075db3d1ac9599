// Invitations (docs/requirements.md#staff-accounts): an admin invites an email into their municipality with groups,
// department and categories they may grant themselves (lib/flows/grants.ts). The token is 32
// random bytes, stored only as its SHA-256, and expires (7 days by default). Resending issues a new
// token (the old link stops working); revoking ends it. Each change is one transaction with its
// audit event and its outbox mail. Accepting lives in lib/flows/onboarding.ts.
import "server-only";
import { refuseCitizen } from "./citizen-guard";
import { z } from "zod";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { enqueueMail, withdrawMailLinks } from "@/lib/mail/outbox";
import { invitationMail } from "@/lib/mail/templates";
import { kickMailer } from "@/lib/jobs/mail-worker";
import { newSecret, sha256 } from "@/lib/crypto/tokens";
import { accessibleBy, subjectOf } from "@/lib/policy/casl";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { invitationInput, type InvitationInput } from "@/lib/schemas/people";
import type { Viewer } from "@/lib/identity/viewer";
import { loadSsoMap, ssoDomainOwner } from "@/lib/auth/sso-map";
import { assertMayGrant, grantableGroups, refuseSelfGrant, type Grant } from "./grants";
import { actingUser, auditByUser } from "./membership-tx";
import type { Tx } from "./tx";

export { grantableGroups };

export const INVITE_DAYS = 7;
const DAY_MS = 86_400_000;

/** Token shape check before any hashing or lookup: anything else is simply "not valid". */
export const TOKEN_RE = /^[A-Za-z0-9_-]{40,50}$/;

function fieldErrors(err: z.ZodError) {
  return z.flattenError(err).fieldErrors as Record<string, string[]>;
}

/** The invitation row itself: only the token's hash is stored, and it expires after `days`. */
function storeInvitation(
  tx: Tx,
  me: { userId: string },
  municipalityId: string,
  g: Grant & { email: string; departmentId: string | null },
  tokenHash: string,
  days: number,
): Promise<{ id: string }> {
  return tx.invitation.create({
    data: {
      municipalityId,
      email: g.email,
      groups: g.groups,
      departmentId: g.departmentId,
      allowedCategories: g.allowedCategories,
      tokenHash,
      expiresAt: new Date(Date.now() + days * DAY_MS),
      invitedById: me.userId,
    },
    select: { id: true },
  });
}

/** A new token and expiry for an open invitation; conditional, so one accepted or revoked meanwhile is not revived. */
async function renewToken(tx: Tx, invitationId: string, tokenHash: string): Promise<void> {
  const r = await tx.invitation.updateMany({
    where: { id: invitationId, acceptedAt: null, revokedAt: null },
    data: {
      tokenHash,
      expiresAt: new Date(Date.now() + INVITE_DAYS * DAY_MS),
      sendCount: { increment: 1 },
      lastSentAt: new Date(),
    },
  });
  if (r.count !== 1) throw new ConflictError("This invitation was accepted or revoked meanwhile.");
}

function auditInvitation(
  tx: Tx,
  me: { userId: string },
  municipalityId: string,
  invitationId: string,
  action: string,
  data: Prisma.InputJsonValue,
): Promise<void> {
  return auditByUser(tx, me, action, { municipalityId, targetType: "Invitation", targetId: invitationId }, data);
}

/** Filed under no municipality and no person: only platform admins see it (see withholdInvitation). */
function auditMailWithheld(
  tx: Tx,
  me: { userId: string },
  invitationId: string,
  accountId: string,
  invitationMunicipalityId: string,
): Promise<void> {
  return auditByUser(
    tx,
    me,
    "invitation.mail_withheld",
    { municipalityId: null, targetType: "Invitation", targetId: invitationId },
    { accountId, invitationMunicipalityId, reason: "the account is deactivated" },
  );
}

/**
 * An address in an email domain that another municipality's SSO speaks for (policies/sso.yaml, or
 * that municipality's email domains set in the platform console) is that municipality's to
 * invite: a password account made here for someone@their.domain is what an account takeover
 * through their IdP would start from. Bulk invite goes through here too.
 */
async function assertNotAnotherMunicipalitysDomain(email: string, municipalityId: string): Promise<void> {
  const domain = email.slice(email.lastIndexOf("@") + 1).toLowerCase();
  const owner = ssoDomainOwner(loadSsoMap(), domain);
  const m = owner
    ? await db.municipality.findUnique({ where: { slug: owner }, select: { id: true, name: true } })
    : await db.municipality.findFirst({ where: { emailDomains: { has: domain } }, select: { id: true, name: true } });
  if (!m && !owner) return;
  if (m?.id === municipalityId) return;
  const name = m?.name ?? owner;
  const message = `${domain} belongs to ${name}'s single sign-on: only ${name} can invite addresses there.`;
  throw new ValidationError(message, { email: [message] });
}

const SELF_INVITE = "You cannot invite your own address: another administrator must grant you access.";

/**
 * Every check an invitation passes before anything is written, in the order createInvitation
 * applies them. `preview` (bulk invite's preview) answers the same refusals without recording
 * anything: a self-invitation is refused there but audited only when someone really sends it.
 */
async function vetInvitation(viewer: Viewer, municipalityId: string, input: InvitationInput, preview: boolean) {
  const me = actingUser(viewer);
  const parsed = invitationInput.safeParse(input);
  if (!parsed.success) throw new ValidationError("Some values are not valid.", fieldErrors(parsed.error));
  const { email, groups, departmentId, allowedCategories } = parsed.data;
  if (!viewer.ability.can("create", subjectOf("Invitation", { municipalityId }))) throw new NotFoundError();
  await assertNotAnotherMunicipalitysDomain(email, municipalityId);
  await assertMayGrant(viewer, municipalityId, { groups, departmentId, allowedCategories });
  const muni = await db.municipality.findUniqueOrThrow({
    where: { id: municipalityId },
    select: { name: true, archivedAt: true },
  });
  if (muni.archivedAt) throw new ValidationError(`${muni.name} is archived: it takes no new invitations.`);
  const user = await db.user.findUnique({
    where: { email },
    select: {
      id: true,
      isActive: true,
      platformGroups: true,
      isCitizen: true,
      memberships: { where: { municipalityId }, select: { status: true } },
    },
  });
  refuseCitizen(user, email);
  if (email === me.email.toLowerCase() || user?.id === me.userId) {
    if (preview) throw new ForbiddenError(SELF_INVITE);
    await refuseSelfGrant(
      me.userId,
      "invitation",
      { municipalityId, targetType: "User", targetId: me.userId },
      SELF_INVITE,
    );
  }
  // A deactivated account the inviter manages anyway (it has a membership they can see) gets the
  // useful answer. Any other deactivated account is none of their business: see withholdInvitation.
  if (user && !user.isActive && (await seesAccount(viewer, user)))
    throw new ConflictError(
      `${email} belongs to a deactivated account; reactivate it from the person's page instead of inviting.`,
    );
  const status = user?.memberships[0]?.status;
  if (status === "ACTIVE" || status === "PENDING_APPROVAL" || status === "SUSPENDED") {
    throw new ConflictError(`${email} is already a member here (${status.toLowerCase().replace("_", " ")}).`);
  }
  const open = await db.invitation.findFirst({
    where: { municipalityId, email, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    select: { id: true },
  });
  if (open) throw new ConflictError(`${email} already has a pending invitation; resend it instead.`);
  return { me, parsed, muni, user };
}

/** Whether createInvitation would accept this invitation now: throws the same error it would, writes nothing. */
export async function checkInvitation(viewer: Viewer, municipalityId: string, input: InvitationInput): Promise<void> {
  await vetInvitation(viewer, municipalityId, input, true);
}

export async function createInvitation(
  viewer: Viewer,
  municipalityId: string,
  input: InvitationInput,
  opts: { days?: number } = {},
): Promise<{ id: string }> {
  const { me, parsed, muni, user } = await vetInvitation(viewer, municipalityId, input, false);
  const { email, groups, departmentId, allowedCategories } = parsed.data;
  if (user && !user.isActive)
    return withholdInvitation(
      me,
      municipalityId,
      user.id,
      { ...parsed.data, departmentId: departmentId ?? null },
      opts.days ?? INVITE_DAYS,
    );
  const token = newSecret(32);
  const days = opts.days ?? INVITE_DAYS;
  const inv = await db.$transaction(async (tx) => {
    const grant = { email, groups, departmentId: departmentId ?? null, allowedCategories };
    const row = await storeInvitation(tx, me, municipalityId, grant, sha256(token), days);
    await enqueueMail(tx, {
      to: email,
      municipalityId,
      invitationId: row.id,
      ...invitationMail({ municipality: muni.name, inviter: me.name ?? me.email, token, days }),
    });
    await auditInvitation(tx, me, municipalityId, row.id, "invitation.create", { ...grant, expiresInDays: days });
    return row;
  });
  await kickMailer();
  return inv;
}

/** An invitation the viewer may manage, or "not found" (outside their municipality included). */
async function manageable(viewer: Viewer, invitationId: string, action: "update" | "delete") {
  const id = invitationId.slice(0, 64);
  const inv = await db.invitation.findFirst({
    where: { AND: [accessibleBy(viewer.ability, "read").ofType("Invitation"), { id }] },
    include: { municipality: { select: { name: true } } },
  });
  if (!inv) throw new NotFoundError();
  if (!viewer.ability.can(action, subjectOf("Invitation", { ...inv })))
    throw new ForbiddenError("You may not change this invitation.");
  return inv;
}

/**
 * Sends the invitation again with a new token and a new expiry. The old link stops working (only
 * the newest token's hash is stored), so a forwarded or leaked old mail is useless.
 */
export async function resendInvitation(viewer: Viewer, invitationId: string): Promise<void> {
  const me = actingUser(viewer);
  const inv = await manageable(viewer, invitationId, "update");
  if (inv.acceptedAt) throw new ConflictError("This invitation was already accepted.");
  if (inv.revokedAt) throw new ConflictError("This invitation was revoked; send a new one.");
  if (inv.email === me.email.toLowerCase()) {
    await refuseSelfGrant(
      me.userId,
      "invitation",
      { municipalityId: inv.municipalityId, targetType: "Invitation", targetId: inv.id },
      SELF_INVITE,
    );
  }
  // The inviter's right to grant these groups is checked again: it may have changed since.
  await assertMayGrant(viewer, inv.municipalityId, {
    groups: inv.groups,
    departmentId: inv.departmentId,
    allowedCategories: inv.allowedCategories,
  });
  const gone = await db.user.findUnique({ where: { email: inv.email }, select: { id: true, isActive: true } });
  if (gone && !gone.isActive) return resendWithheld(me, inv, gone.id);
  const token = newSecret(32);
  await db.$transaction(async (tx) => {
    await renewToken(tx, inv.id, sha256(token));
    // The old link is dead: a mail of it still waiting is not sent (and keeps no sealed link).
    await withdrawMailLinks(tx, [inv.id], "the invitation was sent again");
    await enqueueMail(tx, {
      to: inv.email,
      municipalityId: inv.municipalityId,
      invitationId: inv.id,
      ...invitationMail({
        municipality: inv.municipality.name,
        inviter: me.name ?? me.email,
        token,
        days: INVITE_DAYS,
      }),
    });
    await auditInvitation(tx, me, inv.municipalityId, inv.id, "invitation.resend", {
      email: inv.email,
      sendCount: inv.sendCount + 1,
    });
  });
  await kickMailer();
}

/** The inviter may see this account anyway: a membership of it in their reach, or the user record. */
async function seesAccount(
  viewer: Viewer,
  user: { id: string; isActive: boolean; platformGroups: string[] },
): Promise<boolean> {
  if (viewer.ability.can("read", subjectOf("User", { ...user }))) return true;
  return (
    (await db.membership.count({
      where: { AND: [accessibleBy(viewer.ability, "read").ofType("Membership"), { userId: user.id }] },
    })) > 0
  );
}

/**
 * An invitation to an address whose account is deactivated somewhere the inviter cannot see.
 * Refusing ("belongs to a deactivated account") told a municipality admin something about another
 * municipality's staff, and any other distinct refusal ("cannot be invited") would tell the same
 * in vaguer words: probing addresses would still reveal which have deactivated accounts. So the
 * inviter gets exactly what any address gets — the invitation row, the same audit event — but no
 * mail goes out: a deactivated person gets no mail (docs/requirements.md#staff-accounts), and the account cannot accept
 * anyway until a platform admin reactivates it. What keeps this useful: platform admins, who
 * manage that account, find an `invitation.mail_withheld` event in the platform audit log (no
 * municipality, and not filed under the person, so no municipality admin — not even one of the
 * account's own former municipality — sees it) and can reactivate the account; a resend after
 * that mails as usual. The link's token is random and stored only hashed; nobody ever has it.
 */
async function withholdInvitation(
  me: { userId: string },
  municipalityId: string,
  userId: string,
  g: Grant & { email: string; departmentId: string | null },
  days: number,
): Promise<{ id: string }> {
  return db.$transaction(async (tx) => {
    const grant = {
      email: g.email,
      groups: g.groups,
      departmentId: g.departmentId,
      allowedCategories: g.allowedCategories,
    };
    const row = await storeInvitation(tx, me, municipalityId, grant, sha256(newSecret(32)), days);
    await auditInvitation(tx, me, municipalityId, row.id, "invitation.create", { ...grant, expiresInDays: days });
    await auditMailWithheld(tx, me, row.id, userId, municipalityId);
    return row;
  });
}

/** resendInvitation for such an address: the same bookkeeping and audit event, still no mail. */
async function resendWithheld(
  me: { userId: string },
  inv: { id: string; email: string; municipalityId: string; sendCount: number },
  userId: string,
): Promise<void> {
  await db.$transaction(async (tx) => {
    await renewToken(tx, inv.id, sha256(newSecret(32)));
    await auditInvitation(tx, me, inv.municipalityId, inv.id, "invitation.resend", {
      email: inv.email,
      sendCount: inv.sendCount + 1,
    });
    await auditMailWithheld(tx, me, inv.id, userId, inv.municipalityId);
  });
}

export async function revokeInvitation(viewer: Viewer, invitationId: string): Promise<void> {
  const me = actingUser(viewer);
  const inv = await manageable(viewer, invitationId, "delete");
  if (inv.acceptedAt || inv.revokedAt) return;
  await db.$transaction(async (tx) => {
    const r = await tx.invitation.updateMany({
      where: { id: inv.id, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date(), revokedById: me.userId },
    });
    if (r.count !== 1) return;
    await withdrawMailLinks(tx, [inv.id], "the invitation was revoked");
    await auditInvitation(tx, me, inv.municipalityId, inv.id, "invitation.revoke", { email: inv.email });
  });
}

export type InvitationView =
  | {
      state: "valid";
      email: string;
      municipality: string;
      municipalitySlug: string;
      groups: string[];
      kind: "admin" | "self_registration";
      hasAccount: boolean;
    }
  /** `acceptedUserId`: who accepted it (an SSO sign-in accepts the invitation too, lib/auth/sso.ts). */
  | { state: "used"; acceptedUserId: string | null; municipalitySlug: string }
  | { state: "expired" | "revoked" | "unknown" };

/** What the invite page shows. Never throws for a bad link: every state has a clear page. */
export async function inspectInvitation(token: string): Promise<InvitationView> {
  if (!TOKEN_RE.test(token)) return { state: "unknown" };
  const inv = await db.invitation.findUnique({
    where: { tokenHash: sha256(token) },
    include: { municipality: { select: { name: true, slug: true } } },
  });
  if (!inv) return { state: "unknown" };
  if (inv.acceptedAt)
    return { state: "used", acceptedUserId: inv.acceptedUserId, municipalitySlug: inv.municipality.slug };
  if (inv.revokedAt) return { state: "revoked" };
  if (inv.expiresAt <= new Date()) return { state: "expired" };
  const user = await db.user.findUnique({
    where: { email: inv.email },
    select: { passwordHash: true, accounts: { select: { id: true }, take: 1 } },
  });
  // "Has an account" means one they can sign in with; a bare row created for an OAuth hand-off is not.
  const hasAccount = !!user && (!!user.passwordHash || user.accounts.length > 0);
  return {
    state: "valid",
    email: inv.email,
    municipality: inv.municipality.name,
    municipalitySlug: inv.municipality.slug,
    groups: inv.groups,
    kind: inv.kind === "self_registration" ? "self_registration" : "admin",
    hasAccount,
  };
}
