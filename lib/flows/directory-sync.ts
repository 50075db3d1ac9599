// Directory sync (SCIM 2.0, lib/scim): what a municipality's own directory (Entra ID, Okta) may do
// to people there, as flows — one transaction each, with its audit event, the directory as the
// actor (actorType "directory", actorId its ScimConnection). The protocol side (parsing, filters,
// PATCH) is lib/scim; the decisions are here, so a reviewer reads them in one place.
//
// What a directory can reach: memberships of its own municipality only. A SCIM User is a
// Membership (its id is the membership id) whose `scimLinkedAt` is set; a SCIM Group is a
// DirectoryGroup of that municipality. Nothing here ever touches another municipality's rows.
//
// Decisions, so a reviewer can check them:
// - Addresses: the person's email must be in the municipality's email domains
//   (lib/auth/claim-mapping.ts municipalityMapping), as for its SSO.
// - A new address gets a new account with no password: the person signs in through the
//   municipality's SSO (which links by its own rules) or sets a password by a reset mail.
// - An existing account (DESIGN.md trust rules) is joined only when that hands nothing over:
//   never a platform account, never a deactivated or erased one; an account that already has a
//   membership here is adopted (the municipality already let that account in); an account
//   without one is joined only if nobody can sign in to it on their own — no password, no
//   passkey, no identity but this municipality's own SSO. Anyone else is refused (409) and
//   audited: the municipality invites them, and once they accepted the directory adopts them.
// - The directory never sets a password and never changes the address or name of an account
//   that is not wholly its own (one that signs in by itself or works elsewhere): "mutability".
// - Groups: a member's Gatehouse groups here are what the claim mapping gives for claim
//   `groups` = the display names of the directory groups they are in (policies/sso.yaml merged
//   with the console's mappings), municipality groups only, recomputed on every change of a
//   group or of its members, each change audited. Adopted memberships keep their groups until
//   the directory first changes a group they are in.
// - `active: false` and DELETE suspend the membership at once (the suspension of
//   ./deactivation.ts, with the directory as actor): its API tokens here are revoked, and when
//   no other active membership is left the person's sessions end too — signed out at their next
//   click. `active: true` reactivates only a suspension the directory made (an administrator's
//   suspension stands). Nobody is deleted; DELETE also unlinks the membership from the directory.
// - The last active municipality admin is never suspended by the directory (409), and a group
//   change that would take the admin group from them keeps it (audited).
import "server-only";
import { withoutNewDeprecatedGroups } from "@/lib/policy/grantable";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { AppError, ConflictError, NotFoundError } from "@/lib/errors";
import { groupsFromMappings, municipalityMapping, type ClaimMappings } from "@/lib/auth/claim-mapping";
import { ssoProviderId } from "@/lib/auth/sso";
import { MUNICIPALITY_ADMIN, municipalityGroups } from "./grants";
import { assertNotLastAdmin } from "./last-admin";
import { endLostAccess } from "@/lib/services/access-end";
import { kickServiceDeliveries } from "@/lib/services/deliveries";
import type { Tx } from "./tx";

/** Who acts: one municipality's SCIM connection (lib/scim/connection.ts authenticated it). */
export type DirectoryActor = { connectionId: string; municipalityId: string; slug: string; ip: string | null };

/** A refusal in SCIM's terms (RFC 7644 §3.12): its HTTP status and scimType. */
export class DirectoryRefusal extends AppError {
  constructor(
    message: string,
    status: 400 | 404 | 409,
    readonly scimType: "invalidValue" | "uniqueness" | "mutability" | "noTarget" | null,
  ) {
    super(message, status, "DirectoryRefusal");
  }
}

/** The suspension reason the directory writes; only a suspension with it is lifted by `active: true`. */
export const DIRECTORY_SUSPENSION = "Suspended by the municipality's directory (SCIM).";

/** A SCIM User's attributes Gatehouse keeps. */
export type MemberFields = {
  userName: string;
  email: string;
  externalId: string | null;
  active: boolean;
  displayName: string | null;
  givenName: string | null;
  familyName: string | null;
  jobTitle: string | null;
  phone: string | null;
};

export type GroupFields = { displayName: string; externalId: string | null; memberIds: string[] };

const uniqueness = (what: string) => new DirectoryRefusal(what, 409, "uniqueness");

