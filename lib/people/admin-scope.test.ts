// The header's "Administration" link and the /admin chooser offer exactly the municipalities whose
// people the person may see — the check every admin page makes — on the real database.
import { describe, expect, it } from "vitest";
import { adminMunicipalities, administrationHref } from "./admin-scope";
import { freshMunicipality } from "@/test/fixtures/municipalities";
import { addMembership, freshPerson, freshUser } from "@/test/fixtures/people";
import { viewerOfUser } from "@/test/fixtures/viewers";

describe("adminMunicipalities", () => {
  it("offers the municipality a person administers, not the one they only view; one goes straight to its people", async () => {
    const [a, b] = [await freshMunicipality(), await freshMunicipality()];
    const p = await freshPerson(a.id, ["municipality_admin"]);
    await addMembership(p.id, b.id, ["viewer"]);
    const munis = await adminMunicipalities(await viewerOfUser(p.id));
    expect(munis).toEqual([{ slug: a.slug, name: a.name }]);
    expect(administrationHref(munis)).toBe(`/admin/${a.slug}/people`);
  });

  it("offers both to a manager in one and an admin in another (the chooser), and nothing to a viewer", async () => {
    const [a, b] = [await freshMunicipality(), await freshMunicipality()];
    const p = await freshPerson(a.id, ["manager"]);
    await addMembership(p.id, b.id, ["municipality_admin"]);
    const munis = await adminMunicipalities(await viewerOfUser(p.id));
    expect(munis.map((m) => m.slug).sort()).toEqual([a.slug, b.slug].sort());
    expect(administrationHref(munis)).toBe("/admin");
    const viewer = await freshPerson(a.id, ["viewer"]);
    expect(await adminMunicipalities(await viewerOfUser(viewer.id))).toEqual([]);
    expect(administrationHref([])).toBeNull();
  });

  it("a suspended admin membership offers nothing; a platform admin is offered every municipality", async () => {
    const a = await freshMunicipality();
    const suspended = await freshPerson(a.id, ["municipality_admin"], { status: "SUSPENDED" });
    expect(await adminMunicipalities(await viewerOfUser(suspended.id))).toEqual([]);
    const platform = await freshUser({ platformGroups: ["platform_admin"] });
    const munis = await adminMunicipalities(await viewerOfUser(platform.id));
    expect(munis.map((m) => m.slug)).toContain(a.slug);
    expect(munis.length).toBeGreaterThan(1);
  });
});
