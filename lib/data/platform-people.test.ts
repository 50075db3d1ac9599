// People across municipalities as the platform console reads them: searched by name or email, with
// every membership (municipality names and groups) and platform groups; "not found" for anyone
// outside the console, a municipality admin included.
import { describe, expect, it } from "vitest";
import { NotFoundError } from "@/lib/errors";
import { freshMunicipality } from "@/test/fixtures/municipalities";
import { addMembership, freshPerson, freshUser } from "@/test/fixtures/people";
import { viewerOfUser } from "@/test/fixtures/viewers";
import { uniq } from "@/test/fixtures/unique";
import { listPlatformPeople, platformPerson } from "./platform-people";

describe("people across municipalities", () => {
  it("finds a person by email or name with each membership and platform group, paged in the database", async () => {
    const [a, b] = await Promise.all([freshMunicipality(), freshMunicipality()]);
    const tag = uniq();
    const person = await freshPerson(a.id, ["operator"], { email: `x.${tag}@example.test`, name: `Xavier ${tag}` });
    await addMembership(person.id, b.id, ["viewer", "analyst"], { status: "SUSPENDED" });
    const pa = await viewerOfUser((await freshUser({ platformGroups: ["platform_admin"] })).id);

    for (const q of [`x.${tag}@`, `XAVIER ${tag}`]) {
      const found = await listPlatformPeople(pa, { q });
      expect(found.total).toBe(1);
      expect(found.rows[0]).toMatchObject({ email: person.email, isActive: true, platformGroups: [] });
      expect(found.rows[0]!.memberships.map((m) => [m.municipality, m.groups, m.status]).sort()).toEqual(
        [
          [a.name, ["operator"], "ACTIVE"],
          [b.name, ["viewer", "analyst"], "SUSPENDED"],
        ].sort(),
      );
    }
    const detail = await platformPerson(pa, person.id);
    expect(detail).toMatchObject({ isSelf: false, canPropose: true, requests: [] });
    await expect(listPlatformPeople(pa, { page: "0" as never })).rejects.toThrow(/not valid/);
    await expect(listPlatformPeople(pa, { q: "ada\u0000" })).rejects.toThrow(/not valid/);
  });

  it("is not found for a municipality admin, and an unknown person is not found", async () => {
    const town = await freshMunicipality();
    const admin = await viewerOfUser((await freshPerson(town.id, ["municipality_admin"])).id);
    await expect(listPlatformPeople(admin, {})).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      platformPerson(admin, admin.principal.kind === "user" ? admin.principal.userId : ""),
    ).rejects.toBeInstanceOf(NotFoundError);
    const pa = await viewerOfUser((await freshUser({ platformGroups: ["platform_admin"] })).id);
    await expect(platformPerson(pa, "no-such-person")).rejects.toBeInstanceOf(NotFoundError);
  });
});