/** Linked memberships of the actor's municipality: everything a directory can see or change. */
export const linkedHere = (actor: DirectoryActor): Prisma.MembershipWhereInput => ({
  municipalityId: actor.municipalityId,
  scimLinkedAt: { not: null },
});

function audit(
  tx: Tx,
  actor: DirectoryActor,
  action: string,
  target: { targetType: string; targetId: string; subjectUserId?: string | null },
  data: Prisma.InputJsonValue,
): Promise<void> {
  return recordAudit(tx, {
    action,
    actorType: "directory",
    actorId: actor.connectionId,
    municipalityId: actor.municipalityId,
    ip: actor.ip,
    ...target,
    data,
  });
}

async function mappingFor(actor: DirectoryActor): Promise<{ mappings: ClaimMappings; emailDomains: string[] }> {
  const rules = await municipalityMapping(actor.slug);
  if (!rules || rules.municipalityId !== actor.municipalityId) throw new NotFoundError();
  return rules;
}

function assertDomain(email: string, domains: string[]): void {
  const domain = email.split("@")[1] ?? "";
  if (!domains.includes(domain))
    throw new DirectoryRefusal(
      `The address's domain "${domain}" is not one of this municipality's email domains.`,
      400,
      "invalidValue",
    );
}

/** A refusal worth keeping in the trail: its own transaction, then the refusal. */
async function refuse(
  actor: DirectoryActor,
  reason: string,
  userId: string | null,
  email: string,
  message: string,
): Promise<never> {
  await db.$transaction((tx) =>
    recordAudit(tx, {
      action: "directory.refused",
      actorType: "directory",
      actorId: actor.connectionId,
      municipalityId: actor.municipalityId,
      subjectUserId: userId,
      ip: actor.ip,
      data: { reason, email },
    }),
  );
  throw uniqueness(message);
}

const accountSelect = {
  id: true,
  email: true,
  isActive: true,
  erasedAt: true,
  platformGroups: true,
  passwordHash: true,
  accounts: { select: { provider: true } },
  _count: { select: { passkeys: true } },
  memberships: { select: { municipalityId: true } },
} as const satisfies Prisma.UserSelect;
type Account = Prisma.UserGetPayload<{ select: typeof accountSelect }>;

/** Nobody can sign in to the account on their own: only through this municipality's own SSO. */
function signsInOnlyHere(u: Account, slug: string): boolean {
  const own = [ssoProviderId(slug), `saml-${slug}`];
  return (
    u.platformGroups.length === 0 &&
    !u.passwordHash &&
    u._count.passkeys === 0 &&
    u.accounts.every((a) => own.includes(a.provider))
  );
}

/** The account is wholly the directory's: it signs in only here and works nowhere else. */
function directoryOwns(u: Account, actor: DirectoryActor): boolean {
  return signsInOnlyHere(u, actor.slug) && u.memberships.every((m) => m.municipalityId === actor.municipalityId);
}

/** The actor's rows other than `except` with either value: what makes a name or externalId taken. */
function takenWhere(actor: DirectoryActor, except: string | null, values: object[]) {
  return { municipalityId: actor.municipalityId, ...(except ? { id: { not: except } } : {}), OR: values };
}

/** Another linked member here already uses this userName or externalId. */
async function assertFree(tx: Tx, actor: DirectoryActor, f: MemberFields, except: string | null): Promise<void> {
  const values = [{ scimUserName: f.userName }, ...(f.externalId ? [{ scimExternalId: f.externalId }] : [])];
  const clash = await tx.membership.findFirst({
    where: takenWhere(actor, except, values),
    select: { scimUserName: true },
  });
  if (clash)
    throw uniqueness(
      clash.scimUserName === f.userName
        ? "Another user of this directory has this userName."
        : "Another user of this directory has this externalId.",
    );
}

/** The membership's columns that hold the directory's attributes (lib/scim/users.ts reads them too). */
export const MEMBER_COLUMNS = {
  scimUserName: true,
  scimExternalId: true,
  scimGivenName: true,
  scimFamilyName: true,
  jobTitle: true,
  phone: true,
} as const satisfies Prisma.MembershipSelect;

const memberData = (f: MemberFields) => ({
  scimUserName: f.userName,
  scimExternalId: f.externalId,
  scimGivenName: f.givenName,
  scimFamilyName: f.familyName,
  jobTitle: f.jobTitle,
  phone: f.phone,
});

