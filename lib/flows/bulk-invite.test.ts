import { describe, expect, it } from "vitest";
import { testPrisma } from "@/test/fixtures/db";
import { viewerOf } from "@/test/fixtures/viewers";
import { bulkInvite } from "./bulk-invite";

describe("bulk invite from CSV", () => {
  it("invites the good rows and reports each bad row with its reason", async () => {
    const raw = testPrisma();
    const lakeside = await raw.municipality.findUniqueOrThrow({ where: { slug: "lakeside" } });
    const viewer = await viewerOf("admin@lakeside.test");
    const stamp = Date.now();
    const csv = [
      "email,groups,department,categories",
      `good1.${stamp}@lakeside.test,operator,public-works,ROADS;WASTE`,
      `not-an-email,viewer,,`,
      `good2.${stamp}@lakeside.test,viewer,,`,
      `bad-group.${stamp}@lakeside.test,superuser,,`,
      `bad-dept.${stamp}@lakeside.test,viewer,nowhere,`,
      `bad-cat.${stamp}@lakeside.test,operator,,POTHOLES`,
      `operator@lakeside.test,viewer,,`,
    ].join("\n");
    const report = await bulkInvite(viewer, lakeside.id, csv);
    expect(report.map((r) => [r.line, r.outcome])).toEqual([
      [2, "invited"],
      [3, "refused"],
      [4, "invited"],
      [5, "refused"],
      [6, "refused"],
      [7, "refused"],
      [8, "refused"],
    ]);
    expect(report[1]!.reason).toMatch(/email/i);
    expect(report[3]!.reason).toMatch(/superuser/);
    expect(report[4]!.reason).toMatch(/Unknown department/);
    expect(report[6]!.reason).toMatch(/already a member/);
    const invited = await raw.invitation.findMany({
      where: { municipalityId: lakeside.id, email: { contains: String(stamp) } },
    });
    expect(invited.map((i) => i.email).sort()).toEqual([
      `good1.${stamp}@lakeside.test`,
      `good2.${stamp}@lakeside.test`,
    ]);
    expect(invited.find((i) => i.email.startsWith("good1"))!.allowedCategories).toEqual(["ROADS", "WASTE"]);
    expect(await raw.outboxMessage.count({ where: { to: { contains: String(stamp) } } })).toBe(2);
    await raw.$disconnect();
  });
});
