// Creating and archiving municipalities from the platform console, on the real database: a taken
// email domain or slug is a field message and nothing is written (the database trigger's refusal
// of a racing claim too); archiving ends what the municipality's memberships carry, hides its
// portal and workspace, and refuses new invitations and registrations — never deleting a row.
import { describe, expect, it } from "vitest";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { findMunicipalityBySlug, listMunicipalities, workspaceMunicipalities } from "./municipalities";
import {
  createPlatformMunicipality,
  listPlatformMunicipalities,
  platformMunicipality,
  setMunicipalityArchived,
} from "./platform-municipalities";
import { createInvitation } from "@/lib/flows/invite";
import { createMunicipality } from "@/lib/flows/municipality-setup";
import { municipalitiesOpenForRegistration, requestRegistration } from "@/lib/flows/registration";
import { testPrisma } from "@/test/fixtures/db";
import { freshMunicipality } from "@/test/fixtures/municipalities";
import { freshPerson, freshUser } from "@/test/fixtures/people";
import { viewerOfUser } from "@/test/fixtures/viewers";
import { uniq } from "@/test/fixtures/unique";

const raw = testPrisma();

async function platformAdmin() {
  return viewerOfUser((await freshUser({ platformGroups: ["platform_admin"] })).id);
}

const base = (tag: string) => ({
  name: `New Town ${tag}`,
  slug: `nt-${tag}`,
  emailDomains: `nt-${tag}.test`,
  mfaRequirement: "OFF" as const,
  sessionIdleMinutes: "30",
  inactivityDays: "90",
  enabledModules: ["service_requests", "documents"],
  departments: "Public works\nClerk's office",
  requiresApproval: "on",
});

describe("creating a municipality", () => {
  it("creates it with its email domain, settings and first departments, audited", async () => {
    const pa = await platformAdmin();
    const tag = uniq();
    const m = await createMunicipality(pa, { ...base(tag), selfRegistration: "on" });
    const row = await raw.municipality.findUniqueOrThrow({ where: { id: m.id }, include: { departments: true } });
    expect(row).toMatchObject({
      emailDomains: [`nt-${tag}.test`],
      selfRegistrationDomains: [`nt-${tag}.test`],
      requiresApproval: true,
      disabledModules: ["heritage", "statistics"],
      inactivityDays: 90,
    });
    expect(row.departments.map((d) => d.name).sort()).toEqual(["Clerk's office", "Public works"]);
    expect(await raw.auditEvent.count({ where: { action: "municipality.create", targetId: m.id } })).toBe(1);
    const detail = await platformMunicipality(pa, m.slug);
    expect(detail.counts).toMatchObject({ people: 0, departments: 2, records: 0 });
  });

  it("an email domain another municipality holds is a field error on emailDomains, and nothing is written", async () => {
    const pa = await platformAdmin();
    const tag = uniq();
    const other = await freshMunicipality({ domains: [`held-${tag}.test`] });
    const input = { ...base(tag), emailDomains: `fine-${tag}.test\nHELD-${tag}.test` };
    const err = await createMunicipality(pa, input).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).fieldErrors.emailDomains?.[0]).toMatch(
      new RegExp(`held-${tag}\\.test already belongs to ${other.name}`),
    );
    expect(await raw.municipality.count({ where: { slug: input.slug } })).toBe(0);
    expect(await raw.department.count({ where: { municipality: { slug: input.slug } } })).toBe(0);
    expect(
      await raw.auditEvent.count({
        where: { action: "municipality.create", data: { path: ["slug"], equals: input.slug } },
      }),
    ).toBe(0);
  });

  it("the database trigger's refusal (a claim that raced past the check) becomes the same field message", async () => {
    const pa = await platformAdmin();
    const tag = uniq();
    const racer = `race-${tag}.test`;
    // The claim lands after the check before writing has looked: only the trigger can see it.
    const err = await createPlatformMunicipality(
      pa,
      { ...base(tag), emailDomains: racer },
      {
        reservedDomains: async () => {
          await raw.municipality.create({ data: { slug: `racer-${tag}`, name: "Racer", emailDomains: [racer] } });
          return [];
        },
      },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).fieldErrors).toEqual({
      emailDomains: [`${racer} already belongs to another municipality (racer-${tag}).`],
    });
    expect(await raw.municipality.count({ where: { slug: `nt-${tag}` } })).toBe(0);
    expect(await raw.department.count({ where: { municipality: { slug: `nt-${tag}` } } })).toBe(0);
  });

  it("a domain policies/sso.yaml gives to Riverton's SSO and a taken slug are refused on their fields", async () => {
    const pa = await platformAdmin();
    const tag = uniq();
    const err = (await createMunicipality(pa, { ...base(tag), slug: "riverton", emailDomains: "riverton.test" }).catch(
      (e: unknown) => e,
    )) as ValidationError;
    expect(err.fieldErrors.slug?.[0]).toMatch(/taken/);
    expect(err.fieldErrors.emailDomains?.[0]).toMatch(/riverton\.test/);
    const bad = (await createMunicipality(pa, {
      ...base(tag),
      emailDomains: "not a domain",
      sessionIdleMinutes: "500",
    }).catch((e: unknown) => e)) as ValidationError;
    expect(Object.keys(bad.fieldErrors).sort()).toEqual(["emailDomains", "sessionIdleMinutes"]);
  });

  it("a municipality admin is not in the console: list, create and archive are not found", async () => {
    const town = await freshMunicipality();
    const admin = await viewerOfUser((await freshPerson(town.id, ["municipality_admin"])).id);
    await expect(listPlatformMunicipalities(admin, {})).rejects.toThrow(NotFoundError);
    await expect(listPlatformMunicipalities(await platformAdmin(), { q: "river\u0000ton" })).rejects.toThrow(
      ValidationError,
    );
    await expect(createMunicipality(admin, base(uniq()))).rejects.toThrow(NotFoundError);
    await expect(
      setMunicipalityArchived(admin, { slug: town.slug, archived: true, confirm: town.slug }),
    ).rejects.toThrow(NotFoundError);
    expect((await raw.municipality.findUniqueOrThrow({ where: { id: town.id } })).archivedAt).toBeNull();
  });
});