const wholeName = (f: MemberFields) =>
  (f.displayName ?? [f.givenName, f.familyName].filter(Boolean).join(" ")).slice(0, 200) || null;

/** POST /Users: a new membership here (and a new account for a new address); its id. */
export async function provisionMember(actor: DirectoryActor, f: MemberFields): Promise<string> {
  const { emailDomains } = await mappingFor(actor);
  const email = f.email.toLowerCase();
  assertDomain(email, emailDomains);
  const existing = await db.user.findUnique({ where: { email }, select: accountSelect });
  if (existing) {
    if (existing.platformGroups.length > 0)
      return refuse(
        actor,
        "platform_account",
        existing.id,
        email,
        "This address belongs to a platform account, which no directory manages.",
      );
    if (!existing.isActive || existing.erasedAt)
      return refuse(
        actor,
        "deactivated",
        existing.id,
        email,
        "This address belongs to a deactivated account; a platform administrator decides about it.",
      );
  }
  const result = await db.$transaction(async (tx) => {
    await assertFree(tx, actor, f, null);
    if (!existing) {
      const user = await tx.user.create({ data: { email, name: wholeName(f) }, select: { id: true } });
      return createMembership(tx, actor, user.id, f, { email, newUser: true });
    }
    const here = await tx.membership.findUnique({
      where: { userId_municipalityId: { userId: existing.id, municipalityId: actor.municipalityId } },
      select: { id: true, scimLinkedAt: true },
    });
    if (here?.scimLinkedAt) throw uniqueness("This person is already a user of this directory.");
    if (here) {
      // The municipality already let this account in (an invitation, its SSO): the directory takes the membership over.
      await tx.membership.update({ where: { id: here.id }, data: { ...memberData(f), scimLinkedAt: new Date() } });
      await audit(tx, actor, "directory.user_linked", memberTarget(here.id, existing.id), { email });
      await applyActive(tx, actor, here.id, f.active);
      return here.id;
    }
    // Read again under the row's lock: a password, passkey or identity added meanwhile counts.
    await tx.$queryRaw`select id from "User" where id = ${existing.id} for update`;
    const now = await tx.user.findUniqueOrThrow({ where: { id: existing.id }, select: accountSelect });
    if (!signsInOnlyHere(now, actor.slug) || !now.isActive) return null;
    return createMembership(tx, actor, existing.id, f, { email, newUser: false });
  });
  if (result === null)
    return refuse(
      actor,
      "link_required",
      existing?.id ?? null,
      email,
      "An account with this address already exists and signs in on its own: invite the person from Gatehouse; once they accept, the directory takes their membership over.",
    );
  return result;
}

const memberTarget = (membershipId: string, userId: string) => ({
  targetType: "Membership",
  targetId: membershipId,
  subjectUserId: userId,
});

/** A membership the directory provisions, active or suspended as it says, audited. */
async function createMembership(
  tx: Tx,
  actor: DirectoryActor,
  userId: string,
  f: MemberFields,
  about: { email: string; newUser: boolean },
): Promise<string> {
  const now = new Date();
  const m = await tx.membership.create({
    data: {
      userId,
      municipalityId: actor.municipalityId,
      groups: [],
      source: "scim",
      status: f.active ? "ACTIVE" : "SUSPENDED",
      approvedAt: now,
      profileCompletedAt: now,
      scimLinkedAt: now,
      ...(f.active ? {} : { suspendedAt: now, suspensionReason: DIRECTORY_SUSPENSION }),
      ...memberData(f),
    },
    select: { id: true },
  });
  await tx.user.update({ where: { id: userId }, data: { accessVersion: { increment: 1 } } });
  await audit(tx, actor, "directory.user_created", memberTarget(m.id, userId), { ...about, active: f.active });
  return m.id;
}

