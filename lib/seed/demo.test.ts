import { describe, expect, it } from "vitest";
import { testPrisma } from "@/test/fixtures/db";
import { DEMO_MUNICIPALITIES } from "./demo";
import { TEST_ACCOUNTS } from "./test-users";

const prisma = testPrisma();

describe("demo seed", () => {
  it("creates every demo municipality with departments", async () => {
    // Other test files add municipalities of their own to the same database: look at the demo ones.
    const rows = await prisma.municipality.findMany({
      where: { slug: { in: DEMO_MUNICIPALITIES.map((m) => m.slug) } },
      include: { _count: { select: { departments: true } } },
    });
    expect(rows.map((r) => r.slug).sort()).toEqual(DEMO_MUNICIPALITIES.map((m) => m.slug).sort());
    for (const r of rows) expect(r._count.departments).toBeGreaterThan(0);
  });

  it("creates records of every visibility class in every municipality", async () => {
    for (const m of await prisma.municipality.findMany({
      where: { slug: { in: DEMO_MUNICIPALITIES.map((d) => d.slug) } },
    })) {
      const where = { municipalityId: m.id };
      expect(await prisma.serviceRequest.count({ where: { ...where, isPublic: true } })).toBeGreaterThan(0);
      expect(await prisma.serviceRequest.count({ where: { ...where, isPublic: false } })).toBeGreaterThan(0);
      expect(await prisma.heritageSite.count({ where: { ...where, kind: "ARCHAEOLOGICAL_ZONE" } })).toBeGreaterThan(0);
      expect(await prisma.heritageSite.count({ where: { ...where, kind: "HISTORIC_AREA" } })).toBeGreaterThan(0);
      expect(await prisma.document.count({ where: { ...where, visibility: "PUBLIC" } })).toBeGreaterThan(0);
      expect(await prisma.document.count({ where: { ...where, visibility: "INTERNAL" } })).toBeGreaterThan(0);
    }
  });

  it("creates one account per test account, with hashed passwords only", async () => {
    const users = await prisma.user.findMany({ select: { email: true, passwordHash: true } });
    for (const a of TEST_ACCOUNTS) {
      const u = users.find((x) => x.email === a.email);
      expect(u, a.email).toBeDefined();
      expect(u!.passwordHash).toMatch(/^\$argon2id\$/);
    }
  });
});
