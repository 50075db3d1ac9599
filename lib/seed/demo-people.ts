// Demo people who are not test accounts (lib/seed/test-users.ts has those, one per group, and
// every policy matrix and the access matrix are computed for them): here, someone who still holds
// a deprecated group (seed 000's performance_monitors), so the people list, the person page and
// the next access review show what happens to such a holder. No password: nobody signs in as them.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { membershipData, userData } from "./people";

export const DEPRECATED_HOLDER = {
  email: "pat.monroe@riverton.test",
  name: "Pat Monroe",
  municipality: "riverton",
  groups: ["performance_monitors"],
  jobTitle: "Budget analyst (performance monitoring, since before the Analyst group)",
};

/** Idempotent: the person and their membership are created once and never changed after. */
export async function seedDemoPeople(prisma: PrismaClient): Promise<void> {
  const muni = await prisma.municipality.findUnique({
    where: { slug: DEPRECATED_HOLDER.municipality },
    select: { id: true },
  });
  if (!muni) return;
  const user = await prisma.user.upsert({
    where: { email: DEPRECATED_HOLDER.email },
    update: {},
    create: userData({ email: DEPRECATED_HOLDER.email, name: DEPRECATED_HOLDER.name, emailVerified: new Date() }),
    select: { id: true },
  });
  await prisma.membership.upsert({
    where: { userId_municipalityId: { userId: user.id, municipalityId: muni.id } },
    update: {},
    create: {
      userId: user.id,
      ...membershipData({
        municipalityId: muni.id,
        groups: DEPRECATED_HOLDER.groups,
        source: "seed",
        jobTitle: DEPRECATED_HOLDER.jobTitle,
      }),
    },
  });
}
