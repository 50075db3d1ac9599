// Creating a municipality from the platform console: lib/data writes it; this adds the one check
// lib/data cannot make itself — an email domain that policies/sso.yaml (read by lib/auth) gives to
// another municipality's single sign-on is refused on the field like a domain another municipality
// holds in the database (DESIGN.md trust rules: two municipalities never claim one domain).
import "server-only";
import { loadSsoMap, ssoDomainOwner } from "@/lib/auth/sso-map";
import { createPlatformMunicipality } from "@/lib/data/platform-municipalities";
import type { MunicipalityCreateForm } from "@/lib/schemas/municipality";
import type { Viewer } from "@/lib/identity/viewer";

export function createMunicipality(viewer: Viewer, input: MunicipalityCreateForm) {
  const map = loadSsoMap();
  return createPlatformMunicipality(viewer, input, {
    reservedDomains: (domains) =>
      domains.flatMap((domain) => {
        const owner = ssoDomainOwner(map, domain);
        return owner ? [{ domain, owner }] : [];
      }),
  });
}
