// One test account per built-in group (docs/requirements.md#record-views's `initialize test-users`), plus the
// special cases the tests need: a second municipality's staff, a suspended membership,
// a deactivated user and a person waiting for approval. Idempotent.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { MembershipStatus, ServiceCategory } from "@/lib/generated/prisma/enums";
import { hashPassword } from "@/lib/crypto/password";
import { membershipData, userData } from "./people";

/** Known password of every demo account. Seeded only into the embedded database or when asked. */
export const DEMO_PASSWORD = "gatehouse-demo";

type TestMembership = {
  municipality: string;
  groups: string[];
  department?: string;
  allowedCategories?: ServiceCategory[];
  status?: MembershipStatus;
};

export type TestAccount = {
  email: string;
  name: string;
  platformGroups?: string[];
  membership?: TestMembership;
  isActive?: boolean;
  /** A citizen account (self-registered on the portal): no membership, the citizen group. */
  isCitizen?: boolean;
  note: string;
};

/** An account with platform groups only, no municipality. */
const platform = (email: string, name: string, groups: string[], note: string): TestAccount => ({
  email,
  name,
  platformGroups: groups,
  note,
});

/** Staff of the municipality their email's domain names (admin@riverton.test: riverton). */
function member(
  email: string,
  name: string,
  note: string,
  groups: string[],
  more: Omit<TestMembership, "municipality" | "groups"> = {},
  account: Pick<TestAccount, "isActive"> = {},
): TestAccount {
  const municipality = email.slice(email.indexOf("@") + 1).replace(/\.test$/, "");
  return { email, name, ...account, membership: { municipality, groups, ...more }, note };
}

export const TEST_ACCOUNTS: TestAccount[] = [
  platform("superuser@gatehouse.test", "Sam Superuser", ["superuser"], "everything, everywhere"),
  platform(
    "platform.admin@gatehouse.test",
    "Pat Platform",
    ["platform_admin"],
    "municipalities, SSO, people everywhere",
  ),
  member("admin@riverton.test", "Ada Admin", "Riverton municipality admin", ["municipality_admin"]),
  member("manager@riverton.test", "Max Manager", "Riverton manager, public works", ["manager"], {
    department: "public-works",
  }),
  member("operator@riverton.test", "Olga Operator", "Riverton operator, roads and street lighting only", ["operator"], {
    department: "public-works",
    allowedCategories: ["ROADS", "STREET_LIGHTING"],
  }),
  member("viewer@riverton.test", "Vic Viewer", "Riverton read-only", ["viewer"]),
  member("editor@riverton.test", "Edith Editor", "Riverton documents editor", ["viewer", "document_editor"], {
    department: "clerk",
  }),
  member("volunteer@riverton.test", "Val Volunteer", "Riverton volunteer, limited views", ["volunteer"]),
  member("analyst@riverton.test", "Ana Analyst", "Riverton statistics only", ["analyst"]),
  member("admin@lakeside.test", "Lee Lakeside", "Lakeside municipality admin", ["municipality_admin"]),
  member("operator@lakeside.test", "Otto Lakeside", "Lakeside operator, all categories", ["operator"], {
    department: "public-works",
  }),
  member("suspended@riverton.test", "Sue Suspended", "membership suspended: no access", ["operator"], {
    status: "SUSPENDED",
  }),
  member("pending@riverton.test", "Pia Pending", "waiting for approval", ["viewer"], { status: "PENDING_APPROVAL" }),
  member(
    "deactivated@riverton.test",
    "Dee Deactivated",
    "account deactivated: cannot sign in",
    ["viewer"],
    {},
    { isActive: false },
  ),
  {
    email: "citizen@example.test",
    name: "Cora Citizen",
    isCitizen: true,
    note: "citizen account: their own reports and the ones they follow (/my)",
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
        isCitizen: a.isCitizen,
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