/** PUT/PATCH /Users/{id}: the membership takes the directory's new attributes. */
export async function updateMember(actor: DirectoryActor, membershipId: string, f: MemberFields): Promise<void> {
  const { emailDomains } = await mappingFor(actor);
  const email = f.email.toLowerCase();
  await db.$transaction(async (tx) => {
    const m = await tx.membership.findFirst({
      where: { AND: [linkedHere(actor), { id: membershipId }] },
      select: { id: true, userId: true, ...MEMBER_COLUMNS, user: { select: accountSelect } },
    });
    if (!m) throw new NotFoundError();
    await assertFree(tx, actor, f, m.id);
    const changed: string[] = [];
    const data = memberData(f);
    for (const [k, v] of Object.entries(data)) if (m[k as keyof typeof data] !== v) changed.push(k);
    const userData: Prisma.UserUpdateInput = {};
    if (email !== m.user.email) {
      assertDomain(email, emailDomains);
      if (!directoryOwns(m.user, actor))
        throw new DirectoryRefusal(
          "This person's account also signs in or works elsewhere: its address changes in Gatehouse, not from the directory.",
          400,
          "mutability",
        );
      if (await tx.user.findUnique({ where: { email }, select: { id: true } }))
        throw uniqueness("Another account has this address.");
      userData.email = email;
      userData.emailVerified = null;
      changed.push("email");
    }
    const name = wholeName(f);
    // The account's name is the person's own unless the account is wholly the directory's.
    if (name && directoryOwns(m.user, actor)) {
      const now = await tx.user.findUniqueOrThrow({ where: { id: m.userId }, select: { name: true } });
      if (now.name !== name) {
        userData.name = name;
        changed.push("name");
      }
    }
    if (changed.length) {
      await tx.membership.update({ where: { id: m.id }, data });
      if (Object.keys(userData).length) await tx.user.update({ where: { id: m.userId }, data: userData });
      await audit(tx, actor, "directory.user_updated", memberTarget(m.id, m.userId), { changed });
    }
    await applyActive(tx, actor, m.id, f.active);
  });
  kickServiceDeliveries();
}

/** DELETE /Users/{id}: suspended, out of every directory group, unlinked. Never deleted. */
export async function removeMember(actor: DirectoryActor, membershipId: string): Promise<void> {
  const { mappings } = await mappingFor(actor);
  await db.$transaction(async (tx) => {
    const m = await tx.membership.findFirst({
      where: { AND: [linkedHere(actor), { id: membershipId }] },
      select: { id: true, userId: true },
    });
    if (!m) throw new NotFoundError();
    await applyActive(tx, actor, m.id, false);
    await tx.directoryGroupMember.deleteMany({ where: { membershipId: m.id } });
    await recompute(tx, actor, mappings, [m.id]);
    await tx.membership.update({
      where: { id: m.id },
      data: { scimLinkedAt: null, scimExternalId: null, scimUserName: null },
    });
    await audit(tx, actor, "directory.user_deleted", memberTarget(m.id, m.userId), { kept: "suspended, not deleted" });
  });
  kickServiceDeliveries();
}

const ACTIVE_FIELDS = {
  id: true,
  userId: true,
  status: true,
  groups: true,
  suspensionReason: true,
  user: { select: { erasedAt: true } },
} as const;

/**
 * Makes the membership active or suspended as the directory says (see the top of this file).
 * Call after the membership row was locked by a write or read in `tx`.
 */
async function applyActive(tx: Tx, actor: DirectoryActor, membershipId: string, active: boolean): Promise<void> {
  const m = await tx.membership.findUniqueOrThrow({ where: { id: membershipId }, select: ACTIVE_FIELDS });
  const now = new Date();
  if (!active && m.status === "ACTIVE") {
    if (m.groups.includes(MUNICIPALITY_ADMIN)) {
      try {
        await assertNotLastAdmin(tx, actor.municipalityId, m.id);
      } catch (e) {
        if (!(e instanceof ConflictError)) throw e;
        throw new DirectoryRefusal(
          "This is the last active municipality admin: make someone else admin in Gatehouse before the directory deactivates them.",
          409,
          null,
        );
      }
    }
    const r = await tx.membership.updateMany({
      where: { id: m.id, status: "ACTIVE" },
      data: { status: "SUSPENDED", suspendedAt: now, suspendedById: null, suspensionReason: DIRECTORY_SUSPENSION },
    });
    if (r.count !== 1) return;
    await tx.user.update({ where: { id: m.userId }, data: { accessVersion: { increment: 1 } } });
    const tokens = await tx.apiToken.updateMany({
      where: { userId: m.userId, municipalityId: actor.municipalityId, revokedAt: null },
      data: { revokedAt: now },
    });
    // Signed out at the next click, as with deactivation — unless the person still works
    // elsewhere, where this municipality's directory has no say (they lose access here at once anyway).
    const elsewhere = await tx.membership.count({ where: { userId: m.userId, status: "ACTIVE", id: { not: m.id } } });
    const sessions = elsewhere
      ? { count: 0 }
      : await tx.session.updateMany({ where: { userId: m.userId, revokedAt: null }, data: { revokedAt: now } });
    await audit(tx, actor, "membership.suspend", memberTarget(m.id, m.userId), {
      reason: "directory",
      from: "ACTIVE",
      sessionsRevoked: sessions.count,
      tokensRevoked: tokens.count,
    });
    await endLostAccess(tx, m.userId, "membership suspended by the directory");
  } else if (active && m.status === "SUSPENDED" && m.suspensionReason === DIRECTORY_SUSPENSION && !m.user.erasedAt) {
    const r = await tx.membership.updateMany({
      where: { id: m.id, status: "SUSPENDED", suspensionReason: DIRECTORY_SUSPENSION },
      data: { status: "ACTIVE", suspendedAt: null, suspendedById: null, suspensionReason: null, reactivatedAt: now },
    });
    if (r.count !== 1) return;
    await tx.user.update({ where: { id: m.userId }, data: { accessVersion: { increment: 1 } } });
    await audit(tx, actor, "membership.reactivate", memberTarget(m.id, m.userId), { reason: "directory" });
  }
}

