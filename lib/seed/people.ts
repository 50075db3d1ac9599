// The one factory for people rows: the demo seed (test-users.ts) and the tests' fixtures
// (test/fixtures/people.ts) build users and memberships through it, so a row made for a test
// looks like a row the seed made — the lifecycle stamps follow the membership's status the same
// way in both (an ACTIVE membership was approved, a SUSPENDED one carries its suspension).
import type { Prisma } from "@/lib/generated/prisma/client";
import type { MembershipStatus, ServiceCategory } from "@/lib/generated/prisma/enums";

export type PersonSeed = {
  /** A chosen id (tests that name their people); absent: generated. */
  id?: string;
  email: string;
  name?: string | null;
  /** An argon2id hash (lib/crypto/password.ts); null or absent: no password sign-in. */
  passwordHash?: string | null;
  emailVerified?: Date | null;
  platformGroups?: string[];
  isServiceAccount?: boolean;
  /** A citizen account (lib/flows/citizen-signup.ts): the public-scope citizen group, never a membership. */
  isCitizen?: boolean;
  /** false: deactivated (no sign-in anywhere), stamped with when and why. */
  isActive?: boolean;
  deactivationReason?: string;
};

export type MembershipSeed = {
  municipalityId: string;
  groups: string[];
  status?: MembershipStatus;
  departmentId?: string | null;
  allowedCategories?: ServiceCategory[];
  /** How the membership came to be (invitation, sso, self_registration, seed). */
  source?: string;
  jobTitle?: string | null;
  phone?: string | null;
  suspensionReason?: string;
};

export function userData(p: PersonSeed, at = new Date()): Prisma.UserCreateInput {
  const active = p.isActive ?? true;
  return {
    ...(p.id ? { id: p.id } : {}),
    email: p.email,
    name: p.name ?? null,
    passwordHash: p.passwordHash ?? null,
    emailVerified: p.emailVerified ?? null,
    platformGroups: p.platformGroups ?? [],
    isServiceAccount: p.isServiceAccount ?? false,
    isCitizen: p.isCitizen ?? false,
    isActive: active,
    deactivatedAt: active ? null : at,
    deactivationReason: active ? null : (p.deactivationReason ?? "Deactivated"),
    createdAt: at,
  };
}

export function membershipData(m: MembershipSeed, at = new Date()): Prisma.MembershipUncheckedCreateWithoutUserInput {
  const status = m.status ?? "ACTIVE";
  return {
    municipalityId: m.municipalityId,
    groups: m.groups,
    status,
    departmentId: m.departmentId ?? null,
    allowedCategories: m.allowedCategories ?? [],
    source: m.source ?? "invitation",
    jobTitle: m.jobTitle ?? null,
    phone: m.phone ?? null,
    profileCompletedAt: status === "INVITED" ? null : at,
    approvedAt: status === "ACTIVE" || status === "SUSPENDED" ? at : null,
    suspendedAt: status === "SUSPENDED" ? at : null,
    suspensionReason: status === "SUSPENDED" ? (m.suspensionReason ?? "Suspended") : null,
    welcomeSentAt: status === "ACTIVE" ? at : null,
    createdAt: at,
  };
}
