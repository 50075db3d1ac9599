// Loads and validates every policy file before the app starts; throws naming file and rule.
import pg from "pg";
import { loadPolicies } from "../../lib/policy/load.ts";
import { loadSsoMap, selfRegistrationConflicts } from "../../lib/auth/sso-map.ts";

export async function checkPolicies(): Promise<void> {
  loadPolicies();
  // policies/sso.yaml too: its groups must exist and no email domain may belong to two municipalities.
  loadSsoMap();
}

/** Once the database is there: no municipality lists (for self-registration, or as its providers' email domain) a domain another one's SSO claims in policies/sso.yaml. */
export async function checkEmailDomains(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ slug: string; selfRegistrationDomains: string[]; emailDomains: string[] }>(
      `select slug, "selfRegistrationDomains", "emailDomains" from "Municipality"`,
    );
    const conflicts = selfRegistrationConflicts(loadSsoMap(), rows);
    if (conflicts.length)
      throw new Error(
        `email domains claimed twice (a domain may belong to one municipality only):\n  ${conflicts.join("\n  ")}`,
      );
  } finally {
    await client.end();
  }
}
