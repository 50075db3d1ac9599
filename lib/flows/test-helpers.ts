// Arrangement helpers for the flow tests (never imported by the app). Test files of one run share
// one database and run in parallel, so tests that change people make their own municipality and
// people instead of touching the demo accounts others rely on.
import { randomBytes } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import type { MembershipStatus, ServiceCategory } from "@/lib/generated/prisma/enums";
import { loadUserPrincipal } from "@/lib/auth/load-principal";
import { viewerFor } from "@/lib/auth/viewer";
import type { Viewer } from "@/lib/identity/viewer";
import { openMailLink } from "@/lib/mail/outbox";

export function rawClient(): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL! }) });
}

export const uniq = () => randomBytes(4).toString("hex");

export async function viewerOf(raw: PrismaClient, email: string): Promise<Viewer> {
  const u = await raw.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
  return viewerFor(await loadUserPrincipal(u.id));
}

export async function freshMunicipality(raw: PrismaClient, opts: { requiresApproval?: boolean; domains?: string[] } = {}) {
  const slug = `t-${uniq()}`;
  return raw.municipality.create({
    data: { slug, name: `Town ${slug}`, requiresApproval: opts.requiresApproval ?? true, selfRegistrationDomains: opts.domains ?? [], departments: { create: [{ slug: "works", name: "Works" }, { slug: "clerk", name: "Clerk" }] } },
    include: { departments: true },
  });
}

export async function freshPerson(raw: PrismaClient, municipalityId: string, groups: string[], opts: { status?: MembershipStatus; departmentId?: string; allowedCategories?: ServiceCategory[]; email?: string; platformGroups?: string[] } = {}) {
  const email = opts.email ?? `p.${uniq()}@example.test`;
  return raw.user.create({
    data: {
      email, name: `Person ${email}`, platformGroups: opts.platformGroups ?? [],
      memberships: { create: { municipalityId, groups, status: opts.status ?? "ACTIVE", departmentId: opts.departmentId ?? null, allowedCategories: opts.allowedCategories ?? [] } },
    },
    include: { memberships: true },
  });
}

/**
 * The invitation token of the newest invitation/registration mail to this address, from its
 * sealed link (the tests hold AUTH_SECRET as the server does; the stored text never has the link).
 */
export async function tokenFromMail(raw: PrismaClient, to: string): Promise<string> {
  const m = await raw.outboxMessage.findFirstOrThrow({ where: { to, template: { in: ["invitation", "registration"] } }, orderBy: { createdAt: "desc" }, select: { linkCipher: true } });
  if (!m.linkCipher) throw new Error(`the newest link mail to ${to} holds no link (sent or withdrawn)`);
  return /^\/invite\/([A-Za-z0-9_-]+)$/.exec(openMailLink(m.linkCipher))![1]!;
}

export const ONBOARDING = { name: "New Person", password: "a-long-enough-password", confirm: "a-long-enough-password", jobTitle: "Inspector", phone: "+1 555 0100" };
