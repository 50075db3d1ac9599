// Statistics over a period (from/to, UTC days, both ends included), the same for the internal and
// the public figures; bad dates are refused on the field that holds them; the "most reported"
// figure names every category that shares the top count.
import { describe, expect, it } from "vitest";
import { testPrisma } from "@/test/fixtures/db";
import { freshTownWithAdmin } from "@/test/fixtures/viewers";
import { anonymousViewer } from "./anonymous-viewer";
import { recordsOf } from "./record-store";
import { getStatistics, mostReported, parseStatisticsRange } from "./statistics";

const requests = recordsOf("ServiceRequest");

async function townWithRequests() {
  const { town, admin } = await freshTownWithAdmin();
  const made: [string, string, boolean][] = [
    ["ROADS", "2026-01-31T23:59:59Z", true],
    ["ROADS", "2026-02-01T00:00:00Z", true],
    ["PARKS", "2026-02-15T12:00:00Z", true],
    ["PARKS", "2026-02-28T23:59:59Z", false],
    ["WASTE", "2026-03-01T00:00:00Z", true],
  ];
  for (const [category, at, isPublic] of made) {
    const r = await requests.create(admin, {
      municipalityId: town.id,
      category,
      title: `Report in ${category}`,
      description: "Seen on the way to work.",
      area: "Centre",
    });
    await testPrisma().serviceRequest.update({
      where: { id: String(r.id) },
      data: { createdAt: new Date(at), isPublic },
    });
  }
  return { town, admin };
}

describe("statistics over a period", () => {
  it("counts requests created on the days from/to, in the internal and the public figures", async () => {
    const { town, admin } = await townWithRequests();
    const all = await getStatistics(admin, town.id, { scope: "internal" });
    expect(all.total).toBe(5);
    expect(all.range).toEqual({ from: null, to: null });

    const feb = await getStatistics(admin, town.id, { scope: "internal", from: "2026-02-01", to: "2026-02-28" });
    expect(feb.total).toBe(3);
    expect(feb.range).toEqual({ from: "2026-02-01", to: "2026-02-28" });
    expect(feb.byMonth).toEqual([{ month: "2026-02", count: 3 }]);
    expect(feb.byCategory).toEqual([
      { category: "ROADS", count: 1 },
      { category: "PARKS", count: 2 },
    ]);

    const publicFeb = await getStatistics(await anonymousViewer(), town.id, {
      scope: "public",
      from: "2026-02-01",
      to: "2026-02-28",
    });
    expect(publicFeb.total).toBe(2);
    expect(publicFeb.byMonth).toEqual([{ month: "2026-02", count: 2 }]);

    // Open ends.
    expect((await getStatistics(admin, town.id, { scope: "internal", from: "2026-02-16" })).total).toBe(2);
    expect((await getStatistics(admin, town.id, { scope: "internal", to: "2026-01-31" })).total).toBe(1);
    // Empty strings (an empty date input) mean "no limit".
    expect((await getStatistics(admin, town.id, { scope: "internal", from: "", to: "" })).total).toBe(5);
  });

  it("refuses a date that is not a day, or a period that ends before it starts, naming the field", async () => {
    const { town, admin } = await freshTownWithAdmin();
    await expect(getStatistics(admin, town.id, { scope: "internal", from: "2026-02-30" })).rejects.toMatchObject({
      status: 400,
      fieldErrors: { from: [expect.stringMatching(/YYYY-MM-DD/)] },
    });
    await expect(getStatistics(admin, town.id, { scope: "internal", to: "yesterday" })).rejects.toMatchObject({
      fieldErrors: { to: [expect.any(String)] },
    });
    expect(() => parseStatisticsRange({ from: "2026-03-01", to: "2026-02-01" })).toThrow(
      expect.objectContaining({ fieldErrors: { to: ["“To” must be on or after “From”."] } }),
    );
    expect(() => parseStatisticsRange({ from: ["2026-03-01"] })).toThrow(/correct the dates/);
  });

  it("names every category that shares the top count", async () => {
    const { town, admin } = await townWithRequests();
    // ROADS 2, PARKS 2, WASTE 1: a tie.
    expect((await getStatistics(admin, town.id, { scope: "internal" })).mostReported).toEqual({
      categories: expect.arrayContaining(["ROADS", "PARKS"]),
      count: 2,
    });
    expect((await getStatistics(admin, town.id, { scope: "internal", from: "2026-02-02" })).mostReported).toEqual({
      categories: ["PARKS"],
      count: 2,
    });
    expect(mostReported([])).toBeNull();
    expect(mostReported([{ category: "ROADS", count: 0 }])).toBeNull();
  });
});
