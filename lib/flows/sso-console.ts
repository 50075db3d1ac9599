// The SSO console (/admin/<slug>/sso): a municipality's OpenID Connect connection configured in the
// browser by a platform admin or the municipality's own admin — form validation, Test connection
// (./../auth/oidc-checks.ts), Try sign-in (../auth/sso-try.ts) and the claim → group mapping
// editor. Writes go through lib/data (the ability in the query, audited with before and after, the
// secret sealed and never recorded); tests and tries are audited too, with what failed in words.
// policies/sso.yaml stays the reviewed default: its rules are shown read-only and merged by
// lib/auth/claim-mapping.ts, which the console cannot loosen.
import "server-only";
import { deprecatedGroupProblem } from "@/lib/policy/grantable";
import { z } from "zod";
import { ValidationError } from "@/lib/errors";
import type { Viewer } from "@/lib/identity/viewer";
import { loadPolicies } from "@/lib/policy/load";
import { checkOidcProvider, issuerProblem, type ConnectionReport } from "@/lib/auth/oidc-checks";
import { claimMappingsSchema, municipalityMapping, type ClaimMappings } from "@/lib/auth/claim-mapping";
import { loadSsoMap } from "@/lib/auth/sso-map";
import { finishTry, startTry, tryCallbackPath, type TryResult } from "@/lib/auth/sso-try";
import { ssoProviderId } from "@/lib/auth/sso";
import { env } from "@/lib/env";
import {
  auditSsoConsole,
  municipalityEmailDomains,
  oidcClientFor,
  saveClaimMappings,
  saveOidcConnection,
  ssoConsoleAccess,
  ssoConnectionsOf,
} from "@/lib/data/sso-connections";
import { NotFoundError } from "@/lib/errors";

type Muni = { id: string; slug: string; name: string };

// ── the connection form ─────────────────────────────────────────────────────────────────────

const CLAIM_NAME = /^[A-Za-z0-9_:./-]{1,100}$/;
/** Space- or comma-separated values typed in one field, each checked by `re`. */
const valueList = (what: string, re: RegExp, max = 20) =>
  z
    .string()
    .max(2000, "at most 2000 characters")
    .default("")
    .transform((s) => [...new Set(s.split(/[\s,]+/).filter(Boolean))])
    .pipe(
      z
        .array(z.string().regex(re, `each ${what} is letters, digits and _ : . / - only`))
        .max(max, `at most ${max} ${what}s`),
    );

