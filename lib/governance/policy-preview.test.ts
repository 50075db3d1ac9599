// The platform console's policy preview over real PostgreSQL: a narrowed volunteer.yaml shows
// exactly the volunteers and fields it affects; a file that does not load is refused with file and
// rule (never "no change"); limits and the console gate hold.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { NotFoundError } from "@/lib/errors";
import { DEFAULT_POLICY_DIR } from "@/lib/policy/load";
import { testPrisma } from "@/test/fixtures/db";
import { freshMunicipality } from "@/test/fixtures/municipalities";
import { freshPerson } from "@/test/fixtures/people";
import { viewerOf, viewerOfUser } from "@/test/fixtures/viewers";
import { validationRefusal } from "@/test/fixtures/refusals";
import { pastedFile, PREVIEW_MAX_FILES, previewPolicyFiles } from "./policy-preview";

const raw = testPrisma();
const volunteer = readFileSync(path.join(DEFAULT_POLICY_DIR, "volunteer.yaml"), "utf8");
// The historic-area rule without the exact address and coordinates.
const narrowed = volunteer.replace(
  "designation, isPublic, address, latitude, longitude, createdAt, updatedAt]",
  "designation, isPublic, createdAt, updatedAt]",
);

const refusal = validationRefusal;

describe("policy preview (/platform/policies)", () => {
  it("a narrowed volunteer.yaml: the town's volunteers lose the address and coordinates of its historic areas", async () => {
    expect(narrowed).not.toBe(volunteer);
    const town = await freshMunicipality();
    await freshPerson(town.id, ["volunteer"]);
    await freshPerson(town.id, ["volunteer"]);
    await freshPerson(town.id, ["operator"]);
    await raw.heritageSite.create({
      data: {
        municipalityId: town.id,
        kind: "HISTORIC_AREA",
        name: "Old Mill Row",
        summary: "Mill cottages",
        district: "North",
        // Not public: only the volunteer rule shows its address (public.yaml shows a public one's).
        isPublic: false,
        address: "1 Mill Row",
        latitude: 1,
        longitude: 2,
      },
    });
    const admin = await viewerOf("platform.admin@gatehouse.test");
    const { diff, markdown, words } = await previewPolicyFiles(admin, [pastedFile("volunteer.yaml", narrowed)], {
      municipalityIds: [town.id],
    });
    expect(diff.changedFiles).toEqual(["volunteer.yaml"]);
    expect(diff.entries).toHaveLength(1);
    const [entry] = diff.entries;
    expect(entry).toMatchObject({ kind: "membership", groups: ["volunteer"], principals: 2 });
    expect(entry!.municipality?.id).toBe(town.id);
    const heritage = entry!.changes.find((c) => c.subject === "HeritageSite" && c.action === "read");
    expect(heritage).toMatchObject({ gained: 0, lost: 0 });
    expect(heritage!.fieldsHidden.map((f) => [f.field, f.records]).sort()).toEqual([
      ["address", 1],
      ["latitude", 1],
      ["longitude", 1],
    ]);
    expect(words.titles[0]).toBe(`${town.name} — Volunteer`);
    expect(words.actions.read).toBe("see");
    expect(markdown).toContain("volunteer.yaml");
  });

  it("the same files as deployed: nothing changes for anyone", async () => {
    const town = await freshMunicipality();
    await freshPerson(town.id, ["volunteer"]);
    const admin = await viewerOf("platform.admin@gatehouse.test");
    const { diff } = await previewPolicyFiles(admin, [pastedFile("volunteer.yml", volunteer)], {
      municipalityIds: [town.id],
    });
    expect(diff.entries).toEqual([]);
    expect(diff.changedFiles).toEqual([]);
  });

  it("a file that does not load is refused with its file and rule, never previewed as no change", async () => {
    const admin = await viewerOf("platform.admin@gatehouse.test");
    const broken = volunteer.replace("can: read\n    on: ServiceRequest", "can: read\n    on: NoSuchRecord");
    const e = await refusal(previewPolicyFiles(admin, [pastedFile("volunteer.yaml", broken)]));
    expect(e.message).toBe("These files do not load, so nothing was previewed.");
    expect(e.fieldErrors.files?.[0]).toMatch(
      /^policies\/groups\/volunteer\.yaml rule #1: unknown subject "NoSuchRecord"/,
    );
    const yaml = await refusal(previewPolicyFiles(admin, [pastedFile("volunteer.yaml", "group: [unclosed")]));
    expect(yaml.fieldErrors.files?.[0]).toMatch(/volunteer\.yaml/);
    const badName = await refusal(previewPolicyFiles(admin, [pastedFile("../volunteer.yaml", volunteer)]));
    expect(badName.fieldErrors.files?.[0]).toMatch(/named <group>\.yaml/);
  });

  it("refuses no files, too many, too large and an unnamed paste, before reading them", async () => {
    const admin = await viewerOf("platform.admin@gatehouse.test");
    expect((await refusal(previewPolicyFiles(admin, []))).fieldErrors.files?.[0]).toMatch(/at least one group file/);
    const many = Array.from({ length: PREVIEW_MAX_FILES + 1 }, (_, i) => pastedFile(`g${i}.yaml`, "x"));
    expect((await refusal(previewPolicyFiles(admin, many))).message).toMatch(/^At most 20 files at once/);
    const big = pastedFile("volunteer.yaml", "#".repeat(70 * 1024));
    expect((await refusal(previewPolicyFiles(admin, [big]))).message).toMatch(/at most 64 KB/);
    expect((await refusal(previewPolicyFiles(admin, [pastedFile(" ", volunteer)]))).message).toMatch(/file name/);
  });

  it("is not found for anyone outside the platform console", async () => {
    const town = await freshMunicipality();
    const muniAdmin = await freshPerson(town.id, ["municipality_admin"]);
    await expect(
      previewPolicyFiles(await viewerOfUser(muniAdmin.id), [pastedFile("volunteer.yaml", narrowed)]),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});