/** Each membership's groups = the mapping of its directory groups' display names (claim `groups`). */
async function recompute(tx: Tx, actor: DirectoryActor, mappings: ClaimMappings, ids: string[]): Promise<void> {
  const allowed = new Set(municipalityGroups());
  for (const id of [...new Set(ids)].sort()) {
    const m = await tx.membership.findFirst({
      where: { id, municipalityId: actor.municipalityId },
      select: {
        id: true,
        userId: true,
        status: true,
        groups: true,
        directoryGroups: { select: { group: { select: { displayName: true } } } },
      },
    });
    if (!m) continue;
    const names = m.directoryGroups.map((g) => g.group.displayName).sort();
    // Municipality groups only, whatever a mapping or a directory says (platform groups sit on the user).
    // A deprecated group only stays with those who hold it (lib/policy/grantable.ts).
    const groups = withoutNewDeprecatedGroups(
      groupsFromMappings(mappings, { groups: names }).groups.filter((g) => allowed.has(g)),
      m.groups,
    );
    let keptLastAdmin = false;
    if (m.status === "ACTIVE" && m.groups.includes(MUNICIPALITY_ADMIN) && !groups.includes(MUNICIPALITY_ADMIN)) {
      try {
        await assertNotLastAdmin(tx, actor.municipalityId, m.id);
      } catch (e) {
        if (!(e instanceof ConflictError)) throw e;
        groups.push(MUNICIPALITY_ADMIN);
        keptLastAdmin = true;
      }
    }
    const added = groups.filter((g) => !m.groups.includes(g));
    const removed = m.groups.filter((g) => !groups.includes(g));
    if (!added.length && !removed.length) continue;
    await tx.membership.update({ where: { id: m.id }, data: { groups: groups.sort() } });
    await tx.user.update({ where: { id: m.userId }, data: { accessVersion: { increment: 1 } } });
    await audit(tx, actor, "membership.directory_sync", memberTarget(m.id, m.userId), {
      added,
      removed,
      directoryGroups: names,
      ...(keptLastAdmin ? { keptLastAdmin: true } : {}),
    });
    if (removed.length) await endLostAccess(tx, m.userId, `removed from the ${removed.join(", ")} group`);
  }
}

/** Member ids the directory sent that are its users here; anything else is refused (and reveals nothing). */
async function assertMembers(tx: Tx, actor: DirectoryActor, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const found = await tx.membership.count({ where: { AND: [linkedHere(actor), { id: { in: ids } }] } });
  if (found !== new Set(ids).size)
    throw new DirectoryRefusal("A member is not a user of this directory.", 400, "invalidValue");
}

async function assertGroupFree(tx: Tx, actor: DirectoryActor, g: GroupFields, except: string | null) {
  const values = [{ displayName: g.displayName }, ...(g.externalId ? [{ externalId: g.externalId }] : [])];
  const clash = await tx.directoryGroup.findFirst({ where: takenWhere(actor, except, values), select: { id: true } });
  if (clash) throw uniqueness("Another group of this directory has this displayName or externalId.");
}