const issuerUrl = z
  .string()
  .trim()
  .min(1, "Enter the provider's issuer URL.")
  .max(500, "at most 500 characters")
  .refine((s) => URL.canParse(s), "Enter a full URL, such as https://login.example.gov/realms/city.")
  .superRefine((s, ctx) => {
    const problem = URL.canParse(s) ? issuerProblem(new URL(s)) : null;
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

export const oidcConnectionInput = z.object({
  displayName: z
    .string()
    .trim()
    .max(80, "at most 80 characters")
    .default("")
    .transform((s) => s || null),
  issuer: issuerUrl,
  clientId: z.string().trim().min(1, "Enter the client id the provider gave you.").max(200, "at most 200 characters"),
  clientSecret: z
    .string()
    .max(500, "at most 500 characters")
    .default("")
    .transform((s) => s.trim() || undefined),
  scopes: valueList("scope", /^[\x21\x23-\x5B\x5D-\x7E]{1,100}$/).refine(
    (s) => s.includes("openid"),
    "The scopes must include openid.",
  ),
  groupsClaim: z.string().trim().regex(CLAIM_NAME, "a claim name of letters, digits and _ : . / - (at most 100)"),
  mfaAmrValues: valueList("value", /^[A-Za-z0-9_:./-]{1,100}$/),
  mfaAcrValues: valueList("value", /^[A-Za-z0-9_:./#-]{1,200}$/),
  enabled: z
    .union([z.literal("on"), z.literal("")])
    .default("")
    .transform((v) => v === "on"),
});
export type OidcConnectionInput = z.input<typeof oidcConnectionInput>;

export async function saveOidcConnectionFromConsole(
  viewer: Viewer,
  actorId: string,
  muni: Muni,
  input: z.output<typeof oidcConnectionInput>,
): Promise<{ created: boolean }> {
  const r = await saveOidcConnection(viewer, actorId, muni.id, input);
  if ("needsSecret" in r)
    throw new ValidationError("Please correct the marked fields.", {
      clientSecret: ["A new connection needs the client secret."],
    });
  return { created: r.created };
}

// ── claim → group mapping rows ──────────────────────────────────────────────────────────────

export const mappingRowsInput = z.object({
  rows: z
    .array(
      z.object({
        claim: z.string().max(200),
        value: z.string().max(400),
        groups: z.array(z.string().max(64)).max(20),
      }),
    )
    .max(200, "at most 200 mappings"),
});
export type MappingRow = { claim: string; value: string; groups: string[] };

/** The rows as one mapping, or a ValidationError naming each bad row's field (`rows.<i>.<field>`). */
export function mappingsFromRows(rows: MappingRow[]): ClaimMappings {
  const errors: Record<string, string[]> = {};
  const add = (key: string, m: string) => (errors[key] ??= []).push(m);
  const seen = new Set<string>();
  const known = loadPolicies().groups;
  const out: ClaimMappings = Object.create(null);
  rows.forEach((r, i) => {
    const claim = r.claim.trim();
    const value = r.value.trim();
    if (!CLAIM_NAME.test(claim) || ["__proto__", "constructor", "prototype"].includes(claim))
      add(`rows.${i}.claim`, "a claim name of letters, digits and _ : . / - (at most 100)");
    if (!value) add(`rows.${i}.value`, "Enter the claim value (for example a job code).");
    else if (value.length > 200) add(`rows.${i}.value`, "at most 200 characters");
    if (r.groups.length === 0) add(`rows.${i}.groups`, "Pick at least one group.");
    for (const g of r.groups) {
      const def = known.get(g);
      if (!def) add(`rows.${i}.groups`, `"${g}" is not a group of the policy files.`);
      else if (def.scope !== "municipality")
        add(`rows.${i}.groups`, `${def.label} is a platform group: an identity provider can never grant it.`);
      else if (deprecatedGroupProblem(g, []))
        add(`rows.${i}.groups`, `${deprecatedGroupProblem(g, [])} A mapping cannot give it.`);
    }
    const key = `${claim}\u0000${value}`;
    if (seen.has(key)) add(`rows.${i}.value`, `${claim} = ${value} is already mapped above.`);
    seen.add(key);
    ((out[claim] ??= Object.create(null) as Record<string, string[]>)[value] ??= []).push(
      ...r.groups.filter((g, j) => r.groups.indexOf(g) === j),
    );
  });
  if (Object.keys(errors).length) throw new ValidationError("Please correct the marked mappings.", errors);
  // The same schema the sign-ins read the column with (municipality groups only).
  const checked = claimMappingsSchema.safeParse(out);
  if (!checked.success) throw new ValidationError(checked.error.issues[0]!.message);
  return checked.data;
}

export async function saveMappingRows(viewer: Viewer, actorId: string, muni: Muni, rows: MappingRow[]): Promise<void> {
  await saveClaimMappings(viewer, actorId, muni.id, mappingsFromRows(rows));
}

// ── Test connection ─────────────────────────────────────────────────────────────────────────

export async function testOidcConnection(viewer: Viewer, actorId: string, muni: Muni): Promise<ConnectionReport> {
  const c = await oidcClientFor(viewer, muni.id);
  if (!c) throw new NotFoundError("Save the OIDC connection first: there is nothing to test yet.");
  const report = await checkOidcProvider(c.issuer, { scopes: c.scopes });
  await auditSsoConsole({
    action: report.ok ? "sso.connection.test_passed" : "sso.connection.test_failed",
    actorId,
    municipalityId: muni.id,
    connectionId: c.id,
    data: {
      issuer: c.issuer,
      failed: report.checks.filter((x) => x.status === "fail").map((x) => ({ check: x.id, detail: x.detail })),
    },
  });
  return report;
}

// ── Try sign-in ─────────────────────────────────────────────────────────────────────────────

/** The provider's authorization URL and the sealed state cookie; a plain refusal when it cannot start. */
export async function startTrySignIn(
  viewer: Viewer,
  actorId: string,
  muni: Muni,
  sessionId: string,
): Promise<{ url: string; cookie: string }> {
  const c = await oidcClientFor(viewer, muni.id);
  if (!c) throw new NotFoundError("Save the OIDC connection first: there is nothing to try yet.");
  if (!c.clientSecret) throw new ValidationError("Set the client secret first (the stored one cannot be read).");
  try {
    return await startTry({ ...c, clientSecret: c.clientSecret }, muni.slug, sessionId);
  } catch {
    await auditSsoConsole({
      action: "sso.try.failed",
      actorId,
      municipalityId: muni.id,
      connectionId: c.id,
      data: { reason: "discovery", issuer: c.issuer },
    });
    throw new ValidationError("The provider's discovery document could not be read: run Test connection to see why.");
  }
}

/** The callback's work; null when no live try of this session exists (then nothing is recorded). */
export async function finishTrySignIn(
  viewer: Viewer,
  actorId: string,
  muni: Muni,
  sessionId: string,
  cookie: string | undefined,
  search: string,
): Promise<TryResult | null> {
  const c = await oidcClientFor(viewer, muni.id);
  if (!c?.clientSecret) return null;
  const result = await finishTry({
    client: { ...c, clientSecret: c.clientSecret },
    slug: muni.slug,
    sessionId,
    cookie,
    search,
    rules: await municipalityMapping(muni.slug),
  });
  if (!result) return null;
  await auditSsoConsole({
    action: result.ok ? "sso.try.succeeded" : "sso.try.failed",
    actorId,
    municipalityId: muni.id,
    connectionId: c.id,
    data: result.ok
      ? {
          sub: typeof result.claims?.sub === "string" ? result.claims.sub : null,
          email: typeof result.claims?.email === "string" ? result.claims.email : null,
          groups: result.groups ?? [],
          matched: result.matched ?? [],
          wouldRefuse: result.wouldRefuse ?? null,
        }
      : { reason: result.reason ?? "error", problem: result.problem ?? null },
  });
  return result;
}

// ── what the page shows ─────────────────────────────────────────────────────────────────────

export type GroupOption = { value: string; label: string; description: string };

/** Everything the console page renders, as plain data (no secret, no row). Not found outside reach. */
export async function ssoConsoleView(viewer: Viewer, muni: Muni) {
  const access = ssoConsoleAccess(viewer, muni.id);
  if (!access.read) throw new NotFoundError();
  const connections = await ssoConnectionsOf(viewer, muni.id);
  const oidc = connections.find((c) => c.protocol === "OIDC") ?? null;
  const saml = connections.find((c) => c.protocol === "SAML") ?? null;
  const file = loadSsoMap().municipalities[muni.slug];
  const parsed = claimMappingsSchema.safeParse(oidc?.claimMappings ?? {});
  const rows: MappingRow[] = parsed.success
    ? Object.entries(parsed.data).flatMap(([claim, values]) =>
        Object.entries(values).map(([value, gs]) => ({ claim, value, groups: gs })),
      )
    : [];
  // A deprecated group is offered only where a saved mapping still has it (to be taken out).
  const groups = [...loadPolicies().groups.values()]
    .filter((g) => g.scope === "municipality")
    .filter((g) => !g.deprecated || rows.some((r) => r.groups.includes(g.name)))
    .map((g) => ({
      value: g.name,
      label: g.deprecated ? `${g.label} (deprecated)` : g.label,
      description: g.deprecated ? `Deprecated: ${g.deprecated.reason}` : (g.description ?? ""),
    }));
  const app = env().APP_URL.replace(/\/$/, "");
  return {
    canManage: access.manage,
    oidc: oidc && {
      displayName: oidc.displayName ?? "",
      issuer: oidc.issuer ?? "",
      clientId: oidc.clientId ?? "",
      secretSet: oidc.secretSet,
      scopes: (oidc.scopes ?? []).join(" "),
      groupsClaim: oidc.groupsClaim ?? "groups",
      mfaAmrValues: (oidc.mfaAmrValues ?? []).join(" "),
      mfaAcrValues: (oidc.mfaAcrValues ?? []).join(" "),
      enabled: oidc.enabled ?? false,
      updatedAt: oidc.updatedAt?.toISOString() ?? null,
      mappingsUnreadable: !parsed.success,
    },
    saml: saml && {
      enabled: saml.enabled ?? false,
      configured: !!saml.samlIdpSsoUrl,
      displayName: saml.displayName ?? "",
    },
    rows,
    groups,
    emailDomains: await municipalityEmailDomains(viewer, muni.id),
    file: file
      ? {
          requireMappedClaim: file.requireMappedClaim,
          emailDomains: file.emailDomains,
          rows: Object.entries(file.claims).flatMap(([claim, values]) =>
            Object.entries(values).map(([value, gs]) => ({ claim, value, groups: gs })),
          ),
        }
      : null,
    redirectUris: [`${app}/api/auth/callback/${ssoProviderId(muni.slug)}`, `${app}${tryCallbackPath(muni.slug)}`],
  };
}
export type SsoConsoleView = Awaited<ReturnType<typeof ssoConsoleView>>;
