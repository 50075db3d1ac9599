// Seeding from scripts and tests, with a PrismaClient of its own (not the app singleton).
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../../lib/generated/prisma/client.ts";
import { seedDemoData } from "../../lib/seed/demo.ts";
import { seedTestUsers } from "../../lib/seed/test-users.ts";
import { seedDemoPeople } from "../../lib/seed/demo-people.ts";
import { seedSso } from "../../lib/seed/sso.ts";
import { seedServices } from "../../lib/seed/services.ts";

export async function withPrisma<T>(url: string, fn: (p: PrismaClient) => Promise<T>): Promise<T> {
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
  try {
    return await fn(prisma);
  } finally {
    await prisma.$disconnect();
  }
}

export async function isEmpty(url: string): Promise<boolean> {
  return withPrisma(url, async (p) => (await p.municipality.count()) === 0);
}

/** Demo municipalities and records, then one test account per group (docs/requirements.md#record-views). Idempotent. */
export async function seedDemo(
  url: string,
  sso?: { issuer: string; authSecret: string; demoUrl?: string },
): Promise<void> {
  await withPrisma(url, async (p) => {
    await seedDemoData(p);
    await seedTestUsers(p);
    await seedDemoPeople(p);
    // Riverton signs in through the local identity provider (`npm run idp`).
    if (sso) await seedSso(p, sso);
    // Its Permits service is the demo in examples/permits-demo (DEMO_URL, `npm run demo:permits`).
    if (sso) await seedServices(p, { authSecret: sso.authSecret, demoUrl: sso.demoUrl ?? process.env.DEMO_URL });
  });
}
