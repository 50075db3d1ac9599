// Service categories a municipality does not use (Municipality.disabledCategories): a service
// request in one is refused on its `category` field — created by staff, by the public, or moved
// there by an update — while requests already in that category keep it and other categories work.
import { describe, expect, it } from "vitest";
import { testPrisma } from "@/test/fixtures/db";
import { freshTownWithAdmin, freshViewer } from "@/test/fixtures/viewers";
import { anonymousViewer } from "./anonymous-viewer";
import { recordsOf } from "./record-store";
import { creatableVariants, unusedVariants } from "./create-options";

const requests = recordsOf("ServiceRequest");
const report = (municipalityId: string, category: string) => ({
  municipalityId,
  category,
  title: "Loud music at night",
  description: "Every night after midnight, for a week now.",
  area: "Centre",
});

describe("categories in use", () => {
  it("refuses creating or moving a request into an unused category, on the category field", async () => {
    const { town, admin } = await freshTownWithAdmin();
    const manager = await freshViewer(town.id, ["manager"]);
    const kept = await requests.create(admin, report(town.id, "NOISE"));
    await testPrisma().municipality.update({ where: { id: town.id }, data: { disabledCategories: ["NOISE"] } });

    const refused = { fieldErrors: { category: [expect.stringMatching(/does not use this category/)] } };
    await expect(requests.create(admin, report(town.id, "NOISE"))).rejects.toMatchObject(refused);
    await expect(requests.create(await anonymousViewer(), report(town.id, "NOISE"))).rejects.toMatchObject(refused);
    const other = await requests.create(manager, report(town.id, "ROADS"));
    await expect(requests.update(manager, String(other.id), { category: "NOISE" })).rejects.toMatchObject(refused);

    // The request already in that category keeps it and can still be worked on.
    await requests.update(manager, String(kept.id), { status: "IN_PROGRESS" });
    expect(await testPrisma().serviceRequest.findUniqueOrThrow({ where: { id: String(kept.id) } })).toMatchObject({
      category: "NOISE",
      status: "IN_PROGRESS",
    });
    expect(await testPrisma().serviceRequest.count({ where: { municipalityId: town.id, category: "NOISE" } })).toBe(1);

    // The forms' options leave it out.
    const unused = unusedVariants("ServiceRequest", { disabledCategories: ["NOISE"] });
    expect(creatableVariants(admin, "ServiceRequest", town.id, unused)).not.toContain("NOISE");
    expect(creatableVariants(admin, "ServiceRequest", town.id, unused)).toContain("ROADS");
    expect(unusedVariants("Document", { disabledCategories: ["NOISE"] })).toEqual([]);
  });
});