describe("archiving a municipality", () => {
  it("its memberships carry no access, portal and workspace are not found, no invitations or registrations; restore brings it back", async () => {
    const pa = await platformAdmin();
    const tag = uniq();
    const town = await freshMunicipality({ domains: [`arch-${tag}.test`] });
    const member = await freshPerson(town.id, ["municipality_admin"]);
    const before = await viewerOfUser(member.id);
    expect(before.principal.kind === "user" && before.principal.memberships).toHaveLength(1);

    // The web address typed out confirms it; without it, nothing changes.
    await expect(
      setMunicipalityArchived(pa, { slug: town.slug, archived: true, confirm: "other" }),
    ).rejects.toMatchObject({
      fieldErrors: { confirm: [expect.stringContaining(town.slug)] },
    });
    expect((await raw.municipality.findUniqueOrThrow({ where: { id: town.id } })).archivedAt).toBeNull();
    const archive = { slug: town.slug, archived: true, confirm: town.slug.toUpperCase() };
    expect(await setMunicipalityArchived(pa, archive)).toEqual({ changed: true });
    await expect(setMunicipalityArchived(pa, archive)).rejects.toThrow(/archived already/);
    const after = await viewerOfUser(member.id);
    expect(after.principal.kind === "user" && after.principal.memberships).toEqual([]);
    expect(after.principal.kind === "user" && after.principal.accessVersion).toBe(
      before.principal.kind === "user" && before.principal.accessVersion + 1,
    );
    expect(await findMunicipalityBySlug(town.slug)).toBeNull();
    expect((await listMunicipalities()).map((m) => m.slug)).not.toContain(town.slug);
    if (pa.principal.kind === "user")
      expect((await workspaceMunicipalities(pa.principal)).map((m) => m.slug)).not.toContain(town.slug);
    expect((await municipalitiesOpenForRegistration()).map((m) => m.slug)).not.toContain(town.slug);
    await expect(
      requestRegistration({ email: `x@arch-${tag}.test`, municipality: town.slug }, "192.0.2.7"),
    ).rejects.toThrow(ValidationError);
    await expect(
      createInvitation(pa, town.id, { email: `new.${tag}@example.test`, groups: ["viewer"] }),
    ).rejects.toThrow(/archived/);
    // Listed under "archived", still on file with its people.
    const archived = await listPlatformMunicipalities(pa, { status: "archived", q: town.slug });
    expect(archived.rows.map((r) => r.slug)).toEqual([town.slug]);
    expect(await raw.membership.count({ where: { municipalityId: town.id } })).toBe(1);
    expect(await raw.auditEvent.count({ where: { action: "municipality.archive", targetId: town.id } })).toBe(1);

    await setMunicipalityArchived(pa, { slug: town.slug, archived: false });
    const restored = await viewerOfUser(member.id);
    expect(restored.principal.kind === "user" && restored.principal.memberships).toHaveLength(1);
    expect(await findMunicipalityBySlug(town.slug)).not.toBeNull();
    expect(await raw.auditEvent.count({ where: { action: "municipality.restore", targetId: town.id } })).toBe(1);
  });
});
