// Invitations (seed 000): an admin invites an email into their municipality with groups,
// department and categories they may grant; the token is stored hashed and expires; accepting
// creates the membership once, PENDING_APPROVAL or ACTIVE per the municipality's setting (seed 002).
import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { recordAudit } from "@/lib/audit/record";
import { enqueueMail } from "@/lib/mail/outbox";
import { kickMailer } from "@/lib/jobs/mail-worker";
import { hashPassword } from "@/lib/auth/password";
import { newSecret, sha256 } from "@/lib/auth/tokens";
import { subjectOf } from "@/lib/policy/casl";
import { loadPolicies } from "@/lib/policy/load";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { invitationInput, onboardingInput, type InvitationInput, type OnboardingInput } from "@/lib/schemas/people";
import type { Viewer } from "@/lib/data/viewer";

export const INVITE_DAYS = 7;

function fieldErrors(err: z.ZodError) {
  return z.flattenError(err).fieldErrors as Record<string, string[]>;
}

/** Groups the viewer may hand out here: never more than they hold (platform groups excepted). */
export function grantableGroups(viewer: Viewer, municipalityId: string): string[] {
  if (viewer.principal.kind !== "user") return [];
  const municipalityGroups = [...loadPolicies().groups.values()].filter((g) => g.scope === "municipality").map((g) => g.name);
  if (!viewer.ability.can("create", subjectOf("Invitation", { municipalityId }))) return [];
  if (viewer.principal.platformGroups.length > 0) return municipalityGroups;
  const held = viewer.principal.memberships.find((m) => m.municipalityId === municipalityId)?.groups ?? [];
  // A municipality admin has full control there, so may grant every municipality group.
  return held.includes("municipality_admin") ? municipalityGroups : municipalityGroups.filter((g) => held.includes(g));
}

export async function createInvitation(viewer: Viewer, municipalityId: string, input: InvitationInput): Promise<{ id: string }> {
  if (viewer.principal.kind !== "user") throw new ForbiddenError();
  const me = viewer.principal;
  const parsed = invitationInput.safeParse(input);
  if (!parsed.success) throw new ValidationError("Some values are not valid.", fieldErrors(parsed.error));
  const { email, groups, departmentId, allowedCategories } = parsed.data;
  if (!viewer.ability.can("create", subjectOf("Invitation", { municipalityId }))) throw new NotFoundError();
  const grantable = grantableGroups(viewer, municipalityId);
  const extra = groups.filter((g) => !grantable.includes(g));
  if (extra.length) throw new ForbiddenError(`You may not grant: ${extra.join(", ")}.`);
  const muni = await db.municipality.findUniqueOrThrow({ where: { id: municipalityId }, select: { name: true } });
  if (departmentId && !(await db.department.findFirst({ where: { id: departmentId, municipalityId }, select: { id: true } }))) {
    throw new ValidationError("That department is not in this municipality.", { departmentId: ["unknown department"] });
  }
  const active = await db.membership.findFirst({ where: { municipalityId, user: { email }, status: { in: ["ACTIVE", "PENDING_APPROVAL"] } }, select: { id: true } });
  if (active) throw new ConflictError(`${email} is already a member here (or waiting for approval).`);
  const token = newSecret();
  const inv = await db.$transaction(async (tx) => {
    const row = await tx.invitation.create({ data: { municipalityId, email, groups, departmentId: departmentId ?? null, allowedCategories, tokenHash: sha256(token), expiresAt: new Date(Date.now() + INVITE_DAYS * 86_400_000), invitedById: me.userId }, select: { id: true } });
    await enqueueMail(tx, { to: email, template: "invitation", municipalityId, subject: `You are invited to ${muni.name} on Gatehouse`, text: inviteText(muni.name, token, me.name ?? me.email) });
    await recordAudit(tx, { action: "invitation.create", actorId: me.userId, actorType: "user", municipalityId, targetType: "Invitation", targetId: row.id, data: { email, groups, departmentId: departmentId ?? null, allowedCategories } });
    return row;
  });
  await kickMailer();
  return inv;
}

function inviteText(municipality: string, token: string, inviter: string): string {
  return `${inviter} invited you to work in ${municipality} on Gatehouse.\n\nAccept the invitation (valid for ${INVITE_DAYS} days):\n${env().APP_URL}/invite/${token}\n\nIf you did not expect this, ignore this message.`;
}

