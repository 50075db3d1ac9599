// policies/sso.yaml → the groups a person's identity-provider claims grant in a municipality.
// Validated like the group files: unknown groups, and an email domain claimed by two
// municipalities, are load errors naming the file (npm start and npm test stop on them).
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import { loadPolicies } from "@/lib/policy/load";
import { groupsFromMappings } from "./claim-rules";

const schema = z
  .object({
    municipalities: z.record(
      z.string().regex(/^[a-z0-9-]+$/),
      z
        .object({
          requireMappedClaim: z.boolean().default(true),
          // Required: a municipality's identity provider speaks only for its own email domains, so a
          // misconfigured or hostile IdP cannot sign in as someone from elsewhere.
          emailDomains: z
            .array(z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, "a lower-case domain such as riverton.test"))
            .min(1),
          claims: z.record(z.string(), z.record(z.string(), z.array(z.string()).min(1))),
        })
        .strict(),
    ),
  })
  .strict();

export type SsoMap = z.infer<typeof schema>;
let cached: SsoMap | undefined;

/** The app's policies/sso.yaml (cached), or another file (tests). */
export function loadSsoMap(file?: string): SsoMap {
  if (cached && !file) return cached;
  const text = file
    ? readFileSync(/* turbopackIgnore: true */ file, "utf8")
    : readFileSync(path.join(process.cwd(), "policies", "sso.yaml"), "utf8");
  const parsed = schema.safeParse(parse(text));
  if (!parsed.success)
    throw new Error(`policies/sso.yaml: ${parsed.error.issues[0]!.path.join(".")}: ${parsed.error.issues[0]!.message}`);
  // An email domain belongs to one municipality at most: two IdPs that may both assert
  // someone@shared.test could each sign in as the other's people.
  const owner = new Map<string, string>();
  for (const [slug, m] of Object.entries(parsed.data.municipalities)) {
    for (const d of new Set(m.emailDomains)) {
      const first = owner.get(d);
      if (first)
        throw new Error(
          `policies/sso.yaml: the email domain "${d}" is claimed by both ${first} and ${slug}; a domain may belong to one municipality only`,
        );
      owner.set(d, slug);
    }
  }
  const groups = loadPolicies().groups;
  for (const [slug, m] of Object.entries(parsed.data.municipalities)) {
    for (const [claim, values] of Object.entries(m.claims)) {
      for (const [value, gs] of Object.entries(values)) {
        for (const g of gs) {
          if (groups.get(g)?.scope !== "municipality")
            throw new Error(`policies/sso.yaml: ${slug}.claims.${claim}.${value}: "${g}" is not a municipality group`);
        }
      }
    }
  }
  if (!file) cached = parsed.data;
  return parsed.data;
}

/** The municipality (slug) whose SSO speaks for this email domain, if any. */
export function ssoDomainOwner(map: SsoMap, domain: string): string | null {
  const d = domain.trim().toLowerCase();
  for (const [slug, m] of Object.entries(map.municipalities)) if (m.emailDomains.includes(d)) return slug;
  return null;
}

/**
 * Email domains in the database that another municipality's SSO claims in this file: a
 * municipality's self-registration domains (Municipality.selfRegistrationDomains) and the domains
 * its identity providers speak for (Municipality.emailDomains, set in the platform console). One
 * message per conflict, [] when they agree. Run at start-up (scripts/run.ts) and in the tests
 * against the real data; two municipalities listing the same domain in those columns is refused
 * by the database itself (a trigger).
 */
export function selfRegistrationConflicts(
  map: SsoMap,
  rows: { slug: string; selfRegistrationDomains: string[]; emailDomains?: string[] }[],
): string[] {
  const out: string[] = [];
  const lists = [
    ["selfRegistrationDomains", "for self-registration"],
    ["emailDomains", "as an email domain of its identity providers"],
  ] as const;
  for (const r of rows) {
    for (const [column, what] of lists) {
      for (const d of new Set((r[column] ?? []).map((x) => x.trim().toLowerCase()))) {
        const owner = ssoDomainOwner(map, d);
        if (owner && owner !== r.slug)
          out.push(`${r.slug} lists "${d}" ${what}, but policies/sso.yaml gives that domain to ${owner}`);
      }
    }
  }
  return out;
}

/** Groups granted by the file's claims alone, or [] when nothing maps. */
export function groupsFromClaims(
  map: SsoMap,
  slug: string,
  claims: Record<string, unknown>,
): { groups: string[]; matched: string[] } {
  return groupsFromMappings(map.municipalities[slug]?.claims ?? {}, claims);
}
