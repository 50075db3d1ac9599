// One test account per built-in group (docs/requirements.md#record-views's `initialize test-users`), plus the
// special cases the tests need: a second municipality's staff, a suspended membership,
// a deactivated user and a person waiting for approval. Idempotent.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { MembershipStatus, ServiceCategory } from "@/lib/generated/prisma/enums";
import { hashPassword } from "@/lib/crypto/password";
import { membershipData, userData } from "./people";

/** Known password of every demo account. Seeded only into the embedded database or when asked. */
export const DEMO_PASSWORD = "gatehouse-demo";

export type TestAccount = {
  email: string;
  name: string;
  platformGroups?: string[];
  membership?: {
    municipality: string;
    groups: string[];
    department?: string;
    allowedCategories?: ServiceCategory[];
    status?: MembershipStatus;
  };
  isActive?: boolean;
  note: string;
};

export const TEST_ACCOUNTS: TestAccount[] = [
  {
    email: "superuser@gatehouse.test",
    name: "Sam Superuser",
    platformGroups: ["superuser"],
    note: "everything, everywhere",
  },
  {
    email: "platform.admin@gatehouse.test",
    name: "Pat Platform",
    platformGroups: ["platform_admin"],
    note: "municipalities, SSO, people everywhere",
  },
  {
    email: "admin@riverton.test",
    name: "Ada Admin",
    membership: { municipality: "riverton", groups: ["municipality_admin"] },
    note: "Riverton municipality admin",
  },
  {
    email: "manager@riverton.test",
    name: "Max Manager",
    membership: { municipality: "riverton", groups: ["manager"], department: "public-works" },
    note: "Riverton manager, public works",
  },
  {
    email: "operator@riverton.test",
    name: "Olga Operator",
    membership: {
      municipality: "riverton",
      groups: ["operator"],
      department: "public-works",
      allowedCategories: ["ROADS", "STREET_LIGHTING"],
    },
    note: "Riverton operator, roads and street lighting only",
  },
  {
    email: "viewer@riverton.test",
    name: "Vic Viewer",
    membership: { municipality: "riverton", groups: ["viewer"] },
    note: "Riverton read-only",
  },
  {
    email: "editor@riverton.test",
    name: "Edith Editor",
    membership: { municipality: "riverton", groups: ["viewer", "document_editor"], department: "clerk" },
    note: "Riverton documents editor",
  },
  {
    email: "volunteer@riverton.test",
    name: "Val Volunteer",
    membership: { municipality: "riverton", groups: ["volunteer"] },
    note: "Riverton volunteer, limited views",
  },
  {
    email: "analyst@riverton.test",
    name: "Ana Analyst",
    membership: { municipality: "riverton", groups: ["analyst"] },
    note: "Riverton statistics only",
  },
  {
    email: "admin@lakeside.test",
    name: "Lee Lakeside",
    membership: { municipality: "lakeside", groups: ["municipality_admin"] },
    note: "Lakeside municipality admin",
  },
  {
    email: "operator@lakeside.test",
    name: "Otto Lakeside",
    membership: { municipality: "lakeside", groups: ["operator"], department: "public-works" },
    note: "Lakeside operator, all categories",
  },
  {
    email: "suspended@riverton.test",
    name: "Sue Suspended",
    membership: { municipality: "riverton", groups: ["operator"], status: "SUSPENDED" },
    note: "membership suspended: no access",
  },
  {
    email: "pending@riverton.test",
    name: "Pia Pending",
    membership: { municipality: "riverton", groups: ["viewer"], status: "PENDING_APPROVAL" },
    note: "waiting for approval",
  },
  {
    email: "deactivated@riverton.test",
    name: "Dee Deactivated",
    isActive: false,
    membership: { municipality: "riverton", groups: ["viewer"] },
    note: "account deactivated: cannot sign in",
  },
];

export async function seedTestUsers(prisma: PrismaClient): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const municipalities = new Map(
    (await prisma.municipality.findMany({ select: { id: true, slug: true } })).map((m) => [m.slug, m.id]),
  );
  for (const a of TEST_ACCOUNTS) {
    const user = await prisma.user.upsert({
      where: { email: a.email },
      update: {},
      create: userData({
        email: a.email,
        name: a.name,
        passwordHash,
        emailVerified: new Date(),
        platformGroups: a.platformGroups,
        isActive: a.isActive,
        deactivationReason: "Left the municipality (demo)",
      }),
      select: { id: true },
    });
    if (!a.membership) continue;
    const municipalityId = municipalities.get(a.membership.municipality);
    if (!municipalityId)
      throw new Error(`Seed municipality ${a.membership.municipality} is missing; seed demo data first.`);
    const department = a.membership.department
      ? await prisma.department.findUnique({
          where: { municipalityId_slug: { municipalityId, slug: a.membership.department } },
          select: { id: true },
        })
      : null;
    await prisma.membership.upsert({
      where: { userId_municipalityId: { userId: user.id, municipalityId } },
      update: {},
      create: {
        userId: user.id,
        ...membershipData({
          municipalityId,
          groups: a.membership.groups,
          departmentId: department?.id ?? null,
          allowedCategories: a.membership.allowedCategories,
          status: a.membership.status,
          source: "seed",
          jobTitle: a.note,
          suspensionReason: "On leave (demo)",
        }),
      },
    });
  }
}
