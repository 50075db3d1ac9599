// Municipality settings through lib/data on the real database: each viewer changes exactly the
// fields their policy permits on that municipality's row, anything else is refused by name and
// writes nothing, a domain held by another municipality is a message on its field, every change
// is audited with before and after. Each test makes its own municipalities.
import { describe, expect, it } from "vitest";
import { testPrisma } from "@/test/fixtures/db";
import { freshMunicipality } from "@/test/fixtures/municipalities";
import { freshUser } from "@/test/fixtures/people";
import { uniq } from "@/test/fixtures/unique";
import { freshTownWithAdmin, freshViewer, viewerOfUser } from "@/test/fixtures/viewers";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { SETTINGS_FIELDS } from "@/lib/schemas/municipality-settings";
import { municipalitySettings, updateMunicipalitySettings } from "./municipality-settings";

const settingsOf = (id: string) => testPrisma().municipality.findUniqueOrThrow({ where: { id } });
const eventsOf = (id: string) =>
  testPrisma().auditEvent.findMany({
    where: { targetId: id, action: "municipality.settings.update" },
    orderBy: { seq: "asc" },
  });

async function rejection(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => {
      throw new Error("expected a refusal");
    },
    (e: unknown) => e,
  );
}

describe("municipality settings", () => {
  it("shows a municipality admin the fields municipality_admin.yaml lets them update, the rest read-only", async () => {
    const { town, admin } = await freshTownWithAdmin();
    const view = await municipalitySettings(admin, town.slug);
    // Everything but the platform's own: the name, region, identity-provider domains and strict lockout.
    const platformOnly = ["name", "region", "emailDomains", "lockoutUntilUnlocked"];
    expect(view.editable).toEqual(SETTINGS_FIELDS.filter((f) => !platformOnly.includes(f)));
    // Readable but not editable: shown as text.
    expect(view.values).toMatchObject({ name: town.name, lockoutUntilUnlocked: false, emailDomains: [] });
    const platform = await viewerOfUser((await freshUser({ platformGroups: ["platform_admin"] })).id);
    expect((await municipalitySettings(platform, town.slug)).editable).toContain("emailDomains");
    expect((await municipalitySettings(platform, town.slug)).editable).toContain("name");
  });

  it("is not found for another municipality's admin and for a manager", async () => {
    const { town } = await freshTownWithAdmin();
    const { admin: otherAdmin } = await freshTownWithAdmin();
    const manager = await freshViewer(town.id, ["manager"]);
    await expect(municipalitySettings(otherAdmin, town.slug)).rejects.toBeInstanceOf(NotFoundError);
    await expect(municipalitySettings(manager, town.slug)).rejects.toBeInstanceOf(NotFoundError);
    await expect(updateMunicipalitySettings(otherAdmin, town.id, { description: "x" })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    expect((await settingsOf(town.id)).description).toBeNull();
  });

  it("saves permitted fields and audits exactly the changed ones with before and after", async () => {
    const { town, admin } = await freshTownWithAdmin();
    const r = await updateMunicipalitySettings(admin, town.id, {
      mfaRequirement: "ADMINS_AND_MANAGERS",
      sessionIdleMinutes: "15",
      inactivityDays: "",
      disabledModules: ["heritage"],
      disabledCategories: ["NOISE", "GRAFFITI"],
      requiresApproval: true, // unchanged: not audited
    });
    expect(r.changed.sort()).toEqual(
      ["disabledCategories", "disabledModules", "inactivityDays", "mfaRequirement", "sessionIdleMinutes"].sort(),
    );
    const m = await settingsOf(town.id);
    expect(m).toMatchObject({
      mfaRequirement: "ADMINS_AND_MANAGERS",
      sessionIdleMinutes: 15,
      inactivityDays: null,
      disabledModules: ["heritage"],
      disabledCategories: ["GRAFFITI", "NOISE"],
    });
    const [event] = await eventsOf(town.id);
    expect(event!.actorId).toBe(admin.principal.kind === "user" ? admin.principal.userId : "");
    expect(event!.municipalityId).toBe(town.id);
    expect(event!.data).toEqual({
      changed: {
        mfaRequirement: { from: "OFF", to: "ADMINS_AND_MANAGERS" },
        sessionIdleMinutes: { from: 30, to: 15 },
        inactivityDays: { from: 90, to: null },
        disabledModules: { from: [], to: ["heritage"] },
        disabledCategories: { from: [], to: ["GRAFFITI", "NOISE"] },
      },
    });
    // Nothing changed: nothing written, nothing audited.
    expect((await updateMunicipalitySettings(admin, town.id, { sessionIdleMinutes: 15 })).changed).toEqual([]);
    expect(await eventsOf(town.id)).toHaveLength(1);
  });

  it("refuses a field outside the policy by name (403) and writes nothing, not even the permitted ones", async () => {
    const { town, admin } = await freshTownWithAdmin();
    const e = await rejection(
      updateMunicipalitySettings(admin, town.id, {
        description: "New text",
        name: "Renamed",
        lockoutUntilUnlocked: true,
      }),
    );
    expect(e).toBeInstanceOf(ForbiddenError);
    expect((e as ForbiddenError).status).toBe(403);
    expect((e as Error).message).toMatch(/name\b/);
    expect((e as Error).message).toMatch(/lockoutUntilUnlocked/);
    const m = await settingsOf(town.id);
    expect(m).toMatchObject({ name: town.name, description: null, lockoutUntilUnlocked: false });
    expect(await eventsOf(town.id)).toHaveLength(0);
  });

  it("names unknown fields and bad values field by field (400), keeping the ranges of the sign-in controls", async () => {
    const { town, admin } = await freshTownWithAdmin();
    const unknown = await rejection(updateMunicipalitySettings(admin, town.id, { slug: "elsewhere", colour: "red" }));
    expect(unknown).toBeInstanceOf(ValidationError);
    expect((unknown as ValidationError).status).toBe(400);
    expect(Object.keys((unknown as ValidationError).fieldErrors).sort()).toEqual(["colour", "slug"]);
    const bad = (await rejection(
      updateMunicipalitySettings(admin, town.id, {
        sessionIdleMinutes: "61",
        inactivityDays: "10",
        mfaRequirement: "SOMETIMES",
        selfRegistrationDomains: "ok.example, not a domain",
      }),
    )) as ValidationError;
    expect(bad.fieldErrors.sessionIdleMinutes?.[0]).toMatch(/at most 60/);
    expect(bad.fieldErrors.inactivityDays?.[0]).toMatch(/at least 30/);
    expect(bad.fieldErrors.mfaRequirement?.[0]).toMatch(/second factor/);
    expect(bad.fieldErrors.selfRegistrationDomains?.[0]).toMatch(/"not"/);
    expect((await settingsOf(town.id)).sessionIdleMinutes).toBe(30);
  });

  it("turns a domain another municipality holds into a message on that field and writes nothing", async () => {
    const taken = `taken-${uniq()}.example`;
    await freshMunicipality({ domains: [taken] });
    const { town, admin } = await freshTownWithAdmin();
    const e = (await rejection(
      updateMunicipalitySettings(admin, town.id, {
        description: "Both in one save",
        selfRegistrationDomains: `mine-${uniq()}.example, ${taken.toUpperCase()}`,
      }),
    )) as ValidationError;
    expect(e).toBeInstanceOf(ValidationError);
    expect(e.fieldErrors.selfRegistrationDomains?.[0]).toContain(taken);
    expect(e.fieldErrors.selfRegistrationDomains?.[0]).toMatch(/another municipality/);
    const m = await settingsOf(town.id);
    expect(m).toMatchObject({ description: null, selfRegistrationDomains: [] });
    expect(await eventsOf(town.id)).toHaveLength(0);
    // The platform console's field (emailDomains) is checked against the same trigger.
    const platform = await viewerOfUser((await freshUser({ platformGroups: ["platform_admin"] })).id);
    const p = (await rejection(
      updateMunicipalitySettings(platform, town.id, { emailDomains: [taken] }),
    )) as ValidationError;
    expect(p.fieldErrors.emailDomains?.[0]).toContain(taken);
  });

  it("asks for confirmation (the step-up hook) before writing, with the changed fields", async () => {
    const { town, admin } = await freshTownWithAdmin();
    const seen: string[][] = [];
    await expect(
      updateMunicipalitySettings(
        admin,
        town.id,
        { mfaRequirement: "EVERYONE", description: "d" },
        {
          confirm: async (changed) => {
            seen.push(changed);
            throw new ForbiddenError("confirm first");
          },
        },
      ),
    ).rejects.toThrow("confirm first");
    expect(seen).toEqual([["description", "mfaRequirement"]]);
    expect((await settingsOf(town.id)).mfaRequirement).toBe("OFF");
  });

  it("lets a platform admin change the platform-only fields of any municipality", async () => {
    const town = await freshMunicipality();
    const platform = await viewerOfUser((await freshUser({ platformGroups: ["platform_admin"] })).id);
    const domain = `city-${uniq()}.example`;
    await updateMunicipalitySettings(platform, town.id, {
      name: "Renamed Town",
      region: "North",
      emailDomains: domain,
      lockoutUntilUnlocked: true,
    });
    expect(await settingsOf(town.id)).toMatchObject({
      name: "Renamed Town",
      region: "North",
      emailDomains: [domain],
      lockoutUntilUnlocked: true,
    });
  });
});