export async function revokeInvitation(viewer: Viewer, invitationId: string): Promise<void> {
  if (viewer.principal.kind !== "user") throw new ForbiddenError();
  const inv = await db.invitation.findUnique({ where: { id: invitationId.slice(0, 64) } });
  if (!inv || !viewer.ability.can("delete", subjectOf("Invitation", { ...inv }))) throw new NotFoundError();
  if (inv.acceptedAt || inv.revokedAt) return;
  await db.$transaction(async (tx) => {
    await tx.invitation.update({ where: { id: inv.id }, data: { revokedAt: new Date(), revokedById: viewer.principal.kind === "user" ? viewer.principal.userId : null } });
    await recordAudit(tx, { action: "invitation.revoke", actorId: viewer.principal.kind === "user" ? viewer.principal.userId : null, actorType: "user", municipalityId: inv.municipalityId, targetType: "Invitation", targetId: inv.id, data: { email: inv.email } });
  });
}

export type InvitationView = { state: "valid"; email: string; municipality: string; groups: string[] } | { state: "expired" | "revoked" | "used" | "unknown" };

export async function inspectInvitation(token: string): Promise<InvitationView> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return { state: "unknown" };
  const inv = await db.invitation.findUnique({ where: { tokenHash: sha256(token) }, include: { municipality: { select: { name: true } } } });
  if (!inv) return { state: "unknown" };
  if (inv.acceptedAt) return { state: "used" };
  if (inv.revokedAt) return { state: "revoked" };
  if (inv.expiresAt < new Date()) return { state: "expired" };
  return { state: "valid", email: inv.email, municipality: inv.municipality.name, groups: inv.groups };
}

/**
 * Accepts once. The conditional update on acceptedAt IS NULL makes two simultaneous accepts
 * produce exactly one membership: the second finds nothing to claim.
 */
export async function acceptInvitation(token: string, input: OnboardingInput): Promise<{ status: "ACTIVE" | "PENDING_APPROVAL"; email: string }> {
  const parsed = onboardingInput.safeParse(input);
  if (!parsed.success) throw new ValidationError("Please correct the marked fields.", fieldErrors(parsed.error));
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw new NotFoundError("This invitation link is not valid.");
  const passwordHash = await hashPassword(parsed.data.password);
  const result = await db.$transaction(async (tx) => {
    const now = new Date();
    const claimed = await tx.invitation.updateMany({ where: { tokenHash: sha256(token), acceptedAt: null, revokedAt: null, expiresAt: { gt: now } }, data: { acceptedAt: now } });
    if (claimed.count !== 1) throw new ConflictError("This invitation was already used, revoked or has expired.");
    const inv = await tx.invitation.findUniqueOrThrow({ where: { tokenHash: sha256(token) }, include: { municipality: { select: { name: true, requiresApproval: true } } } });
    const existing = await tx.user.findUnique({ where: { email: inv.email }, select: { id: true, isActive: true, passwordHash: true } });
    if (existing && !existing.isActive) throw new ForbiddenError("This account is deactivated. Contact the administrator who invited you.");
    // An existing account keeps its password; the invitation only adds the membership.
    const user = existing ?? (await tx.user.create({ data: { email: inv.email, name: parsed.data.name, passwordHash, emailVerified: now }, select: { id: true, isActive: true, passwordHash: true } }));
    const status = inv.municipality.requiresApproval ? "PENDING_APPROVAL" as const : "ACTIVE" as const;
    const data = { groups: inv.groups, departmentId: inv.departmentId, allowedCategories: inv.allowedCategories, status, jobTitle: parsed.data.jobTitle ?? null, source: "invitation", profileCompletedAt: now, ...(status === "ACTIVE" ? { approvedAt: now, welcomeSentAt: now } : {}) };
    const m = await tx.membership.upsert({ where: { userId_municipalityId: { userId: user.id, municipalityId: inv.municipalityId } }, update: data, create: { userId: user.id, municipalityId: inv.municipalityId, ...data }, select: { id: true } });
    await tx.invitation.update({ where: { id: inv.id }, data: { acceptedUserId: user.id } });
    await tx.user.update({ where: { id: user.id }, data: { accessVersion: { increment: 1 } } });
    await enqueueMail(tx, status === "ACTIVE"
      ? { to: inv.email, userId: user.id, municipalityId: inv.municipalityId, template: "welcome", subject: `Welcome to ${inv.municipality.name} on Gatehouse`, text: `Your account is ready. Sign in at ${env().APP_URL}/signin` }
      : { to: inv.email, userId: user.id, municipalityId: inv.municipalityId, template: "pending", subject: `Your ${inv.municipality.name} account is waiting for approval`, text: `Thank you. An administrator of ${inv.municipality.name} will review your account; you will get an email when it is approved.` });
    await recordAudit(tx, { action: "invitation.accept", actorId: user.id, actorType: "user", municipalityId: inv.municipalityId, targetType: "Membership", targetId: m.id, subjectUserId: user.id, data: { status, groups: inv.groups } });
    return { status, email: inv.email };
  });
  await kickMailer();
  return result;
}
