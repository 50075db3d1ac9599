// Two municipalities never claim the same email domain (DESIGN.md trust rules): not in
// policies/sso.yaml (lib/auth/sso.test.ts), not in the self-registration domains stored on
// Municipality (a database trigger), and not one in each. On the real database.
import { describe, expect, it } from "vitest";
import { testPrisma } from "@/test/fixtures/db";
import { loadSsoMap, selfRegistrationConflicts, type SsoMap } from "./sso-map";
import { uniq } from "@/test/fixtures/unique";

const raw = testPrisma();
const tag = uniq();

describe("self-registration domains in the database", () => {
  it("cannot be listed by two municipalities, in any letter case, created or updated; the error names the domain", async () => {
    const domain = `shared-${tag}.test`;
    await raw.municipality.create({ data: { slug: `dom-a-${tag}`, name: "Dom A", selfRegistrationDomains: [domain] } });
    await expect(
      raw.municipality.create({
        data: { slug: `dom-b-${tag}`, name: "Dom B", selfRegistrationDomains: [domain.toUpperCase()] },
      }),
    ).rejects.toThrow(new RegExp(domain.replace(/\./g, "\\.")));
    const c = await raw.municipality.create({
      data: { slug: `dom-c-${tag}`, name: "Dom C", selfRegistrationDomains: [`own-${tag}.test`] },
    });
    await expect(
      raw.municipality.update({ where: { id: c.id }, data: { selfRegistrationDomains: [`own-${tag}.test`, domain] } }),
    ).rejects.toThrow(/already/);
    // Its own list may change freely, and other columns of a row are not affected.
    await raw.municipality.update({
      where: { id: c.id },
      data: { selfRegistrationDomains: [`own-${tag}.test`, `more-${tag}.test`], name: "Dom C renamed" },
    });
    expect(await raw.municipality.count({ where: { selfRegistrationDomains: { has: domain } } })).toBe(1);
  });

  it("cannot be a domain another municipality's SSO claims (checked at start-up and in tests against the real data)", async () => {
    const map: SsoMap = {
      municipalities: { riverton: { requireMappedClaim: true, emailDomains: ["riverton.test"], claims: {} } },
    };
    expect(
      selfRegistrationConflicts(map, [
        { slug: "riverton", selfRegistrationDomains: ["riverton.test"] },
        { slug: "lakeside", selfRegistrationDomains: ["Riverton.test", "lakeside.test"] },
      ]),
    ).toEqual([
      'lakeside lists "riverton.test" for self-registration, but policies/sso.yaml gives that domain to riverton',
    ]);
    // The demo data and the app's own policies/sso.yaml agree.
    const rows = await raw.municipality.findMany({
      select: { slug: true, selfRegistrationDomains: true, emailDomains: true },
    });
    expect(selfRegistrationConflicts(loadSsoMap(), rows)).toEqual([]);
  });

  it("cannot be an identity-provider domain (Municipality.emailDomains) that another municipality's SSO claims in the file", async () => {
    const map: SsoMap = {
      municipalities: { riverton: { requireMappedClaim: true, emailDomains: ["riverton.test"], claims: {} } },
    };
    expect(
      selfRegistrationConflicts(map, [
        { slug: "riverton", selfRegistrationDomains: [], emailDomains: ["riverton.test"] },
        { slug: "brookfield", selfRegistrationDomains: [], emailDomains: ["brookfield.test", " RIVERTON.test"] },
      ]),
    ).toEqual([
      'brookfield lists "riverton.test" as an email domain of its identity providers, but policies/sso.yaml gives that domain to riverton',
    ]);
    // In the database: a domain set in the platform console for a new municipality, read back as
    // start-up reads it, against a file that gives the domain to riverton.
    const domain = `pinned-${tag}.test`;
    const slug = `dom-idp-${tag}`;
    await raw.municipality.create({ data: { slug, name: "Dom IdP", emailDomains: [domain] } });
    const rows = await raw.municipality.findMany({
      where: { slug },
      select: { slug: true, selfRegistrationDomains: true, emailDomains: true },
    });
    const pinned: SsoMap = {
      municipalities: { riverton: { requireMappedClaim: true, emailDomains: [domain], claims: {} } },
    };
    expect(selfRegistrationConflicts(pinned, rows)).toEqual([
      `${slug} lists "${domain}" as an email domain of its identity providers, but policies/sso.yaml gives that domain to riverton`,
    ]);
  });
});