type GroupBefore = { id: string; displayName: string; externalId: string | null; members: { membershipId: string }[] };

/** The group `before` becomes `g` (name and whole member list): the rows, one audit event, the members' groups. */
async function writeGroup(
  tx: Tx,
  actor: DirectoryActor,
  mappings: ClaimMappings,
  before: GroupBefore,
  g: GroupFields,
  action: "directory.group_created" | "directory.group_updated",
): Promise<void> {
  const had = before.members.map((m) => m.membershipId);
  const want = [...new Set(g.memberIds)];
  const added = want.filter((id) => !had.includes(id));
  const removed = had.filter((id) => !want.includes(id));
  const renamed = before.displayName !== g.displayName;
  const created = action === "directory.group_created";
  if (!created && !renamed && before.externalId === g.externalId && !added.length && !removed.length) return;
  if (!created)
    await tx.directoryGroup.update({
      where: { id: before.id },
      data: { displayName: g.displayName, externalId: g.externalId },
    });
  if (removed.length)
    await tx.directoryGroupMember.deleteMany({ where: { groupId: before.id, membershipId: { in: removed } } });
  if (added.length)
    await tx.directoryGroupMember.createMany({
      data: added.map((membershipId) => ({ groupId: before.id, membershipId })),
    });
  const target = { targetType: "DirectoryGroup", targetId: before.id };
  const renamedFrom = renamed && !created ? { renamedFrom: before.displayName } : {};
  await audit(tx, actor, action, target, {
    displayName: g.displayName,
    ...renamedFrom,
    added: added.length,
    removed: removed.length,
  });
  // A new name can change what every member is given; otherwise only those who came or went change.
  await recompute(tx, actor, mappings, renamed && !created ? [...had, ...added] : [...added, ...removed]);
}

/** POST /Groups. */
export async function createDirectoryGroup(actor: DirectoryActor, g: GroupFields): Promise<string> {
  const { mappings } = await mappingFor(actor);
  const id = await db.$transaction(async (tx) => {
    await assertGroupFree(tx, actor, g, null);
    await assertMembers(tx, actor, g.memberIds);
    const group = await tx.directoryGroup.create({
      data: { municipalityId: actor.municipalityId, displayName: g.displayName, externalId: g.externalId },
      select: { id: true, displayName: true, externalId: true },
    });
    await writeGroup(tx, actor, mappings, { ...group, members: [] }, g, "directory.group_created");
    return group.id;
  });
  kickServiceDeliveries();
  return id;
}

/** PUT/PATCH /Groups/{id}: the group becomes `g` (name and whole member list). */
export async function replaceDirectoryGroup(actor: DirectoryActor, groupId: string, g: GroupFields): Promise<void> {
  const { mappings } = await mappingFor(actor);
  await db.$transaction(async (tx) => {
    const before = await tx.directoryGroup.findFirst({
      where: { id: groupId, municipalityId: actor.municipalityId },
      select: { id: true, displayName: true, externalId: true, members: { select: { membershipId: true } } },
    });
    if (!before) throw new NotFoundError();
    await assertGroupFree(tx, actor, g, before.id);
    await assertMembers(tx, actor, g.memberIds);
    await writeGroup(tx, actor, mappings, before, g, "directory.group_updated");
  });
  kickServiceDeliveries();
}

/** DELETE /Groups/{id}: the group goes (it is the directory's, not a person); its members' groups follow. */
export async function deleteDirectoryGroup(actor: DirectoryActor, groupId: string): Promise<void> {
  const { mappings } = await mappingFor(actor);
  await db.$transaction(async (tx) => {
    const g = await tx.directoryGroup.findFirst({
      where: { id: groupId, municipalityId: actor.municipalityId },
      select: { id: true, displayName: true, members: { select: { membershipId: true } } },
    });
    if (!g) throw new NotFoundError();
    await tx.directoryGroupMember.deleteMany({ where: { groupId: g.id } });
    await tx.directoryGroup.delete({ where: { id: g.id } });
    await audit(
      tx,
      actor,
      "directory.group_deleted",
      { targetType: "DirectoryGroup", targetId: g.id },
      {
        displayName: g.displayName,
        members: g.members.length,
      },
    );
    await recompute(
      tx,
      actor,
      mappings,
      g.members.map((m) => m.membershipId),
    );
  });
  kickServiceDeliveries();
}
