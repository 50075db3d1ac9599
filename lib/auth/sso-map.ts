// policies/sso.yaml → the groups a person's identity-provider claims grant in a municipality.
// Validated like the group files: unknown groups are a load error naming the file.
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import { loadPolicies } from "@/lib/policy/load";

const schema = z.object({
  municipalities: z.record(z.string().regex(/^[a-z0-9-]+$/), z.object({
    requireMappedClaim: z.boolean().default(true),
    // Required: a municipality's identity provider speaks only for its own email domains, so a
    // misconfigured or hostile IdP cannot sign in as someone from elsewhere.
    emailDomains: z.array(z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, "a lower-case domain such as riverton.test")).min(1),
    claims: z.record(z.string(), z.record(z.string(), z.array(z.string()).min(1))),
  }).strict()),
}).strict();

export type SsoMap = z.infer<typeof schema>;
let cached: SsoMap | undefined;

/** The app's policies/sso.yaml (cached), or another file (tests). */
export function loadSsoMap(file?: string): SsoMap {
  if (cached && !file) return cached;
  const text = file ? readFileSync(/* turbopackIgnore: true */ file, "utf8") : readFileSync(path.join(process.cwd(), "policies", "sso.yaml"), "utf8");
  const parsed = schema.safeParse(parse(text));
  if (!parsed.success) throw new Error(`policies/sso.yaml: ${parsed.error.issues[0]!.path.join(".")}: ${parsed.error.issues[0]!.message}`);
  const groups = loadPolicies().groups;
  for (const [slug, m] of Object.entries(parsed.data.municipalities)) {
    for (const [claim, values] of Object.entries(m.claims)) {
      for (const [value, gs] of Object.entries(values)) {
        for (const g of gs) {
          if (groups.get(g)?.scope !== "municipality") throw new Error(`policies/sso.yaml: ${slug}.claims.${claim}.${value}: "${g}" is not a municipality group`);
        }
      }
    }
  }
  if (!file) cached = parsed.data;
  return parsed.data;
}

/** Groups granted by the claims, or [] when nothing maps. */
export function groupsFromClaims(map: SsoMap, slug: string, claims: Record<string, unknown>): { groups: string[]; matched: string[] } {
  const m = map.municipalities[slug];
  if (!m) return { groups: [], matched: [] };
  const groups = new Set<string>();
  const matched: string[] = [];
  for (const [claim, values] of Object.entries(m.claims)) {
    const raw = claims[claim];
    const have = Array.isArray(raw) ? raw.map(String) : typeof raw === "string" ? raw.split(/[\s,]+/) : [];
    for (const v of have) {
      const gs = values[v];
      if (gs) {
        matched.push(`${claim}=${v}`);
        gs.forEach((g) => groups.add(g));
      }
    }
  }
  return { groups: [...groups].sort(), matched };
}
