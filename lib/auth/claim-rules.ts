// The pure part of claim → group mapping (./claim-mapping.ts has the database side): merging
// mappings and applying them to a provider's claims. No imports, so policies/sso.yaml's loader and
// the scripts use the same code as the sign-ins.

/** claim name → claim value → Gatehouse groups. */
export type ClaimMappings = Record<string, Record<string, string[]>>;

/** The union of several mappings (a value mapped in two places grants both sets of groups). */
export function mergeMappings(...sources: ClaimMappings[]): ClaimMappings {
  // Null-prototype objects: a claim or value named "__proto__" stays a plain key.
  const out: ClaimMappings = Object.create(null);
  for (const src of sources)
    for (const [claim, values] of Object.entries(src))
      for (const [value, groups] of Object.entries(values)) {
        const into = ((out[claim] ??= Object.create(null) as Record<string, string[]>)[value] ??= []);
        for (const g of groups) if (!into.includes(g)) into.push(g);
      }
  return out;
}

/** Groups granted by the claims, or [] when nothing maps; `matched` names each "claim=value" that did. */
export function groupsFromMappings(
  mappings: ClaimMappings,
  claims: Record<string, unknown>,
): { groups: string[]; matched: string[] } {
  const groups = new Set<string>();
  const matched: string[] = [];
  for (const [claim, values] of Object.entries(mappings)) {
    const raw = Object.hasOwn(claims, claim) ? claims[claim] : undefined;
    const have = Array.isArray(raw) ? raw.map(String) : typeof raw === "string" ? raw.split(/[\s,]+/) : [];
    for (const v of have) {
      const gs = Object.hasOwn(values, v) ? values[v] : undefined;
      if (gs) {
        matched.push(`${claim}=${v}`);
        gs.forEach((g) => groups.add(g));
      }
    }
  }
  return { groups: [...groups].sort(), matched };
}
