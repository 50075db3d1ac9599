// One claim → group mapping for every identity provider of a municipality: OIDC and SAML sign-ins
// and SCIM directory groups all turn "claim = value" into Gatehouse groups the same way
// (docs/requirements.md#sso-job-codes). policies/sso.yaml is the reviewed default; the console adds
// mappings per connection (SsoConnection.claimMappings). The file's pins hold whatever the console
// says: a municipality the file requires a mapped claim for keeps that requirement, and when the
// file lists email domains for it, its providers speak for those domains only.
import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { loadPolicies } from "@/lib/policy/load";
import { mergeMappings, type ClaimMappings } from "./claim-rules";
import { loadSsoMap, type SsoMap } from "./sso-map";

export { groupsFromMappings, mergeMappings, type ClaimMappings } from "./claim-rules";

const claimName = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_:./-]{1,100}$/, "a claim name of letters, digits and _ : . / - (at most 100)")
  .refine((n) => !["__proto__", "constructor", "prototype"].includes(n), "not a claim name");

/** A console mapping: only municipality groups, never platform groups, whatever a directory sends. */
export const claimMappingsSchema = z.record(
  claimName,
  z.record(
    z.string().trim().min(1, "a claim value").max(200, "at most 200 characters"),
    z
      .array(z.string())
      .min(1, "at least one group")
      .superRefine((groups, ctx) => {
        const known = loadPolicies().groups;
        for (const g of groups)
          if (known.get(g)?.scope !== "municipality")
            ctx.addIssue({ code: "custom", message: `"${g}" is not a municipality group` });
      }),
  ),
);

export type MunicipalityMapping = {
  municipalityId: string;
  mappings: ClaimMappings;
  /** The file's pin or the municipality's own setting, whichever is stricter. */
  requireMappedClaim: boolean;
  /** Domains the municipality's providers may assert (lower case). */
  emailDomains: string[];
};

/** Console domains, narrowed to the file's pin when it lists some; the file's alone when the console has none. */
export function effectiveEmailDomains(consoleDomains: string[], fileDomains: string[] | undefined): string[] {
  const mine = consoleDomains.map((d) => d.trim().toLowerCase());
  if (mine.length === 0) return fileDomains ?? [];
  return fileDomains ? mine.filter((d) => fileDomains.includes(d)) : mine;
}

/** Everything an identity provider's sign-in or sync needs to map claims for the municipality `slug`. */
export async function municipalityMapping(
  slug: string,
  map: SsoMap = loadSsoMap(),
): Promise<MunicipalityMapping | null> {
  const m = await db.municipality.findUnique({
    where: { slug },
    select: {
      id: true,
      archivedAt: true,
      emailDomains: true,
      ssoRequireMappedClaim: true,
      ssoConnections: { where: { enabled: true }, select: { claimMappings: true } },
    },
  });
  if (!m || m.archivedAt) return null;
  const file = map.municipalities[slug];
  const fromConsole = m.ssoConnections.flatMap((c) => {
    const parsed = claimMappingsSchema.safeParse(c.claimMappings);
    // A stored mapping that no longer validates (a group file removed since) maps nothing.
    return parsed.success ? [parsed.data] : [];
  });
  return {
    municipalityId: m.id,
    mappings: mergeMappings(file?.claims ?? {}, ...fromConsole),
    requireMappedClaim: (file?.requireMappedClaim ?? false) || m.ssoRequireMappedClaim,
    emailDomains: effectiveEmailDomains(m.emailDomains, file?.emailDomains),
  };
}
