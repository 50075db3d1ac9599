// Access matrix for state-changing entry points: every server action of the build × every test
// account, anonymous and a deactivated-mid-session person × targets in their own and another
// municipality. Allowed or not comes from the policy files (lib/policy's compiler applied to the
// target row); a refused call must change nothing, an allowed one must succeed.
import { randomBytes } from "node:crypto";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { subject } from "@casl/ability";
import { TEST_ACCOUNTS } from "../../lib/seed/test-users";
import { recordType } from "../../lib/records";
import { DEMO_PASSWORD } from "../support/auth";
import { sql, testPrisma } from "../../test/fixtures/db";
import { builtActions, callAction, type ActionArg, type BuiltAction } from "./support/actions";
import { anonymousContext, signedInContext } from "./support/crawl";
import { deactivatedEmail, deactivatedMidSession } from "./support/people";
import { clearSignInLocks, freshPerson, freshUser } from "../../test/fixtures/people";
import { freshMunicipality } from "../../test/fixtures/municipalities";
import { plainService } from "../../test/fixtures/service-links";
import type { MembershipStatus } from "../../lib/generated/prisma/enums";
import type { Prisma } from "../../lib/generated/prisma/client";
import { recordFigures } from "../../test/fixtures/figures";
import { canvas } from "../../test/fixtures/images";
import { seal } from "../../lib/crypto/secret-box";
import { routeTargets, targetIds } from "./support/targets";
import { samlIdpKeys } from "../../lib/idp/saml-server";
import {
  accountOf,
  insertProbes,
  withPolicies,
  moduleSwitches,
  municipalities,
  type Account,
  type Muni,
  type Probe,
} from "./support/world";

test.describe.configure({ mode: "serial" });

const TAG = `a${Date.now().toString(36)}`;
/** A real certificate for the SAML connection the matrix saves (made once, when first needed). */
let matrixCertificate: string | undefined;
type Target = { muni: Muni; label: string };
type ActionCase = {
  action: string;
  /** The page the form lives on (the action is posted there, as the browser does). */
  page: (t: Target) => string;
  args: (t: Target, a: Account) => Promise<ActionArg[]>;
  allowed: (a: Account, t: Target) => boolean;
  /** A fingerprint of everything the call could change; a refused call must leave it equal. */
  state: (t: Target, a: Account) => Promise<string>;
  /** Puts the target back after an allowed call, so the next account meets the same state. */
  reset?: (t: Target) => Promise<void>;
};

let munis: Muni[];
let probes: Probe[];
let accounts: Account[];
const ctxOf = new Map<Account, APIRequestContext>();
const people = new Map<string, { userId: string; membershipId: string; email: string }>();
/** A connected service per target municipality (its direct grants are the matrix's), and the grant a revocation ends. */
const probeServices = new Map<string, Promise<{ id: string }>>();
const serviceGrants = new Map<string, string>();
function probeService(t: Target): Promise<{ id: string }> {
  let s = probeServices.get(t.muni.id);
  if (!s) {
    s = testPrisma()
      .service.findFirst({ where: { municipalityId: t.muni.id, slug: "permits" }, select: { id: true } })
      .then((found) => found ?? plainService({ municipalityId: t.muni.id, slug: "permits", name: `Permits ${TAG}` }));
    probeServices.set(t.muni.id, s);
  }
  return s;
}
const invitations = new Map<string, string>();
const outbox = new Map<string, string>();
const pending = new Map<string, { userId: string; membershipId: string }>();
/** What each call did, kept so the self-test can judge the same calls against a broken policy. */
const outcomes: { account: string; c: ActionCase; t: Target; succeeded: boolean }[] = [];

const isUser = (a: Account) => a.principal.kind === "user";
/** When each account last confirmed it's them (sign-in or step-up): privileged actions want it within 15 minutes. */
const confirmedAt = new Map<Account, number>();
/**
 * The matrix runs longer than the step-up window (lib/auth/step-up.ts): an account whose
 * confirmation is over ten minutes old confirms again with its password through the real step-up
 * action, as a person would when asked. The step-up itself is tested in e2e/step-up.spec.ts.
 */
async function keepConfirmed(baseURL: string, a: Account): Promise<void> {
  if (!isUser(a) || Date.now() - (confirmedAt.get(a) ?? 0) < 10 * 60_000) return;
  // Someone with a passkey or an authenticator app steps up with that, not this password action.
  if (!(await passwordIsStrongest(a))) return;
  const action = builtActions().find((x) => x.name === "confirmPasswordAction")!;
  const r = await callAction(ctxOf.get(a)!, baseURL, action, "/signin/confirm", [
    null,
    { form: { password: DEMO_PASSWORD, next: "/account" } },
  ]);
  if (!r.redirect?.startsWith("/account")) throw new Error(`${a.label}: step-up failed (${r.body.slice(0, 160)})`);
  confirmedAt.set(a, Date.now());
}
/** Whether the account's strongest factor is its password (no passkey, no confirmed authenticator app). */
const passwordIsStrongest = async (a: Account) =>
  (
    await sql(
      `SELECT 1 FROM "User" u WHERE u.email = $1 AND u."passwordHash" IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM "WebAuthnCredential" w WHERE w."userId" = u.id)
         AND NOT EXISTS (SELECT 1 FROM "TotpFactor" t WHERE t."userId" = u.id AND t."confirmedAt" IS NOT NULL)`,
      [a.email],
    )
  ).length === 1;
const row = async (table: string, id: string) =>
  JSON.stringify((await sql(`SELECT * FROM "${table}" WHERE id = $1`, [id]))[0] ?? null);
const count = async (table: string, where: string, values: unknown[]) =>
  String((await sql<{ n: string }>(`SELECT count(*)::text AS n FROM "${table}" WHERE ${where}`, values))[0]!.n);
const probe = (t: Target, type: Probe["type"], pick: (p: Probe) => boolean) =>
  probes.find((p) => p.type === type && p.municipalityId === t.muni.id && pick(p))!;
const srOf = (t: Target) => probe(t, "ServiceRequest", (p) => p.row.category === "ROADS" && p.row.isPublic === false);
const hsOf = (t: Target) => probe(t, "HeritageSite", (p) => p.row.kind === "HISTORIC_AREA" && p.row.isPublic === false);
const docOf = (t: Target) => probe(t, "Document", (p) => p.row.visibility === "INTERNAL");
/** The notes the matrix writes on the probe request's timeline (counted by their text). */
const MATRIX_NOTE = `Matrix note ${TAG}`;
const API_NOTE = `Matrix API comment ${TAG}`;
/** The request in the staff view's reach, then the RequestEvent create rule for that kind on it. */
const mayNote = (a: Account, t: Target, kind: string) =>
  canStaff(a, "read", "ServiceRequest", srOf(t).row) &&
  canStaff(a, "create", "RequestEvent", {
    municipalityId: t.muni.id,
    requestId: srOf(t).id,
    kind,
    onPublicRequest: srOf(t).row.isPublic,
    reporterUserId: null,
  });
const updatedAt = async (table: string, id: string) =>
  (await sql<{ u: Date }>(`SELECT "updatedAt" AS u FROM "${table}" WHERE id = $1`, [id]))[0]!.u.toISOString();
const member = (a: Account, m: Muni) =>
  a.principal.kind === "user" &&
  (a.principal.platformGroups.length > 0 || a.principal.memberships.some((x) => x.municipalityId === m.id));
const can = (a: Account, action: string, type: string, attrs: Record<string, unknown>, field?: string) =>
  a.abilities.full.can(action as never, subject(type, { ...attrs }) as never, field);
const canStaff = (a: Account, action: string, type: string, attrs: Record<string, unknown>, field?: string) =>
  a.abilities.staff.can(action as never, subject(type, { ...attrs }) as never, field);
const adminHere = (a: Account, m: Muni) => can(a, "read", "Membership", { municipalityId: m.id });
/** The address a bulk invitation of this account's call invites (one per account and target). */
const bulkInvitee = (t: Target, a: Account) => `bulk-${TAG}-${a.label.replace(/[^a-z0-9]/g, "")}@${t.muni.slug}.test`;

async function newPerson(
  m: Muni,
  status: MembershipStatus = "ACTIVE",
  groups: string[] = ["viewer"],
): Promise<{ userId: string; membershipId: string; email: string }> {
  const email = `probe-${TAG}-${randomBytes(5).toString("hex")}@${m.slug}.test`;
  const p = await freshPerson(m.id, groups, {
    email,
    name: "Probe Person",
    emailVerified: new Date(),
    status,
    source: "seed",
  });
  return { userId: p.id, membershipId: p.memberships[0]!.id, email };
}

const scimState = async (t: Target) =>
  JSON.stringify(await sql(`SELECT * FROM "ScimConnection" WHERE "municipalityId" = $1`, [t.muni.id]));
/** An enabled connection with a token nobody knows: what rotate and switch-off start from. */
const ensureScimConnection = async (t: Target) =>
  void (await sql(
    `INSERT INTO "ScimConnection" (id, "municipalityId", "tokenHash", "tokenHint") VALUES ($1, $2, $3, 'scim_prob…')
     ON CONFLICT ("municipalityId") DO UPDATE SET enabled = true`,
    [`sc-${TAG}-${t.muni.slug}`, t.muni.id, randomBytes(32).toString("hex")],
  ));

/** An action on the target's SCIM connection from its Directory page, from the state `prepare` leaves. */
const scimCase = (
  action: string,
  verb: "create" | "update",
  form: Record<string, string>,
  prepare: (t: Target) => Promise<void>,
): ActionCase => ({
  action,
  page: (t) => `/admin/${t.muni.slug}/directory`,
  args: async (t) => {
    await prepare(t);
    return [null, { form: { slug: t.muni.slug, ...form } }];
  },
  allowed: (a, t) => adminHere(a, t.muni) && can(a, verb, "ScimConnection", { municipalityId: t.muni.id }),
  state: (t) => scimState(t),
});

// ─── connected services (issue 19): both consoles' actions on the target's service probe ─────
const serviceOf = (t: Target) => probe(t, "Service", () => true);
/** The probe service as it was inserted: every allowed change is taken back for the next account. */
const restoreService = async (t: Target) => {
  const r = serviceOf(t).row;
  await sql(
    `UPDATE "Service" SET name = $2, "clientSecretHash" = $3, "clientSecretHint" = $4, "webhookSecretCipher" = $5,
       "redirectUris" = $6, "disabledAt" = NULL WHERE id = $1`,
    [r.id, r.name, r.clientSecretHash, r.clientSecretHint, r.webhookSecretCipher, r.redirectUris],
  );
};
const serviceState = (t: Target) => row("Service", serviceOf(t).id).then((x) => x.replace(/"updatedAt":"[^"]*"/, ""));
/** An action on one service from its page: the admin console (slug + id) or the platform console (id). */
const serviceCase = (
  action: string,
  where: "admin" | "platform",
  form: (t: Target) => Record<string, string>,
  prepare?: (t: Target) => Promise<void>,
): ActionCase => ({
  action,
  page: (t) =>
    where === "admin" ? `/admin/${t.muni.slug}/services/${serviceOf(t).id}` : `/platform/services/${serviceOf(t).id}`,
  args: async (t) => {
    await prepare?.(t);
    const scope = where === "admin" ? { slug: t.muni.slug, id: serviceOf(t).id } : { id: serviceOf(t).id };
    return [null, { form: { ...scope, ...form(t) } }];
  },
  allowed: (a, t) =>
    (where === "admin" ? adminHere(a, t.muni) : inConsole(a)) && can(a, "update", "Service", serviceOf(t).row),
  state: serviceState,
  reset: restoreService,
});
const serviceSettings = (t: Target) => ({
  name: String(serviceOf(t).row.name),
  redirectUris: "https://probe.example.test/callback",
});
const disabledAlready = async (t: Target) =>
  void (await sql(`UPDATE "Service" SET "disabledAt" = now() WHERE id = $1`, [serviceOf(t).id]));
/** A kind of service free for this account on this console (each kind once per municipality). */
const newServiceKind = (a: Account, where: "admin" | "platform") =>
  `mx-${TAG}-${where[0]}-${shortLabel(a)}`.slice(0, 40).replace(/-+$/, "");
const serviceRegisterCase = (action: string, where: "admin" | "platform"): ActionCase => ({
  action,
  page: (t) => (where === "admin" ? `/admin/${t.muni.slug}/services/new` : "/platform/services/new"),
  args: async (t, a) => [
    null,
    {
      form: {
        ...(where === "admin" ? { slug: t.muni.slug } : { municipalityId: t.muni.id }),
        name: `Matrix service ${TAG}`,
        kind: newServiceKind(a, where),
        redirectUris: "https://matrix.example.test/callback",
      },
    },
  ],
  allowed: (a, t) =>
    (where === "admin" ? adminHere(a, t.muni) : inConsole(a)) &&
    can(a, "create", "Service", { municipalityId: t.muni.id }),
  state: (t) => count("Service", `"municipalityId" = $1 AND name = $2`, [t.muni.id, `Matrix service ${TAG}`]),
  reset: async (t) =>
    void (await sql(`UPDATE "Service" SET name = name || ' (counted)' WHERE "municipalityId" = $1 AND name = $2`, [
      t.muni.id,
      `Matrix service ${TAG}`,
    ])),
});
const serviceCases = (where: "admin" | "platform", names: Record<string, string>): Record<string, ActionCase> => ({
  [names.register!]: serviceRegisterCase(names.register!, where),
  [names.update!]: serviceCase(names.update!, where, serviceSettings),
  [names.rotate!]: serviceCase(names.rotate!, where, () => ({})),
  [names.rotateWebhook!]: serviceCase(names.rotateWebhook!, where, () => ({})),
  [names.disable!]: serviceCase(names.disable!, where, () => ({ reason: "access matrix" })),
  [names.enable!]: serviceCase(names.enable!, where, () => ({}), disabledAlready),
});

const personState = async (p: { userId: string; membershipId: string }) =>
  (await row("User", p.userId)) + (await row("Membership", p.membershipId));

// ─── case builders: the shapes several actions share ──────────────────────────────────────────
type RecordTable = "ServiceRequest" | "HeritageSite" | "Document";
type ProbePerson = { userId: string; membershipId: string };

/** A record row as a fingerprint, without updatedAt (an allowed save touches it even when nothing else changes). */
const withoutStamp = (s: string) => s.replace(/"updatedAt":"[^"]*"/, "");
const rowBesidesVersion = (table: RecordTable, id: string) => row(table, id).then(withoutStamp);
/** A create is seen by a marker value in one column, renamed afterwards so the next account starts from zero. */
const createdWith = (table: string, column: string, value: string) => ({
  state: (t: Target) => count(table, `"municipalityId" = $1 AND "${column}" = $2`, [t.muni.id, value]),
  reset: async (t: Target) =>
    void (await sql(
      `UPDATE "${table}" SET "${column}" = "${column}" || ' (counted)' WHERE "municipalityId" = $1 AND "${column}" = $2`,
      [t.muni.id, value],
    )),
});

/** Saving one field of the target's probe record unchanged, from its workspace page, at the version it was read. */
function recordUpdate(table: RecordTable, probeOf: (t: Target) => Probe, field: string): ActionCase {
  return {
    action: `update${table}Action`,
    page: (t) => `/w/${t.muni.slug}/${recordType(table).paths.page}/${probeOf(t).id}`,
    args: async (t) => [
      {
        id: probeOf(t).id,
        slug: t.muni.slug,
        expectedUpdatedAt: await updatedAt(table, probeOf(t).id),
        values: { [field]: probeOf(t).row[field] },
      },
    ],
    allowed: (a, t) => member(a, t.muni) && canStaff(a, "update", table, probeOf(t).row, field),
    state: (t) => rowBesidesVersion(table, probeOf(t).id),
  };
}

/** Creating a record from the workspace's "new" page, seen by its name (a title or name column). */
/** The text a created probe record carries in its free-text field. */
const CREATED_BY_MATRIX = "Created by the action matrix.";

function recordCreate(
  table: RecordTable,
  named: { title: string } | { name: string },
  values: Record<string, unknown>,
  attrs: Record<string, unknown>,
): ActionCase {
  const [column, name] = Object.entries(named)[0]!;
  return {
    action: `create${table}Action`,
    page: (t) => `/w/${t.muni.slug}/${recordType(table).paths.page}/new`,
    args: async (t) => [{ slug: t.muni.slug, values: { ...values, ...named } }],
    allowed: (a, t) => member(a, t.muni) && canStaff(a, "create", table, { municipalityId: t.muni.id, ...attrs }),
    ...createdWith(table, column, name),
  };
}

type PersonCase = Pick<ActionCase, "args" | "allowed" | "reset">;

/** An action on the target's probe person, from their admin page; what it could change is their User and Membership rows. */
const personPageCase = (action: string, c: PersonCase): ActionCase => ({
  action,
  page: (t) => `/admin/${t.muni.slug}/people/${people.get(t.muni.id)!.membershipId}`,
  state: (t) => personState(people.get(t.muni.id)!),
  ...c,
});

/** An action on the target's pending probe person, from the approval queue. */
const approvalCase = (action: string, c: PersonCase): ActionCase => ({
  action,
  page: (t) => `/admin/${t.muni.slug}/approvals`,
  state: (t) => personState(pending.get(t.muni.id)!),
  ...c,
});

/** The person page's form, naming the probe person (and whatever else the action asks). */
const personForm = async (t: Target, extra: Record<string, string> = {}): Promise<ActionArg[]> => {
  const p = people.get(t.muni.id)!;
  return [null, { form: { slug: t.muni.slug, membershipId: p.membershipId, userId: p.userId, ...extra } }];
};

/** An action on the target's probe invitation, from the invitations page; what it could change is that row. */
const invitationCase = (action: string, reset?: ActionCase["reset"]): ActionCase => ({
  action,
  page: (t) => `/admin/${t.muni.slug}/invitations`,
  args: async (t) => [null, { form: { slug: t.muni.slug, invitationId: invitations.get(t.muni.id)! } }],
  allowed: (a, t) => can(a, "update", "Invitation", { municipalityId: t.muni.id }),
  state: (t) => row("Invitation", invitations.get(t.muni.id)!),
  reset,
});

const restoreMembership =
  (of: Map<string, ProbePerson>, data: Prisma.MembershipUpdateInput) =>
  async (t: Target): Promise<void> =>
    void (await testPrisma().membership.update({ where: { id: of.get(t.muni.id)!.membershipId }, data }));

const restoreUser =
  (data: Prisma.UserUpdateInput) =>
  async (t: Target): Promise<void> =>
    void (await testPrisma().user.update({ where: { id: people.get(t.muni.id)!.userId }, data }));

// ─── the platform console: probe municipalities, people and requests of its own, per target ───
const platformProbes = new Map<string, { muniId: string; slug: string; subject: string; proposer: string }>();
const grantRequest = new Map<string, string>();
/** A municipality to archive and restore, a person to propose for and a platform admin who proposes, per target. */
async function platformProbe(t: Target) {
  let p = platformProbes.get(t.muni.id);
  if (!p) {
    const slug = `pc-${TAG}-${t.muni.slug}`;
    const m = await freshMunicipality({ slug, name: `Probe ${TAG} ${t.muni.slug}` });
    const subject = await freshUser({ email: `pc-subject-${TAG}-${t.muni.slug}@example.test` });
    const proposer = await freshUser({
      email: `pc-proposer-${TAG}-${t.muni.slug}@example.test`,
      platformGroups: ["platform_admin"],
    });
    platformProbes.set(t.muni.id, (p = { muniId: m.id, slug, subject: subject.id, proposer: proposer.id }));
  }
  return p;
}
const inConsole = (a: Account) => can(a, "create", "Municipality", {});
const shortLabel = (a: Account) => a.label.replace(/[^a-z0-9]/g, "").slice(0, 24);
const newMunicipalitySlug = (t: Target, a: Account) => `pn-${TAG}-${t.muni.slug.slice(0, 8)}-${shortLabel(a)}`;
const archiveCase = (action: string, archivedBefore: boolean): ActionCase => ({
  action,
  page: (t) => `/platform/municipalities/${platformProbes.get(t.muni.id)!.slug}`,
  args: async (t) => {
    const p = await platformProbe(t);
    await sql(`UPDATE "Municipality" SET "archivedAt" = ${archivedBefore ? "now()" : "NULL"} WHERE id = $1`, [
      p.muniId,
    ]);
    return [null, { form: { slug: p.slug, confirm: p.slug } }];
  },
  allowed: (a, t) =>
    inConsole(a) && can(a, "update", "Municipality", { id: platformProbes.get(t.muni.id)!.muniId }, "archivedAt"),
  state: async (t) => row("Municipality", (await platformProbe(t)).muniId),
  reset: async (t) =>
    void (await sql(`UPDATE "Municipality" SET "archivedAt" = NULL WHERE id = $1`, [(await platformProbe(t)).muniId])),
});
/** A pending request about the target's probe person, proposed by `by` (the probe proposer unless said). */
async function pendingRequest(t: Target, by?: string) {
  const p = await platformProbe(t);
  await sql(`UPDATE "PlatformGrantRequest" SET status = 'CANCELLED' WHERE "userId" = $1 AND status = 'PENDING'`, [
    p.subject,
  ]);
  const r = await testPrisma().platformGrantRequest.create({
    data: {
      userId: p.subject,
      group: "superuser",
      change: "GRANT",
      reason: "action matrix",
      proposedById: by ?? p.proposer,
    },
  });
  grantRequest.set(t.muni.id, r.id);
  return r.id;
}
const decideCase = (action: string): ActionCase => ({
  action,
  page: () => "/platform/grants",
  args: async (t) => [null, { form: { requestId: await pendingRequest(t), note: "" } }],
  allowed: (a, t) => {
    const p = platformProbes.get(t.muni.id)!;
    return (
      inConsole(a) &&
      isUser(a) &&
      can(a, "approve", "PlatformGrantRequest", { userId: p.subject, proposedById: p.proposer, status: "PENDING" })
    );
  },
  state: async (t) =>
    (await row("PlatformGrantRequest", grantRequest.get(t.muni.id)!)) +
    (await row("User", (await platformProbe(t)).subject)),
  reset: async (t) =>
    void (await testPrisma().user.update({
      where: { id: (await platformProbe(t)).subject },
      data: { platformGroups: [] },
    })),
});

// ─── the SSO console (/admin/<slug>/sso): the target's OIDC connection ──────────────────────
type OidcRow = Record<string, unknown> & { id: string; claimMappings: unknown };
const oidcRow = async (t: Target) =>
  (
    await sql<OidcRow>(`SELECT * FROM "SsoConnection" WHERE "municipalityId" = $1 AND protocol = 'OIDC'`, [t.muni.id])
  )[0] ?? null;
/** The row as it was before the first SSO case touched it (null: the municipality had none). */
const oidcBefore = new Map<string, OidcRow | null>();
const oidcState = async (t: Target) => withoutStamp(JSON.stringify(await oidcRow(t)));
const mayManageSso = (a: Account, t: Target) =>
  adminHere(a, t.muni) &&
  (can(a, "update", "SsoConnection", { municipalityId: t.muni.id, protocol: "OIDC" }) ||
    can(a, "create", "SsoConnection", { municipalityId: t.muni.id, protocol: "OIDC" }));
/** Puts the target's connection back as it was (a created one goes again). */
async function restoreOidc(t: Target): Promise<void> {
  const was = oidcBefore.get(t.muni.id);
  if (!was)
    return void (await sql(`DELETE FROM "SsoConnection" WHERE "municipalityId" = $1 AND protocol = 'OIDC'`, [
      t.muni.id,
    ]));
  await sql(
    `UPDATE "SsoConnection" SET "displayName" = $2, "claimMappings" = $3::jsonb, enabled = $4, "clientSecretCipher" = $5 WHERE id = $1`,
    [was.id, was.displayName, JSON.stringify(was.claimMappings), was.enabled, was.clientSecretCipher],
  );
}
/**
 * A connection to test and try: the target's own, or (where it has none) a switched-off one at
 * Riverton's provider, which shows no sign-in button and maps nothing for anyone.
 */
async function ensureOidc(t: Target): Promise<void> {
  if (!oidcBefore.has(t.muni.id)) oidcBefore.set(t.muni.id, await oidcRow(t));
  if (await oidcRow(t)) return;
  const [riverton] = await sql<{ issuer: string }>(
    `SELECT issuer FROM "SsoConnection" c JOIN "Municipality" m ON m.id = c."municipalityId" WHERE m.slug = 'riverton' AND c.protocol = 'OIDC'`,
  );
  await sql(
    `INSERT INTO "SsoConnection" (id, "municipalityId", protocol, issuer, "clientId", "clientSecretCipher", enabled, "updatedAt") VALUES ($1, $2, 'OIDC', $3, $4, $5, false, now())`,
    [
      `sso-${TAG}-${t.muni.slug}`,
      t.muni.id,
      riverton!.issuer,
      `gatehouse-${t.muni.slug}`,
      seal("access-matrix-secret", process.env.AUTH_SECRET!),
    ],
  );
}
/** An action of the SSO console page, for whoever may manage the target's connection; the row is the state. */
const ssoCase = (action: string, c: Pick<ActionCase, "args"> & Partial<ActionCase>): ActionCase => ({
  action,
  page: (t) => `/admin/${t.muni.slug}/sso`,
  allowed: mayManageSso,
  state: oidcState,
  ...c,
});
/** A form naming only the municipality, whose connection is there to test or try. */
const onSavedConnection = async (t: Target): Promise<ActionArg[]> => {
  await ensureOidc(t);
  return [null, { form: { slug: t.muni.slug } }];
};
/** A department of the target municipality made for this run (archived by its case, put back by the reset). */
const probeDepartments = new Map<string, { id: string; name: string }>();
async function probeDepartment(t: Target): Promise<{ id: string; name: string }> {
  let d = probeDepartments.get(t.muni.id);
  if (!d) {
    const name = `Probe department ${TAG}`;
    d = await testPrisma().department.create({
      data: { municipalityId: t.muni.id, name, slug: `probe-${TAG}` },
      select: { id: true, name: true },
    });
    probeDepartments.set(t.muni.id, d);
  }
  return d;
}
const restoreDepartment = async (t: Target) =>
  void (await testPrisma().department.update({
    where: { id: (await probeDepartment(t)).id },
    data: { archivedAt: null },
  }));
/** A request tag of the target municipality made for this run (archived by its case, put back by the reset). */
const probeTags = new Map<string, string>();
async function probeTag(t: Target): Promise<string> {
  let id = probeTags.get(t.muni.id);
  if (!id) {
    id = (
      await testPrisma().requestTag.create({
        data: { municipalityId: t.muni.id, label: `Probe tag ${TAG}` },
        select: { id: true },
      })
    ).id;
    probeTags.set(t.muni.id, id);
  }
  return id;
}
const MATRIX_TAG = `Matrix tag ${TAG}`;
/** A request's own page: its assignee or tag picker posting one field unchanged (empty: the probe has none). */
const requestPicker = (
  action: string,
  field: "assigneeId" | "tags",
  form: (row: Record<string, unknown>) => Record<string, string>,
): ActionCase => ({
  action,
  page: (t) => `/w/${t.muni.slug}/requests/${srOf(t).id}`,
  args: async (t) => [null, { form: { slug: t.muni.slug, id: srOf(t).id, ...form(srOf(t).row) } }],
  allowed: (a, t) => member(a, t.muni) && canStaff(a, "update", "ServiceRequest", srOf(t).row, field),
  state: (t) => rowBesidesVersion("ServiceRequest", srOf(t).id),
});
/** The description each municipality had before the settings case changed it. */
const descriptions = new Map<string, string | null>();

// ─── a request's photos (issue 18): the probe photos of world.ts ──────────────────────────────
/** Riverton's (or Lakeside's) public roads request probe: it has a published and an unpublished photo. */
const srPublicOf = (t: Target) =>
  probe(t, "ServiceRequest", (p) => p.row.category === "ROADS" && p.row.isPublic === true);
const unpublishedOf = (t: Target) => srPublicOf(t).photos!.find((ph) => ph.row.isPublished === false)!;
let tinyJpeg: Blob | undefined;
const photosOfRequest = (id: string) =>
  sql(`SELECT id, "isPublished" FROM "RequestPhoto" WHERE "requestId" = $1 ORDER BY id`, [id]).then((r) =>
    JSON.stringify(r),
  );

/**
 * A service of the municipality without addresses and one given-up delivery of it (made once per
 * municipality): "Send again now" makes it due, and the worker gives it up again at once (no
 * address), so the next account meets the same state.
 */
const deliveryProbes = new Map<string, { serviceId: string; id: string }>();
async function deliveryProbe(t: Target): Promise<{ serviceId: string; id: string }> {
  let p = deliveryProbes.get(t.muni.id);
  if (!p) {
    p = { serviceId: `svcm-${TAG}-${t.muni.slug}`, id: `sdm-${TAG}-${t.muni.slug}` };
    await sql(
      `INSERT INTO "Service" (id, "municipalityId", slug, name, "clientId", "clientSecretHash", "clientSecretHint", "updatedAt") VALUES ($1, $2, $3, 'Matrix deliveries', $4, $5, 'xxxx', now())`,
      [p.serviceId, t.muni.id, `matrix-${TAG}`, `svc_m${TAG}${t.muni.slug}`, randomBytes(32).toString("hex")],
    );
    await sql(
      `INSERT INTO "ServiceDelivery" (id, "serviceId", "municipalityId", kind, event, payload, status, attempts) VALUES ($1, $2, $3, 'WEBHOOK', 'access.revoked', '{}', 'GAVE_UP', 8)`,
      [p.id, p.serviceId, t.muni.id],
    );
    deliveryProbes.set(t.muni.id, p);
  }
  return p;
}

// ─── access reviews (issue 20): the probe review of world.ts, and a campaign of the matrix's own ──
const reviewProbeOf = (t: Target) => probe(t, "AccessReview", () => true);
const reviewItemOf = (t: Target) => probe(t, "AccessReviewItem", () => true);
const MATRIX_REVIEW = `Matrix review ${TAG}`;
const MATRIX_SCHEDULE = `Matrix schedule ${TAG}`;
/** Per municipality: a campaign to close, one with a person to reassign between two managers, a schedule to switch off. */
type ReviewMatrix = { closeId: string; reviewId: string; itemId: string; from: string; to: string; scheduleId: string };
const reviewMatrices = new Map<string, ReviewMatrix>();
async function reviewMatrix(t: Target): Promise<ReviewMatrix> {
  let r = reviewMatrices.get(t.muni.id);
  if (!r) {
    const [from, to, person] = [
      await newPerson(t.muni, "ACTIVE", ["manager"]),
      await newPerson(t.muni, "ACTIVE", ["manager"]),
      await newPerson(t.muni),
    ];
    const id = (k: string) => `mx${k}-${TAG}-${t.muni.slug}`;
    r = { closeId: id("c"), reviewId: id("r"), itemId: id("i"), from: from.userId, to: to.userId, scheduleId: id("s") };
    for (const review of [r.closeId, r.reviewId])
      await sql(
        `INSERT INTO "AccessReview" (id, "municipalityId", name, scope, "dueAt", "updatedAt") VALUES ($1, $2, 'Matrix campaign', 'ALL', now() + interval '30 days', now())`,
        [review, t.muni.id],
      );
    await sql(
      `INSERT INTO "AccessReviewItem" (id, "reviewId", "municipalityId", "membershipId", "userId", "reviewerId", groups, snapshot, "updatedAt")
       VALUES ($1, $2, $3, $4, $5, $6, '{viewer}', '{}', now())`,
      [r.itemId, r.reviewId, t.muni.id, person.membershipId, person.userId, r.from],
    );
    await sql(
      `INSERT INTO "AccessReviewSchedule" (id, "municipalityId", name, scope, "everyMonths", "nextRunAt", "updatedAt") VALUES ($1, $2, 'Matrix schedule to switch off', 'ALL', 12, now() + interval '300 days', now())`,
      [r.scheduleId, t.muni.id],
    );
    reviewMatrices.set(t.muni.id, r);
  }
  return r;
}
const runsReviews = (
  a: Account,
  t: Target,
  type: "AccessReview" | "AccessReviewSchedule",
  action: "create" | "update",
) => adminHere(a, t.muni) && can(a, action, type, { municipalityId: t.muni.id });
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const reviewCases: Record<string, ActionCase> = {
  // Starting a campaign for everyone (never empty); an allowed one is closed and renamed aside.
  startReviewAction: {
    action: "startReviewAction",
    page: (t) => `/admin/${t.muni.slug}/reviews/new`,
    args: async (t) => [
      null,
      { form: { slug: t.muni.slug, name: MATRIX_REVIEW, scope: "ALL", dueAt: inDays(14), undecidedRule: "KEEP" } },
    ],
    allowed: (a, t) => runsReviews(a, t, "AccessReview", "create"),
    state: (t) => count("AccessReview", `"municipalityId" = $1 AND name = $2`, [t.muni.id, MATRIX_REVIEW]),
    reset: async (t) =>
      void (await sql(
        `UPDATE "AccessReview" SET name = name || ' (counted)', status = 'CLOSED', "closedAt" = now() WHERE "municipalityId" = $1 AND name = $2`,
        [t.muni.id, MATRIX_REVIEW],
      )),
  },
  // Closing the matrix's empty campaign (opened again before each call).
  closeReviewAction: {
    action: "closeReviewAction",
    page: (t) => `/admin/${t.muni.slug}/reviews/${reviewMatrices.get(t.muni.id)?.closeId ?? "x"}`,
    args: async (t) => {
      const r = await reviewMatrix(t);
      await sql(
        `UPDATE "AccessReview" SET status = 'OPEN', "closedAt" = NULL, "reportDigest" = NULL, "reportSignature" = NULL WHERE id = $1`,
        [r.closeId],
      );
      return [null, { form: { slug: t.muni.slug, id: r.closeId, confirm: "yes" } }];
    },
    allowed: (a, t) => runsReviews(a, t, "AccessReview", "update"),
    state: async (t) => withoutStamp(await row("AccessReview", (await reviewMatrix(t)).closeId)),
  },
  // Giving the matrix's person to the other manager (given back before each call).
  reassignReviewItemAction: {
    action: "reassignReviewItemAction",
    page: (t) => `/admin/${t.muni.slug}/reviews/${reviewMatrices.get(t.muni.id)?.reviewId ?? "x"}`,
    args: async (t) => {
      const r = await reviewMatrix(t);
      await sql(`UPDATE "AccessReviewItem" SET "reviewerId" = $2 WHERE id = $1`, [r.itemId, r.from]);
      return [null, { form: { slug: t.muni.slug, id: r.itemId, reviewId: r.reviewId, reviewerId: r.to } }];
    },
    allowed: (a, t) =>
      runsReviews(a, t, "AccessReview", "update") &&
      can(a, "read", "AccessReviewItem", {
        municipalityId: t.muni.id,
        reviewerId: reviewMatrices.get(t.muni.id)!.from,
      }),
    state: async (t) => withoutStamp(await row("AccessReviewItem", (await reviewMatrix(t)).itemId)),
  },
  saveReviewScheduleAction: {
    action: "saveReviewScheduleAction",
    page: (t) => `/admin/${t.muni.slug}/reviews/schedules`,
    args: async (t) => [
      null,
      {
        form: {
          slug: t.muni.slug,
          name: MATRIX_SCHEDULE,
          scope: "ALL",
          everyMonths: "12",
          dueDays: "14",
          undecidedRule: "KEEP",
          firstRunAt: inDays(200),
        },
      },
    ],
    allowed: (a, t) => runsReviews(a, t, "AccessReviewSchedule", "create"),
    ...createdWith("AccessReviewSchedule", "name", MATRIX_SCHEDULE),
  },
  disableReviewScheduleAction: {
    action: "disableReviewScheduleAction",
    page: (t) => `/admin/${t.muni.slug}/reviews/schedules`,
    args: async (t) => {
      const r = await reviewMatrix(t);
      await sql(`UPDATE "AccessReviewSchedule" SET "disabledAt" = NULL WHERE id = $1`, [r.scheduleId]);
      return [null, { form: { slug: t.muni.slug, id: r.scheduleId, confirm: "yes" } }];
    },
    allowed: (a, t) => runsReviews(a, t, "AccessReviewSchedule", "update"),
    state: async (t) => withoutStamp(await row("AccessReviewSchedule", (await reviewMatrix(t)).scheduleId)),
  },
  // The probe review's person, confirmed by their reviewer only (never by themself); undecided again before each call.
  decideReviewItemAction: {
    action: "decideReviewItemAction",
    page: (t) => `/w/${t.muni.slug}/reviews/${reviewProbeOf(t).id}`,
    args: async (t) => {
      await sql(
        `UPDATE "AccessReviewItem" SET decision = NULL, "keptGroups" = '{}', "decidedById" = NULL, "decidedAt" = NULL, outcome = NULL, "appliedAt" = NULL WHERE id = $1`,
        [reviewItemOf(t).id],
      );
      return [
        null,
        { form: { slug: t.muni.slug, id: reviewItemOf(t).id, reviewId: reviewProbeOf(t).id, decision: "CONFIRM" } },
      ];
    },
    allowed: (a, t) => {
      const item = reviewItemOf(t).row;
      return (
        member(a, t.muni) &&
        a.principal.kind === "user" &&
        a.principal.userId === item.reviewerId &&
        a.principal.userId !== item.userId &&
        canStaff(a, "update", "AccessReviewItem", item)
      );
    },
    state: async (t) => withoutStamp(await row("AccessReviewItem", reviewItemOf(t).id)),
  },
};

// ─── clips (issue 21): queries and clips of the matrix's own, and the probe clip of world.ts ──
const clipProbeOf = (t: Target) => probe(t, "Clip", () => true);
const MATRIX_CLIP = `Matrix clip ${TAG}`;
const MATRIX_QUERY = `SELECT '${MATRIX_CLIP}' AS matrix`;
/** The clips group here (analyst; a superuser): the staff view reads the municipality's clips. */
const usesClips = (a: Account, t: Target) =>
  member(a, t.muni) && canStaff(a, "read", "Clip", { municipalityId: t.muni.id });
const clipCases: Record<string, ActionCase> = {
  // A run is kept (ClipRun) and audited; a refused one leaves no run behind.
  runClipAction: {
    action: "runClipAction",
    page: (t) => `/w/${t.muni.slug}/clips`,
    args: async (t) => [null, { form: { slug: t.muni.slug, sql: MATRIX_QUERY } }],
    allowed: usesClips,
    state: (t) => count("ClipRun", `"municipalityId" = $1 AND sql = $2`, [t.muni.id, MATRIX_QUERY]),
  },
  saveClipAction: {
    action: "saveClipAction",
    page: (t) => `/w/${t.muni.slug}/clips`,
    args: async (t) => [null, { form: { slug: t.muni.slug, name: MATRIX_CLIP, description: "", sql: MATRIX_QUERY } }],
    allowed: (a, t) => usesClips(a, t) && canStaff(a, "create", "Clip", { municipalityId: t.muni.id }),
    ...createdWith("Clip", "name", MATRIX_CLIP),
  },
  // Archiving the probe clip (brought back before each call).
  archiveClipAction: {
    action: "archiveClipAction",
    page: (t) => `/w/${t.muni.slug}/clips/${clipProbeOf(t).id}`,
    args: async (t) => {
      await sql(`UPDATE "Clip" SET "archivedAt" = NULL, "updatedById" = NULL WHERE id = $1`, [clipProbeOf(t).id]);
      return [null, { form: { slug: t.muni.slug, clipId: clipProbeOf(t).id } }];
    },
    allowed: (a, t) => usesClips(a, t) && canStaff(a, "update", "Clip", clipProbeOf(t).row),
    state: async (t) => withoutStamp(await row("Clip", clipProbeOf(t).id)),
    // Brought back for the API cases below, which run and change the same probe clip.
    reset: async (t) => void (await sql(`UPDATE "Clip" SET "archivedAt" = NULL WHERE id = $1`, [clipProbeOf(t).id])),
  },
};

const CASES: Record<string, ActionCase> = {
  // Adding photos is working on the request: the staff view may update it and create its photos.
  addRequestPhotosAction: {
    action: "addRequestPhotosAction",
    page: (t) => `/w/${t.muni.slug}/requests/${srOf(t).id}`,
    args: async (t) => {
      tinyJpeg ??= new Blob([new Uint8Array(await canvas(24, 16).jpeg().toBuffer())], { type: "image/jpeg" });
      return [null, { form: { slug: t.muni.slug, id: srOf(t).id, photos: tinyJpeg } }];
    },
    allowed: (a, t) =>
      member(a, t.muni) &&
      canStaff(a, "update", "ServiceRequest", srOf(t).row) &&
      canStaff(a, "create", "RequestPhoto", { municipalityId: t.muni.id, requestId: srOf(t).id }),
    state: (t) =>
      Promise.all([
        photosOfRequest(srOf(t).id),
        count("StoredObject", "key LIKE $1", [`photos/${t.muni.id}/${srOf(t).id}/%`]),
      ]).then((s) => s.join("|")),
  },
  // Publishing: the photo and its request readable in the staff view, and isPublished updatable.
  setRequestPhotoPublishedAction: {
    action: "setRequestPhotoPublishedAction",
    page: (t) => `/w/${t.muni.slug}/requests/${srPublicOf(t).id}`,
    args: async (t) => [
      null,
      { form: { slug: t.muni.slug, id: srPublicOf(t).id, photoId: unpublishedOf(t).id, publish: "yes" } },
    ],
    allowed: (a, t) =>
      member(a, t.muni) &&
      canStaff(a, "read", "ServiceRequest", srPublicOf(t).row) &&
      canStaff(a, "read", "RequestPhoto", unpublishedOf(t).row) &&
      canStaff(a, "update", "RequestPhoto", unpublishedOf(t).row, "isPublished"),
    state: (t) => row("RequestPhoto", unpublishedOf(t).id),
    reset: async (t) =>
      void (await sql(
        `UPDATE "RequestPhoto" SET "isPublished" = false, "publishedAt" = NULL, "publishedById" = NULL WHERE id = $1`,
        [unpublishedOf(t).id],
      )),
  },
  createMunicipalityAction: {
    action: "createMunicipalityAction",
    page: () => "/platform/municipalities/new",
    args: async (t, a) => [
      null,
      {
        form: {
          name: `Probe ${TAG} new`,
          slug: newMunicipalitySlug(t, a),
          mfaRequirement: "OFF",
          sessionIdleMinutes: "30",
          inactivityDays: "",
        },
      },
    ],
    allowed: (a) => inConsole(a),
    state: (t, a) => count("Municipality", `slug = $1`, [newMunicipalitySlug(t, a)]),
  },
  archiveMunicipalityAction: archiveCase("archiveMunicipalityAction", false),
  restoreMunicipalityAction: archiveCase("restoreMunicipalityAction", true),
  proposePlatformGrantAction: {
    action: "proposePlatformGrantAction",
    page: (t) => `/platform/people/${platformProbes.get(t.muni.id)!.subject}`,
    args: async (t) => {
      const p = await platformProbe(t);
      await sql(`UPDATE "PlatformGrantRequest" SET status = 'CANCELLED' WHERE "userId" = $1 AND status = 'PENDING'`, [
        p.subject,
      ]);
      return [
        null,
        { form: { userId: p.subject, group: "superuser", change: "GRANT", reason: "access matrix proposal" } },
      ];
    },
    allowed: (a, t) =>
      inConsole(a) &&
      isUser(a) &&
      can(a, "create", "PlatformGrantRequest", { userId: platformProbes.get(t.muni.id)!.subject }),
    state: async (t) =>
      count("PlatformGrantRequest", `"userId" = $1 AND status = 'PENDING'`, [(await platformProbe(t)).subject]),
  },
  // The provider's signing key (lib/services/oidc-keys.ts): platform console accounts rotate it;
  // a refused call leaves the newest key as it was.
  rotateSigningKeyAction: {
    action: "rotateSigningKeyAction",
    page: () => "/platform/signing-keys",
    args: async () => [null, { form: { confirm: "yes" } }],
    allowed: (a) => inConsole(a),
    state: async () =>
      JSON.stringify(await sql(`SELECT kid FROM "OidcSigningKey" ORDER BY "createdAt" DESC, kid LIMIT 1`)),
  },
  // The policy-change preview (lib/governance/policy-preview.ts): read-only, platform console only.
  // The deployed volunteer.yaml as the "proposed" file: it loads and changes nothing, quickly.
  previewPolicyChangeAction: {
    action: "previewPolicyChangeAction",
    page: () => "/platform/policies",
    args: async () => [
      null,
      {
        form: {
          pastedName: "volunteer.yaml",
          pastedText: readFileSync(path.join(process.cwd(), "policies/groups/volunteer.yaml"), "utf8"),
        },
      },
    ],
    allowed: (a) => inConsole(a),
    state: async () => "read-only",
  },
  approvePlatformGrantAction: decideCase("approvePlatformGrantAction"),
  rejectPlatformGrantAction: decideCase("rejectPlatformGrantAction"),
  cancelPlatformGrantAction: {
    action: "cancelPlatformGrantAction",
    page: () => "/platform/grants",
    // Proposed by the caller (a signed-in account), so a console account may cancel it.
    args: async (t, a) => [
      null,
      { form: { requestId: await pendingRequest(t, a.principal.kind === "user" ? a.principal.userId : undefined) } },
    ],
    allowed: (a, t) =>
      isUser(a) && can(a, "read", "PlatformGrantRequest", { userId: platformProbes.get(t.muni.id)!.subject }),
    state: async (t) => row("PlatformGrantRequest", grantRequest.get(t.muni.id)!),
  },
  updateServiceRequestAction: recordUpdate("ServiceRequest", srOf, "status"),
  // A note on the request's timeline (no status change): reach on the request, then the
  // RequestEvent create rule for that kind decides.
  workOnServiceRequestAction: {
    action: "workOnServiceRequestAction",
    page: (t) => `/w/${t.muni.slug}/requests/${srOf(t).id}`,
    args: async (t) => [
      null,
      { form: { slug: t.muni.slug, id: srOf(t).id, kind: "INTERNAL_NOTE", body: MATRIX_NOTE } },
    ],
    allowed: (a, t) => member(a, t.muni) && mayNote(a, t, "INTERNAL_NOTE"),
    ...createdWith("RequestEvent", "body", MATRIX_NOTE),
  },
  createServiceRequestAction: recordCreate(
    "ServiceRequest",
    { title: `Probe ${TAG} created` },
    { category: "ROADS", description: CREATED_BY_MATRIX, area: "Probe district" },
    { category: "ROADS" },
  ),
  updateHeritageSiteAction: recordUpdate("HeritageSite", hsOf, "summary"),
  createHeritageSiteAction: recordCreate(
    "HeritageSite",
    { name: `Probe ${TAG} site` },
    { kind: "HISTORIC_AREA", district: "Probe district", summary: CREATED_BY_MATRIX },
    { kind: "HISTORIC_AREA" },
  ),
  updateDocumentAction: recordUpdate("Document", docOf, "summary"),
  createDocumentAction: recordCreate(
    "Document",
    { title: `Probe ${TAG} doc` },
    { kind: "GUIDANCE", visibility: "INTERNAL", summary: CREATED_BY_MATRIX, body: "Body." },
    { kind: "GUIDANCE", visibility: "INTERNAL", archivedAt: null },
  ),
  archiveDocumentAction: {
    action: "archiveDocumentAction",
    page: (t) => `/w/${t.muni.slug}/documents/${docOf(t).id}`,
    args: async (t) => [null, { form: { slug: t.muni.slug, id: docOf(t).id } }],
    allowed: (a, t) => member(a, t.muni) && canStaff(a, "update", "Document", docOf(t).row, "archivedAt"),
    state: (t) => rowBesidesVersion("Document", docOf(t).id),
    reset: async (t) => void (await sql(`UPDATE "Document" SET "archivedAt" = NULL WHERE id = $1`, [docOf(t).id])),
  },
  suspendMembershipAction: personPageCase("suspendMembershipAction", {
    args: async (t) => personForm(t, { reason: "access matrix" }),
    allowed: (a, t) => can(a, "suspend", "Membership", { municipalityId: t.muni.id, status: "ACTIVE" }),
    reset: restoreMembership(people, { status: "ACTIVE", suspendedAt: null }),
  }),
  reactivateMembershipAction: personPageCase("reactivateMembershipAction", {
    args: async (t) => {
      await testPrisma().membership.update({
        where: { id: people.get(t.muni.id)!.membershipId },
        data: { status: "SUSPENDED", suspendedAt: new Date() },
      });
      return personForm(t);
    },
    allowed: (a, t) => can(a, "suspend", "Membership", { municipalityId: t.muni.id, status: "SUSPENDED" }),
    reset: restoreMembership(people, { status: "ACTIVE", suspendedAt: null }),
  }),
  deactivateUserAction: personPageCase("deactivateUserAction", {
    args: async (t) => personForm(t, { reason: "access matrix" }),
    allowed: (a, t) => can(a, "suspend", "Membership", { municipalityId: t.muni.id }),
    reset: restoreUser({ isActive: true, deactivatedAt: null }),
  }),
  reactivateUserAction: personPageCase("reactivateUserAction", {
    args: async (t) => {
      const p = people.get(t.muni.id)!;
      await testPrisma().user.update({ where: { id: p.userId }, data: { isActive: false, deactivatedAt: new Date() } });
      return personForm(t);
    },
    allowed: (a, t) => can(a, "suspend", "Membership", { municipalityId: t.muni.id }),
    reset: restoreUser({ isActive: true, deactivatedAt: null }),
  }),
  changeMembershipAccessAction: personPageCase("changeMembershipAccessAction", {
    args: async (t) => [
      { slug: t.muni.slug, membershipId: people.get(t.muni.id)!.membershipId },
      { groups: ["viewer", "analyst"], allowedCategories: [] },
    ],
    allowed: (a, t) =>
      can(a, "update", "Membership", { municipalityId: t.muni.id, status: "ACTIVE", groups: ["viewer"] }),
    reset: restoreMembership(people, { groups: ["viewer"] }),
  }),
  eraseUserAction: personPageCase("eraseUserAction", {
    args: async (t) => personForm(t, { reason: "access matrix erasure", confirmEmail: people.get(t.muni.id)!.email }),
    allowed: (a, t) => can(a, "suspend", "Membership", { municipalityId: t.muni.id }),
    // Erasure cannot be undone: the next account meets a new person.
    reset: async (t) => void people.set(t.muni.id, await newPerson(t.muni)),
  }),
  unlockSignInAction: personPageCase("unlockSignInAction", {
    args: async (t) => {
      // As a strict lockout leaves it (lib/auth/credentials.ts).
      const p = people.get(t.muni.id)!;
      await testPrisma().user.update({ where: { id: p.userId }, data: { signInLockedAt: new Date() } });
      return [null, { form: { slug: t.muni.slug, membershipId: p.membershipId, confirm: "yes" } }];
    },
    allowed: (a, t) => can(a, "suspend", "Membership", { municipalityId: t.muni.id, status: "ACTIVE" }),
    reset: restoreUser({ signInLockedAt: null }),
  }),
  // Direct grants of a connected service (lib/flows/service-grants.ts): the target's probe
  // service, granted to its probe person; revoking a grant made for the call.
  grantServiceAccessAction: {
    ...personPageCase("grantServiceAccessAction", {
      args: async (t) => personForm(t, { serviceId: (await probeService(t)).id, reason: "access matrix" }),
      allowed: (a, t) =>
        adminHere(a, t.muni) &&
        can(a, "read", "Service", { municipalityId: t.muni.id, slug: "permits" }) &&
        can(a, "create", "ServiceGrant", { municipalityId: t.muni.id, userId: people.get(t.muni.id)!.userId }),
      reset: async (t) =>
        void (await sql(`UPDATE "ServiceGrant" SET "endedAt" = now() WHERE "userId" = $1 AND "endedAt" IS NULL`, [
          people.get(t.muni.id)!.userId,
        ])),
    }),
    state: (t) => count("ServiceGrant", `"userId" = $1 AND "endedAt" IS NULL`, [people.get(t.muni.id)!.userId]),
  },
  revokeServiceAccessAction: {
    ...personPageCase("revokeServiceAccessAction", {
      args: async (t) => {
        const p = people.get(t.muni.id)!;
        const s = await probeService(t);
        const g = await testPrisma().serviceGrant.create({
          data: {
            serviceId: s.id,
            municipalityId: t.muni.id,
            userId: p.userId,
            grantedById: p.userId,
            reason: "matrix",
          },
        });
        serviceGrants.set(t.muni.id, g.id);
        return [
          null,
          { form: { slug: t.muni.slug, membershipId: p.membershipId, grantId: g.id, note: "access matrix" } },
        ];
      },
      allowed: (a, t) =>
        adminHere(a, t.muni) &&
        can(a, "read", "ServiceGrant", { municipalityId: t.muni.id }) &&
        can(
          a,
          "update",
          "ServiceGrant",
          { municipalityId: t.muni.id, userId: people.get(t.muni.id)!.userId },
          "endedAt",
        ),
    }),
    state: (t) => row("ServiceGrant", serviceGrants.get(t.muni.id)!),
  },
  // Account-wide, like deactivation: whoever may suspend every membership the person holds.
  resetFactorsAction: {
    ...personPageCase("resetFactorsAction", {
      args: async (t) => {
        const p = people.get(t.muni.id)!;
        await testPrisma().recoveryCode.create({
          data: { userId: p.userId, codeHash: randomBytes(16).toString("hex") },
        });
        return personForm(t, { reason: "access matrix", confirm: "yes" });
      },
      allowed: (a, t) => can(a, "suspend", "Membership", { municipalityId: t.muni.id }),
    }),
    // What it could change: the person's factors (and their sessions).
    state: (t) => count("RecoveryCode", `"userId" = $1`, [people.get(t.muni.id)!.userId]),
  },
  approveMembershipAction: approvalCase("approveMembershipAction", {
    args: async (t) => [null, { form: { slug: t.muni.slug, membershipId: pending.get(t.muni.id)!.membershipId } }],
    allowed: (a, t) => can(a, "approve", "Membership", { municipalityId: t.muni.id, status: "PENDING_APPROVAL" }),
    reset: async (t) => void pending.set(t.muni.id, await newPerson(t.muni, "PENDING_APPROVAL")),
  }),
  rejectMembershipAction: approvalCase("rejectMembershipAction", {
    args: async (t) => [
      null,
      { form: { slug: t.muni.slug, membershipId: pending.get(t.muni.id)!.membershipId, reason: "access matrix" } },
    ],
    allowed: (a, t) => can(a, "approve", "Membership", { municipalityId: t.muni.id, status: "PENDING_APPROVAL" }),
    reset: async (t) => void pending.set(t.muni.id, await newPerson(t.muni, "PENDING_APPROVAL")),
  }),
  // The bulk decision, on the probe request: allowed exactly where one approval is.
  decideMembershipsAction: approvalCase("decideMembershipsAction", {
    args: async (t) => [
      null,
      { form: { slug: t.muni.slug, decision: "approve", membershipIds: [pending.get(t.muni.id)!.membershipId] } },
    ],
    allowed: (a, t) => can(a, "approve", "Membership", { municipalityId: t.muni.id, status: "PENDING_APPROVAL" }),
    reset: async (t) => void pending.set(t.muni.id, await newPerson(t.muni, "PENDING_APPROVAL")),
  }),
  reopenMembershipAction: approvalCase("reopenMembershipAction", {
    args: async (t) => {
      const p = pending.get(t.muni.id)!;
      await testPrisma().membership.update({
        where: { id: p.membershipId },
        data: { status: "REJECTED", rejectedAt: new Date(), rejectionReason: "probe" },
      });
      return [null, { form: { slug: t.muni.slug, membershipId: p.membershipId } }];
    },
    allowed: (a, t) => can(a, "approve", "Membership", { municipalityId: t.muni.id, status: "REJECTED" }),
    reset: restoreMembership(pending, { status: "PENDING_APPROVAL", rejectedAt: null }),
  }),
  inviteMemberAction: {
    action: "inviteMemberAction",
    page: (t) => `/admin/${t.muni.slug}/invitations`,
    args: async (t, a) => [
      null,
      {
        form: {
          slug: t.muni.slug,
          email: `invitee-${TAG}-${a.label.replace(/[^a-z0-9]/g, "")}@${t.muni.slug}.test`,
          groups: ["viewer"],
        },
      },
    ],
    allowed: (a, t) => adminHere(a, t.muni) && can(a, "create", "Invitation", { municipalityId: t.muni.id }),
    state: (t, a) =>
      count("Invitation", `"municipalityId" = $1 AND email = $2`, [
        t.muni.id,
        `invitee-${TAG}-${a.label.replace(/[^a-z0-9]/g, "")}@${t.muni.slug}.test`,
      ]),
  },
  revokeInvitationAction: invitationCase("revokeInvitationAction", async (t) => {
    await sql(`UPDATE "Invitation" SET "revokedAt" = NULL, "revokedById" = NULL WHERE id = $1`, [
      invitations.get(t.muni.id)!,
    ]);
  }),
  resendInvitationAction: invitationCase("resendInvitationAction"),
  previewBulkInviteAction: {
    action: "previewBulkInviteAction",
    page: (t) => `/admin/${t.muni.slug}/invitations`,
    // A file part cannot travel in this encoding; without one the action answers "choose a file"
    // for those allowed and refuses everyone else before looking at the form. It writes nothing.
    args: async (t) => [null, { form: { slug: t.muni.slug } }],
    allowed: () => false,
    state: (t) => count("Invitation", `"municipalityId" = $1`, [t.muni.id]),
  },
  // Sending a previewed file: the text and the lines the preview showed as invitable (line 2).
  sendBulkInviteAction: {
    action: "sendBulkInviteAction",
    page: (t) => `/admin/${t.muni.slug}/invitations`,
    args: async (t, a) => [
      null,
      { form: { slug: t.muni.slug, csv: `email,groups\n${bulkInvitee(t, a)},viewer\n`, lines: ["2"] } },
    ],
    allowed: (a, t) => adminHere(a, t.muni) && can(a, "create", "Invitation", { municipalityId: t.muni.id }),
    state: (t, a) => count("Invitation", `"municipalityId" = $1 AND email = $2`, [t.muni.id, bulkInvitee(t, a)]),
  },
  retryOutboxMessageAction: {
    action: "retryOutboxMessageAction",
    page: (t) => `/admin/${t.muni.slug}/outbox`,
    args: async (t) => {
      await sql(
        `UPDATE "OutboxMessage" SET status = 'FAILED', "nextAttemptAt" = now() + interval '1 day' WHERE id = $1`,
        [outbox.get(t.muni.id)!],
      );
      return [null, { form: { slug: t.muni.slug, id: outbox.get(t.muni.id)! } }];
    },
    allowed: (a, t) => adminHere(a, t.muni) && can(a, "read", "OutboxMessage", { municipalityId: t.muni.id }),
    state: (t) => row("OutboxMessage", outbox.get(t.muni.id)!),
    // An allowed retry hands the message to the mail worker; wait until it is done with it, or
    // its late write would count as a change made by the next (refused) account.
    reset: async (t) => {
      for (let i = 0; i < 100; i++) {
        const [m] = await sql<{ status: string }>(`SELECT status::text FROM "OutboxMessage" WHERE id = $1`, [
          outbox.get(t.muni.id)!,
        ]);
        if (m?.status !== "PENDING") return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error("the mail worker never finished the retried message");
    },
  },
  resendServiceDeliveryAction: {
    action: "resendServiceDeliveryAction",
    page: (t) => `/admin/${t.muni.slug}/services/${deliveryProbes.get(t.muni.id)!.serviceId}`,
    args: async (t) => {
      const p = await deliveryProbe(t);
      await sql(
        `UPDATE "ServiceDelivery" SET status = 'GAVE_UP', attempts = 8, "lastError" = 'probe', "nextAttemptAt" = now() + interval '1 day' WHERE id = $1`,
        [p.id],
      );
      return [null, { form: { slug: t.muni.slug, serviceId: p.serviceId, id: p.id } }];
    },
    allowed: (a, t) =>
      ["status", "attempts", "nextAttemptAt"].every((f) =>
        can(a, "update", "ServiceDelivery", { municipalityId: t.muni.id }, f),
      ),
    state: async (t) => row("ServiceDelivery", (await deliveryProbe(t)).id),
    // The kicked worker gives the row up again (the service has no address): wait for it.
    reset: async (t) => {
      for (let i = 0; i < 100; i++) {
        const [d] = await sql<{ status: string }>(`SELECT status::text FROM "ServiceDelivery" WHERE id = $1`, [
          deliveryProbes.get(t.muni.id)!.id,
        ]);
        if (d?.status !== "PENDING") return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error("the delivery worker never finished the resent delivery");
    },
  },
  saveOidcConnectionAction: ssoCase("saveOidcConnectionAction", {
    args: async (t, a) => {
      if (!oidcBefore.has(t.muni.id)) oidcBefore.set(t.muni.id, await oidcRow(t));
      const row = await oidcRow(t);
      return [
        null,
        {
          form: {
            slug: t.muni.slug,
            // A new name each call: a refused call that wrote anyway would show.
            displayName: `Matrix ${a.label.replace(/[^a-z0-9]/g, "")}`.slice(0, 80),
            issuer: String(row?.issuer ?? "http://127.0.0.1:9"),
            clientId: String(row?.clientId ?? `gatehouse-${t.muni.slug}`),
            // Empty keeps the stored secret; a new connection needs one.
            clientSecret: row ? "" : "access-matrix-secret",
            scopes: "openid email profile groups",
            groupsClaim: String(row?.groupsClaim ?? "groups"),
            mfaAmrValues: ((row?.mfaAmrValues as string[] | undefined) ?? []).join(" "),
            mfaAcrValues: "",
            ...(row?.enabled === false ? {} : { enabled: "on" }),
          },
        },
      ];
    },
    reset: restoreOidc,
  }),
  testOidcConnectionAction: ssoCase("testOidcConnectionAction", { args: onSavedConnection }),
  // It only starts the flow (a sealed cookie in the caller's browser): nothing is stored.
  startTrySignInAction: ssoCase("startTrySignInAction", {
    args: onSavedConnection,
    state: async (t) => (await oidcState(t)) + (await count("Account", `provider = $1`, [`sso-${t.muni.slug}`])),
  }),
  saveClaimMappingsAction: ssoCase("saveClaimMappingsAction", {
    args: async (t, a) => {
      await ensureOidc(t);
      const value = `MATRIX-${a.label.replace(/[^a-z0-9]/g, "")}`.slice(0, 60);
      return [{ slug: t.muni.slug }, { rows: [{ claim: "job_codes", value, groups: ["viewer"] }] }];
    },
    reset: restoreOidc,
  }),
  updateMunicipalitySettingsAction: {
    action: "updateMunicipalitySettingsAction",
    page: (t) => `/admin/${t.muni.slug}/settings`,
    args: async (t, a) => {
      const [m] = await sql<{ description: string | null }>(`SELECT description FROM "Municipality" WHERE id = $1`, [
        t.muni.id,
      ]);
      if (!descriptions.has(t.muni.id)) descriptions.set(t.muni.id, m!.description);
      return [
        { slug: t.muni.slug, expectedUpdatedAt: await updatedAt("Municipality", t.muni.id) },
        { description: `Settings matrix ${TAG} ${a.label}` },
      ];
    },
    allowed: (a, t) =>
      adminHere(a, t.muni) &&
      can(a, "read", "Municipality", { id: t.muni.id }) &&
      can(a, "update", "Municipality", { id: t.muni.id }, "description"),
    state: (t) => row("Municipality", t.muni.id).then((r) => r.replace(/"updatedAt":"[^"]*"/, "")),
    reset: async (t) =>
      void (await testPrisma().municipality.update({
        where: { id: t.muni.id },
        data: { description: descriptions.get(t.muni.id) ?? null },
      })),
  },
  saveDepartmentNameAction: {
    action: "saveDepartmentNameAction",
    page: (t) => `/admin/${t.muni.slug}/departments`,
    args: async (t) => [null, { form: { slug: t.muni.slug, name: `Matrix department ${TAG}` } }],
    allowed: (a, t) => adminHere(a, t.muni) && can(a, "create", "Department", { municipalityId: t.muni.id }),
    ...createdWith("Department", "name", `Matrix department ${TAG}`),
  },
  // Archiving the probe department (it is put back after an allowed call).
  setDepartmentArchivedAction: {
    action: "setDepartmentArchivedAction",
    page: (t) => `/admin/${t.muni.slug}/departments`,
    args: async (t) => [
      null,
      { form: { slug: t.muni.slug, id: (await probeDepartment(t)).id, archived: "yes", confirm: "yes" } },
    ],
    allowed: (a, t) =>
      adminHere(a, t.muni) && can(a, "update", "Department", { municipalityId: t.muni.id }, "archivedAt"),
    state: async (t) => row("Department", (await probeDepartment(t)).id),
    reset: restoreDepartment,
  },
  // Request tags (/admin/<slug>/tags): added by name (renamed aside afterwards, names are unique),
  // and the probe tag archived (put back after an allowed call).
  saveRequestTagAction: {
    action: "saveRequestTagAction",
    page: (t) => `/admin/${t.muni.slug}/tags`,
    args: async (t) => [null, { form: { slug: t.muni.slug, label: MATRIX_TAG } }],
    allowed: (a, t) => adminHere(a, t.muni) && can(a, "create", "RequestTag", { municipalityId: t.muni.id }),
    state: (t) => count("RequestTag", `"municipalityId" = $1 AND label = $2`, [t.muni.id, MATRIX_TAG]),
    reset: async (t) =>
      // Renamed aside with a number, not its id: the tag pages show it to the page-quality checks.
      void (await sql(
        `UPDATE "RequestTag" SET label = label || ' no. ' || (SELECT count(*) FROM "RequestTag" x WHERE x."municipalityId" = $1)
         WHERE "municipalityId" = $1 AND label = $2`,
        [t.muni.id, MATRIX_TAG],
      )),
  },
  setRequestTagArchivedAction: {
    action: "setRequestTagArchivedAction",
    page: (t) => `/admin/${t.muni.slug}/tags`,
    args: async (t) => [null, { form: { slug: t.muni.slug, id: await probeTag(t), archived: "yes" } }],
    allowed: (a, t) =>
      adminHere(a, t.muni) && can(a, "update", "RequestTag", { municipalityId: t.muni.id }, "archivedAt"),
    state: async (t) => row("RequestTag", await probeTag(t)),
    reset: async (t) =>
      void (await sql(`UPDATE "RequestTag" SET "archivedAt" = NULL WHERE id = $1`, [await probeTag(t)])),
  },
  // A request's assignee and tag pickers, and the list's bulk change (its status, unchanged):
  // allowed where the staff view may change that field of the probe request.
  assignServiceRequestAction: requestPicker("assignServiceRequestAction", "assigneeId", (r) => ({
    assigneeId: typeof r.assigneeId === "string" ? r.assigneeId : "",
  })),
  tagServiceRequestAction: requestPicker("tagServiceRequestAction", "tags", () => ({})),
  bulkUpdateServiceRequestsAction: {
    action: "bulkUpdateServiceRequestsAction",
    page: (t) => `/w/${t.muni.slug}/requests`,
    args: async (t) => [
      null,
      { form: { slug: t.muni.slug, op: "status", ids: srOf(t).id, status: String(srOf(t).row.status) } },
    ],
    allowed: (a, t) => member(a, t.muni) && canStaff(a, "update", "ServiceRequest", srOf(t).row, "status"),
    state: (t) => rowBesidesVersion("ServiceRequest", srOf(t).id),
  },
  // Connected services on both consoles (register, settings, rotate both secrets, disable, enable).
  ...serviceCases("admin", {
    register: "registerServiceAction",
    update: "updateServiceAction",
    rotate: "rotateServiceSecretAction",
    rotateWebhook: "rotateServiceWebhookSecretAction",
    disable: "disableServiceAction",
    enable: "enableServiceAction",
  }),
  ...serviceCases("platform", {
    register: "registerPlatformServiceAction",
    update: "updatePlatformServiceAction",
    rotate: "rotatePlatformServiceSecretAction",
    rotateWebhook: "rotatePlatformServiceWebhookSecretAction",
    disable: "disablePlatformServiceAction",
    enable: "enablePlatformServiceAction",
  }),
  // Directory sync (SCIM): set up from none, rotate and switch off an existing connection.
  setUpScimConnectionAction: scimCase("setUpScimConnectionAction", "create", {}, async (t) => {
    await sql(`DELETE FROM "ScimConnection" WHERE "municipalityId" = $1`, [t.muni.id]);
  }),
  rotateScimTokenAction: scimCase("rotateScimTokenAction", "update", { confirm: "yes" }, ensureScimConnection),
  setScimEnabledAction: scimCase("setScimEnabledAction", "update", { enabled: "false" }, ensureScimConnection),
  // A SAML connection typed by hand (switched off, so nobody's sign-in page changes); each allowed
  // save is taken back, so the next account meets a municipality without one.
  saveSamlConnectionAction: {
    action: "saveSamlConnectionAction",
    page: (t) => `/admin/${t.muni.slug}/sso/saml`,
    args: async (t) => [
      null,
      {
        form: {
          slug: t.muni.slug,
          source: "manual",
          entityId: `https://idp.${t.muni.slug}.example/${TAG}`,
          ssoUrl: `https://idp.${t.muni.slug}.example/sso`,
          certificates: (matrixCertificate ??= (await samlIdpKeys("Access matrix IdP")).certificate),
          clockSkewSeconds: "60",
          displayName: "",
          attr_email: "",
          attr_name: "",
          attr_groups: "",
          attr_job_codes: "",
          mfaAcrValues: "",
        },
      },
    ],
    allowed: (a, t) =>
      adminHere(a, t.muni) &&
      ["read", "update", "create"].every((x) =>
        can(a, x, "SsoConnection", { municipalityId: t.muni.id, protocol: "SAML" }),
      ),
    state: async (t) =>
      JSON.stringify(
        await sql(`SELECT * FROM "SsoConnection" WHERE "municipalityId" = $1 AND protocol = 'SAML'`, [t.muni.id]),
      ),
    reset: async (t) =>
      void (await sql(`DELETE FROM "SsoConnection" WHERE "municipalityId" = $1 AND protocol = 'SAML'`, [t.muni.id])),
  },
  ...reviewCases,
  ...clipCases,
  explainAction: {
    action: "explainAction",
    page: (t) => `/admin/${t.muni.slug}/policies`,
    args: async (t) => [
      null,
      { form: { slug: t.muni.slug, email: `admin@${t.muni.slug}.test`, action: "read", subject: "ServiceRequest" } },
    ],
    allowed: (a, t) => adminHere(a, t.muni),
    state: async () => "read-only",
  },
};

/**
 * The staff API's write methods, tried like the actions: same identities (their session cookie;
 * the API takes a bearer token or the cookie), same targets, expectation from the staff ability
 * exactly as lib/data asks it — the subject and every field sent for a create, every field
 * changed on the row for an update.
 */
type ApiCase = {
  method: "POST" | "PATCH";
  path: (t: Target) => string;
  body: (t: Target) => Record<string, unknown>;
  type: string;
  /** For an update, the row the change applies to; a create checks the body itself. */
  row?: (t: Target) => Record<string, unknown>;
  /** What the policy says, where it is not a plain create or update of `type` (a timeline entry). */
  allowed?: (a: Account, t: Target) => boolean;
  state: (t: Target) => Promise<string>;
  reset?: (t: Target) => Promise<void>;
};

/** The text a probe record created through the API carries in its free-text field. */
const CREATED_BY_API = "Created by the API write matrix.";

/** A staff API create: the marker name and the other fields, in the target's municipality. */
function apiCreate(
  type: RecordTable,
  named: { title: string } | { name: string },
  values: Record<string, unknown>,
): ApiCase {
  const [column, name] = Object.entries(named)[0]!;
  return {
    method: "POST",
    type,
    path: () => `/api/v1/${recordType(type).paths.api}`,
    body: (t) => ({ municipalityId: t.muni.id, ...values, ...named }),
    ...createdWith(type, column, name),
  };
}

/** A staff API update of one field of the target's probe record, sent unchanged. */
const apiUpdate = (type: RecordTable, probeOf: (t: Target) => Probe, field: string): ApiCase => ({
  method: "PATCH",
  type,
  path: (t) => `/api/v1/${recordType(type).paths.api}/${probeOf(t).id}`,
  body: (t) => ({ [field]: probeOf(t).row[field] }),
  row: (t) => probeOf(t).row,
  state: (t) => rowBesidesVersion(type, probeOf(t).id),
});

const API_CASES: Record<string, ApiCase> = {
  "POST /api/v1/service-requests": apiCreate(
    "ServiceRequest",
    { title: `Probe ${TAG} via API` },
    { category: "ROADS", description: CREATED_BY_API, area: "Probe district" },
  ),
  "PATCH /api/v1/service-requests/[id]": apiUpdate("ServiceRequest", srOf, "status"),
  "POST /api/v1/service-requests/[id]/events": {
    method: "POST",
    type: "RequestEvent",
    path: (t) => `/api/v1/service-requests/${srOf(t).id}/events`,
    body: () => ({ kind: "PUBLIC_COMMENT", body: API_NOTE }),
    allowed: (a, t) => mayNote(a, t, "PUBLIC_COMMENT"),
    ...createdWith("RequestEvent", "body", API_NOTE),
  },
  "POST /api/v1/heritage-sites": apiCreate(
    "HeritageSite",
    { name: `Probe ${TAG} API site` },
    { kind: "HISTORIC_AREA", district: "Probe district", summary: CREATED_BY_API },
  ),
  "PATCH /api/v1/heritage-sites/[id]": apiUpdate("HeritageSite", hsOf, "summary"),
  "POST /api/v1/documents": apiCreate(
    "Document",
    { title: `Probe ${TAG} API doc` },
    { kind: "GUIDANCE", visibility: "INTERNAL", summary: CREATED_BY_API, body: "Body." },
  ),
  "PATCH /api/v1/documents/[id]": apiUpdate("Document", docOf, "summary"),
  ...clipApiCases(),
};

/**
 * The clips API (issue 21), about the target's municipality (?municipalityId=): a run is kept
 * (ClipRun), a save is a Clip, a change of the probe clip is sent unchanged. Who may: the
 * municipality's clips group, exactly as the actions above.
 */
function clipApiCases(): Record<string, ApiCase> {
  const inMuni = (t: Target, path: string) => `/api/v1/clips${path}?municipalityId=${t.muni.id}`;
  const API_QUERY = `SELECT 'API ${MATRIX_CLIP}' AS matrix`;
  const API_CLIP = `API ${MATRIX_CLIP}`;
  const runsOf = (t: Target, where: string, args: unknown[]) =>
    count("ClipRun", `"municipalityId" = $1 AND ${where}`, [t.muni.id, ...args]);
  return {
    "POST /api/v1/clips": {
      method: "POST",
      type: "Clip",
      path: (t) => inMuni(t, ""),
      body: () => ({ name: API_CLIP, sql: API_QUERY }),
      allowed: (a, t) => usesClips(a, t) && canStaff(a, "create", "Clip", { municipalityId: t.muni.id }),
      ...createdWith("Clip", "name", API_CLIP),
    },
    "PATCH /api/v1/clips/[id]": {
      method: "PATCH",
      type: "Clip",
      path: (t) => inMuni(t, `/${clipProbeOf(t).id}`),
      body: (t) => ({ name: clipProbeOf(t).row.name }),
      allowed: (a, t) => usesClips(a, t) && canStaff(a, "update", "Clip", clipProbeOf(t).row),
      state: async (t) => withoutStamp(await row("Clip", clipProbeOf(t).id)),
    },
    "POST /api/v1/clips/runs": {
      method: "POST",
      type: "ClipRun",
      path: (t) => inMuni(t, "/runs"),
      body: () => ({ sql: API_QUERY }),
      allowed: usesClips,
      state: (t) => runsOf(t, `sql = $2`, [API_QUERY]),
    },
    "POST /api/v1/clips/[id]/runs": {
      method: "POST",
      type: "ClipRun",
      path: (t) => inMuni(t, `/${clipProbeOf(t).id}/runs`),
      body: () => ({ saved: true }),
      allowed: usesClips,
      state: (t) => runsOf(t, `"clipId" = $2`, [clipProbeOf(t).id]),
    },
  };
}

/** What each API call did, for the self-test below. */
const apiOutcomes: { account: string; c: ApiCase; t: Target; succeeded: boolean }[] = [];

/** What lib/data's createRecord / updateRecord ask of the staff ability for this call. */
function apiAllowed(a: Account, c: ApiCase, t: Target): boolean {
  if (c.allowed) return c.allowed(a, t);
  const body = c.body(t);
  if (c.row) return Object.keys(body).every((f) => canStaff(a, "update", c.type, c.row!(t), f));
  return canStaff(a, "create", c.type, body) && Object.keys(body).every((f) => canStaff(a, "create", c.type, body, f));
}

test.beforeAll(async ({ baseURL }) => {
  await clearSignInLocks();
  test.setTimeout(300_000);
  munis = (await municipalities()).filter((m) => m.slug === "riverton" || m.slug === "lakeside");
  probes = await insertProbes(munis, false, TAG);
  const [{ id: su }] = (await sql<{ id: string }>(
    `SELECT id FROM "User" WHERE email = 'superuser@gatehouse.test'`,
  )) as [{ id: string }];
  for (const m of munis) {
    people.set(m.id, await newPerson(m));
    pending.set(m.id, await newPerson(m, "PENDING_APPROVAL"));
    const inv = `pi-${TAG}-${m.slug}`;
    await sql(
      `INSERT INTO "Invitation" (id, "municipalityId", email, groups, "tokenHash", "expiresAt", "invitedById") VALUES ($1, $2, $3, '{viewer}', $4, now() + interval '7 days', $5)`,
      [inv, m.id, `invited-${TAG}@${m.slug}.test`, randomBytes(32).toString("hex"), su],
    );
    invitations.set(m.id, inv);
    const msg = `po-${TAG}-${m.slug}`;
    await sql(
      `INSERT INTO "OutboxMessage" (id, "municipalityId", "to", subject, text, template, status, "nextAttemptAt") VALUES ($1, $2, $3, 'Probe', 'Probe', 'probe', 'FAILED', now() + interval '1 day')`,
      [msg, m.id, `outbox-${TAG}@${m.slug}.test`],
    );
    outbox.set(m.id, msg);
  }
  const modules = await moduleSwitches();
  accounts = [];
  for (const a of TEST_ACCOUNTS.filter((x) => x.isActive !== false)) {
    const acc = await accountOf(a.email, a.email, modules);
    accounts.push(acc);
    ctxOf.set(acc, await signedInContext(baseURL!, a.email, DEMO_PASSWORD));
    confirmedAt.set(acc, Date.now());
  }
  const anon = await accountOf("anonymous", null, modules);
  accounts.push(anon);
  ctxOf.set(anon, await anonymousContext(baseURL!));
  const goneCtx = await deactivatedMidSession(baseURL!, munis.find((m) => m.slug === "riverton")!.id, TAG);
  const gone = await accountOf("deactivated-mid-session", deactivatedEmail(TAG), modules);
  accounts.push(gone);
  ctxOf.set(gone, goneCtx);
});

test.afterAll(async () => {
  for (const c of ctxOf.values()) await c.dispose();
  // The probe services of "Send again now" go again, so other specs meet each console as the seed left it.
  for (const p of deliveryProbes.values()) {
    await sql(`DELETE FROM "ServiceDelivery" WHERE "serviceId" = $1`, [p.serviceId]);
    await sql(`DELETE FROM "Service" WHERE id = $1`, [p.serviceId]);
  }
  // A switched-off connection the SSO cases made where a municipality had none goes again, so
  // later specs meet each municipality's console as the seed left it.
  for (const [municipalityId, was] of oidcBefore)
    if (!was)
      await sql(`DELETE FROM "SsoConnection" WHERE "municipalityId" = $1 AND protocol = 'OIDC'`, [municipalityId]);
});

test("every server action of the build is in the matrix or in the self-service matrix below", () => {
  const names = builtActions().map((a) => a.name);
  const described = new Set([...Object.keys(CASES), ...SELF_SERVICE, ...VIEW_AS_ACTIONS]);
  expect(
    names.filter((n) => !described.has(n)),
    "actions nobody tries",
  ).toEqual([]);
});

/** View as (lib/auth/view-as.ts): started and ended in the pass "while viewing as someone" below (and e2e/view-as.spec.ts). */
const VIEW_AS_ACTIONS = ["startViewAsAction", "endViewAsAction"];

/** Actions about the caller themself or carried by a token in the link, not by a municipality's records. */
const SELF_SERVICE = [
  "signOutEverywhereElseAction",
  "signOutEverywhereAction",
  "revokeSessionAction",
  "createApiTokenAction",
  "revokeApiTokenAction",
  "startIdentityLinkAction",
  "unlinkIdentityAction",
  "startPasskeyRegistrationAction",
  "finishPasskeyRegistrationAction",
  "renamePasskeyAction",
  "removePasskeyAction",
  "startPasskeySignInAction",
  "startPasskeySecondFactorAction",
  "finishPasskeySecondFactorAction",
  "startPasskeyEnrollmentAction",
  "finishPasskeyEnrollmentAction",
  "startPasskeyStepUpAction",
  "finishPasskeyStepUpAction",
  "confirmPasswordAction",
  "staySignedInAction",
  "acceptInvitationAction",
  "acceptInvitationSignedInAction",
  "prepareProviderSignInAction",
  "submitServiceRequestAction",
  "followReportAction",
  "unsubscribeFromReportAction",
  "findPossibleDuplicatesAction",
  "requestRegistrationAction",
  "startTotpSetupAction",
  "confirmTotpSetupAction",
  "removeTotpAction",
  "renewRecoveryCodesAction",
  "startEnrollTotpAction",
  "confirmEnrollTotpAction",
  "verifyTotpAction",
  "verifyRecoveryCodeAction",
  "stepUpWithTotpAction",
  "requestPasswordResetAction",
  "resetPasswordAction",
  "confirmEmailChangeAction",
  "requestCitizenSignupAction",
  "completeCitizenSignupAction",
  "followRequestAction",
  "unfollowRequestAction",
  "updateOwnProfileAction",
  "changeOwnPasswordAction",
  "requestEmailChangeAction",
];

test("every server action × account × municipality is allowed exactly when the policy allows it, and a refusal changes nothing", async ({
  baseURL,
}) => {
  test.setTimeout(600_000);
  const built = new Map(builtActions().map((a) => [a.name, a]));
  const problems: string[] = [];
  let calls = 0;
  for (const c of Object.values(CASES)) {
    const action = built.get(c.action) as BuiltAction;
    for (const muni of munis) {
      const t: Target = { muni, label: muni.slug };
      for (const a of accounts) {
        const args = await c.args(t, a);
        const before = await c.state(t, a);
        await keepConfirmed(baseURL!, a);
        const answer = await callAction(ctxOf.get(a)!, baseURL!, action, c.page(t), args);
        calls++;
        const expected = c.allowed(a, t);
        const succeeded = answer.ok === true;
        outcomes.push({ account: a.label, c, t, succeeded });
        if (answer.status >= 500) problems.push(`${a.label} ${c.action} @${t.label}: HTTP ${answer.status}`);
        if (expected && !succeeded)
          problems.push(
            `${a.label} ${c.action} @${t.label}: policy allows, action refused (${answer.body.slice(0, 160).replace(/\s+/g, " ")})`,
          );
        if (!expected && succeeded)
          problems.push(`${a.label} ${c.action} @${t.label}: policy forbids, action succeeded`);
        if (!expected && !succeeded && (await c.state(t, a)) !== before)
          problems.push(`${a.label} ${c.action} @${t.label}: refused but changed the database`);
        if (!isUser(a) && answer.ok === null && !answer.redirect)
          problems.push(
            `${a.label} ${c.action} @${t.label}: anonymous got neither a refusal nor a sign-in redirect (HTTP ${answer.status})`,
          );
        if (succeeded && c.reset) await c.reset(t);
      }
    }
  }
  expect(problems.slice(0, 60)).toEqual([]);
  recordFigures("action-matrix", {
    actions: Object.keys(CASES).length,
    accounts: accounts.length,
    municipalities: munis.length,
    calls,
  });
});

/**
 * The accounts judged again under a copy of policies/groups in which one group file has `from`
 * replaced by `to` (the replacement must change it): the self-tests' deliberately broken policy.
 */
async function rejudgedUnderBrokenPolicy(groupFile: string, from: string, to: string): Promise<Map<string, Account>> {
  const dir = mkdtempSync(path.join(tmpdir(), "broken-policy-"));
  cpSync(path.resolve("policies/groups"), dir, { recursive: true });
  const file = path.join(dir, groupFile);
  const original = readFileSync(file, "utf8");
  const broken = original.replace(from, to);
  expect(broken).not.toEqual(original);
  writeFileSync(file, broken);
  return new Map(withPolicies(accounts, await moduleSwitches(), dir).map((a) => [a.label, a]));
}

test("the action matrix catches a deliberately broken policy", async () => {
  // Municipality admins lose people management: every suspension they made becomes "policy forbids, action succeeded".
  const rejudged = await rejudgedUnderBrokenPolicy(
    "municipality_admin.yaml",
    "on: [ServiceRequest, HeritageSite, Document, Membership, Invitation, ApiToken, RequestPhoto, RequestTag]",
    "on: [ServiceRequest, HeritageSite, Document, Invitation, ApiToken, RequestPhoto, RequestTag]",
  );
  const flagged = outcomes.filter((o) => o.succeeded !== o.c.allowed(rejudged.get(o.account)!, o.t));
  expect(
    flagged.some((o) => o.account === "admin@riverton.test" && o.c.action === "suspendMembershipAction" && o.succeeded),
  ).toBe(true);
});

test("every write method of the staff API × account × municipality is allowed exactly when the policy allows it, and a refusal changes nothing", async ({
  baseURL,
}) => {
  test.setTimeout(600_000);
  // Every state-changing method of the build's route handlers (next-auth's own excepted) has a case.
  const anonymous = ctxOf.get(accounts.find((a) => a.label === "anonymous")!)!;
  // SCIM writes carry a directory's token and the SAML ACS an IdP's signed response, not an
  // account's session: the test below shows a session opens neither; their own suites judge them.
  const methods = (await routeTargets(anonymous, await targetIds())).filter(
    (r) => r.method !== "GET" && !r.route.startsWith("/api/auth/") && !NOT_SESSION_APIS.some((p) => p.test(r.route)),
  );
  expect(
    methods.map((r) => `${r.method} ${r.route}`).filter((k) => !API_CASES[k]),
    "API write methods nobody tries",
  ).toEqual([]);
  const problems: string[] = [];
  let calls = 0;
  for (const [key, c] of Object.entries(API_CASES)) {
    for (const muni of munis) {
      const t: Target = { muni, label: muni.slug };
      for (const a of accounts) {
        const before = await c.state(t);
        const res = await ctxOf.get(a)!.fetch(c.path(t), {
          method: c.method,
          data: c.body(t),
          headers: { Origin: baseURL!, "Content-Type": "application/json" },
          failOnStatusCode: false,
          maxRedirects: 0,
        });
        calls++;
        const expected = apiAllowed(a, c, t);
        const succeeded = res.status() === 200 || res.status() === 201;
        apiOutcomes.push({ account: a.label, c, t, succeeded });
        if (res.status() >= 500) problems.push(`${a.label} ${key} @${t.label}: HTTP ${res.status()}`);
        else if (expected && !succeeded)
          problems.push(
            `${a.label} ${key} @${t.label}: policy allows, API answered ${res.status()} ${(await res.text()).slice(0, 160)}`,
          );
        else if (!expected && succeeded)
          problems.push(`${a.label} ${key} @${t.label}: policy forbids, API answered ${res.status()}`);
        else if (!expected && (await c.state(t)) !== before)
          problems.push(`${a.label} ${key} @${t.label}: refused (${res.status()}) but changed the database`);
        if (!isUser(a) && res.status() !== 401)
          problems.push(`${a.label} ${key} @${t.label}: no session, yet HTTP ${res.status()} instead of 401`);
        if (succeeded && c.reset) await c.reset(t);
      }
    }
  }
  expect(problems.slice(0, 60)).toEqual([]);
  const allowed = apiOutcomes.filter((o) => o.succeeded).length;
  recordFigures("api-write-matrix", {
    methods: Object.keys(API_CASES).length,
    accounts: accounts.length,
    municipalities: munis.length,
    calls,
    allowed,
    refused: calls - allowed,
  });
});

// AuthZEN (app/access/v1) answers a service's HTTP Basic credentials, never a session, and changes
// nothing: the access matrix plans it as 401 for every account, e2e/authzen.spec.ts judges it.
const NOT_SESSION_APIS = [/^\/scim\/v2\//, /^\/api\/saml\/\[slug\]\/acs$/, /^\/access\/v1\//];

test("a session is no key to directory sync or the SAML endpoint: every account's SCIM writes are 401, a junk ACS post is refused, nothing changes", async ({
  baseURL,
}) => {
  const problems: string[] = [];
  for (const muni of munis) {
    const before = await count("Membership", `"municipalityId" = $1`, [muni.id]);
    for (const a of accounts) {
      const ctx = ctxOf.get(a)!;
      for (const [method, path] of [
        ["POST", "Users"],
        ["PUT", `Users/${TAG}`],
        ["PATCH", `Users/${TAG}`],
        ["DELETE", `Users/${TAG}`],
        ["POST", "Groups"],
      ] as const) {
        const res = await ctx.fetch(`/scim/v2/${muni.slug}/${path}`, {
          method,
          data: { schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], userName: `scim-${TAG}@${muni.slug}.test` },
          headers: { Origin: baseURL!, "Content-Type": "application/scim+json" },
          failOnStatusCode: false,
          maxRedirects: 0,
        });
        if (res.status() !== 401) problems.push(`${a.label} ${method} /scim/v2/${muni.slug}/${path}: ${res.status()}`);
      }
      const acs = await ctx.fetch(`/api/saml/${muni.slug}/acs`, {
        method: "POST",
        form: { SAMLResponse: Buffer.from(`<x>${TAG}</x>`).toString("base64") },
        failOnStatusCode: false,
        maxRedirects: 0,
      });
      if (acs.status() !== 303 || !acs.headers().location?.startsWith("/signin?error="))
        problems.push(`${a.label} POST /api/saml/${muni.slug}/acs: ${acs.status()} ${acs.headers().location}`);
    }
    if ((await count("Membership", `"municipalityId" = $1`, [muni.id])) !== before)
      problems.push(`${muni.slug}: memberships changed`);
  }
  expect(problems).toEqual([]);
});

test("the API write matrix catches a deliberately broken policy", async () => {
  // Document editors lose "update" on documents: each of their PATCHes becomes "policy forbids, API answered 200".
  const rejudged = await rejudgedUnderBrokenPolicy(
    "document_editor.yaml",
    "- can: [create, update, delete]\n    on: Document",
    "- can: [create, delete]\n    on: Document",
  );
  const flagged = apiOutcomes.filter((o) => o.succeeded !== apiAllowed(rejudged.get(o.account)!, o.c, o.t));
  expect(
    flagged.some(
      (o) => o.account === "editor@riverton.test" && o.c.method === "PATCH" && o.c.type === "Document" && o.succeeded,
    ),
  ).toBe(true);
});

test("self-service and link-carried actions act only for the caller, and never on someone else's session, token or invitation", async ({
  baseURL,
}) => {
  test.setTimeout(600_000);
  const built = new Map(builtActions().map((a) => [a.name, a]));
  const call = (a: Account, name: string, page: string, args: ActionArg[], ctx = ctxOf.get(a)!) =>
    callAction(ctx, baseURL!, built.get(name)!, page, args);
  const problems: string[] = [];
  let calls = 0;
  const rateLimited = (body: string) => /too many|try again later|sent several/i.test(body);
  // Someone else's live session and token, and a token of a person in each municipality.
  const [other] = (await sql<{ id: string; userId: string }>(
    `SELECT s.id, s."userId" FROM "Session" s JOIN "User" u ON u.id = s."userId" WHERE u.email = 'superuser@gatehouse.test' AND s."revokedAt" IS NULL LIMIT 1`,
  )) as [{ id: string; userId: string }];
  const tokens = new Map<string, { id: string; userId: string }>();
  for (const m of munis) {
    const p = people.get(m.id)!;
    const id = `pt-${TAG}-${m.slug}`;
    await sql(
      `INSERT INTO "ApiToken" (id, name, "tokenHash", prefix, "userId", "municipalityId", groups, "createdById", "expiresAt") VALUES ($1, 'probe', $2, 'gh_probe', $3, $4, '{viewer}', $3, now() + interval '1 day')`,
      [id, randomBytes(32).toString("hex"), p.userId, m.id],
    );
    tokens.set(m.id, { id, userId: p.userId });
  }
  // An identity linked to a person no caller is.
  const otherIdentity = `pa-${TAG}`;
  await sql(
    `INSERT INTO "Account" (id, "userId", type, provider, "providerAccountId") VALUES ($1, $2, 'oauth', 'sso-riverton', $1)`,
    [otherIdentity, people.get(munis[0]!.id)!.userId],
  );
  // A passkey of a person no caller is: nobody renames or removes it but its owner.
  const otherPasskey = `pk-${TAG}`;
  await sql(
    `INSERT INTO "WebAuthnCredential" (id, "userId", "credentialId", "publicKey", name) VALUES ($1, $2, $1, '\\x00', 'probe passkey')`,
    [otherPasskey, people.get(munis[0]!.id)!.userId],
  );
  const passkeyRow = () => row("WebAuthnCredential", otherPasskey);
  const passkeyBefore = await passkeyRow();
  const credentials = async () =>
    (
      await sql<{ h: string }>(
        `SELECT md5(string_agg(email || coalesce("passwordHash", ''), '|' ORDER BY id)) AS h FROM "User"`,
      )
    )[0]!.h;
  const users = async () =>
    (await sql<{ n: string }>(`SELECT count(*)::text AS n FROM "User"`))[0]!.n +
    "/" +
    (await sql<{ n: string }>(`SELECT count(*)::text AS n FROM "Membership"`))[0]!.n;

  for (const a of accounts) {
    const signedIn = isUser(a);
    // Link-carried: a made-up invitation token is refused for everyone and creates no one.
    const before = await users();
    for (const [name, args] of [
      [
        "acceptInvitationAction",
        [
          "not-a-real-token",
          { name: "Probe Person", password: "a-long-enough-password", confirm: "a-long-enough-password" },
        ],
      ],
      ["acceptInvitationSignedInAction", ["not-a-real-token", {}]],
      ["prepareProviderSignInAction", ["not-a-real-token"]],
    ] as const) {
      const r = await call(a, name, "/invite/not-a-real-token", [...args]);
      calls++;
      if (r.ok !== false) problems.push(`${a.label} ${name} with a made-up token: ${r.status} ${r.body.slice(0, 120)}`);
    }
    if ((await users()) !== before) problems.push(`${a.label}: a made-up invitation token changed people`);

    // Public: anyone may report and ask to register (the per-IP limits may say "later" instead).
    for (const [name, page, args] of [
      [
        "submitServiceRequestAction",
        `/m/riverton/requests/new`,
        [
          {
            municipalityId: munis[0]!.id,
            category: "ROADS",
            title: `Probe ${TAG} public`,
            description: "Reported by the action matrix.",
            area: "Probe district",
          },
        ],
      ],
      [
        "findPossibleDuplicatesAction",
        `/m/riverton/requests/new`,
        [{ slug: "riverton", category: "ROADS", latitude: 52.091, longitude: 5.122 }],
      ],
      [
        "requestRegistrationAction",
        "/register",
        [{ email: `register-${TAG}@riverton.test`, municipality: "riverton" }],
      ],
    ] as const) {
      const r = await call(a, name, page, [...args]);
      calls++;
      if (r.status >= 500 || (r.ok !== true && !rateLimited(r.body)))
        problems.push(`${a.label} ${name}: public action refused (${r.status} ${r.body.slice(0, 120)})`);
    }

    // Following reports: anyone may follow a public one (neutral answer, or the per-client limit); a
    // made-up tracking link unsubscribes nobody.
    {
      const followers = async () =>
        (
          await sql<{ h: string }>(
            `SELECT md5(coalesce(string_agg(id || coalesce("unsubscribedAt"::text, ''), '|' ORDER BY id), '')) AS h FROM "RequestFollower"`,
          )
        )[0]!.h;
      const [open] = await sql<{ reference: string }>(
        `SELECT reference FROM "ServiceRequest" WHERE "municipalityId" = $1 AND "isPublic" ORDER BY id LIMIT 1`,
        [munis[0]!.id],
      );
      const f = await call(a, "followReportAction", `/m/riverton/requests/${open!.reference}`, [
        { slug: "riverton", reference: open!.reference },
        { email: `follow-${TAG}@example.test` },
      ]);
      calls++;
      if (f.status >= 500 || (f.ok !== true && !rateLimited(f.body)))
        problems.push(`${a.label} followReportAction: refused (${f.status} ${f.body.slice(0, 120)})`);
      const before = await followers();
      const u = await call(a, "unsubscribeFromReportAction", "/m/riverton/track/x/unsubscribe", [
        null,
        { form: { slug: "riverton", token: "A".repeat(43) } },
      ]);
      calls++;
      if (u.ok !== false)
        problems.push(
          `${a.label} unsubscribeFromReportAction with a made-up token: ${u.status} ${u.body.slice(0, 120)}`,
        );
      if ((await followers()) !== before) problems.push(`${a.label}: a made-up tracking link changed a follower`);
    }
    // Citizen accounts: sign-up is open to anyone (the neutral answer, or the limits); a made-up
    // sign-up link makes no account. Following is for citizen accounts only, and only requests
    // they may read: a staff account, anonymous or another citizen's private report changes nothing.
    {
      const before = await users();
      const s = await call(a, "requestCitizenSignupAction", "/citizens/sign-up", [
        { email: `citizen-${TAG}-${a.label.replace(/[^a-z0-9]/g, "")}@example.test` },
      ]);
      const c = await call(a, "completeCitizenSignupAction", "/citizens/confirm/x", [
        "A".repeat(43),
        { password: "lantern orchard violet", confirm: "lantern orchard violet" },
      ]);
      calls += 2;
      if (s.status >= 500 || (s.ok !== true && !rateLimited(s.body)))
        problems.push(`${a.label} requestCitizenSignupAction: refused (${s.status} ${s.body.slice(0, 120)})`);
      if (c.ok !== false)
        problems.push(`${a.label} completeCitizenSignupAction with a made-up token: ${c.body.slice(0, 120)}`);
      if ((await users()) !== before) problems.push(`${a.label}: citizen sign-up made or changed people`);

      const citizen = a.principal.kind === "user" && a.principal.isCitizen === true;
      const open = probes.find(
        (p) =>
          p.type === "ServiceRequest" && p.municipalityId === munis[0]!.id && p.row.isPublic && !p.row.reporterUserId,
      )!;
      const hidden = probes.find(
        (p) =>
          p.type === "ServiceRequest" && p.municipalityId === munis[0]!.id && !p.row.isPublic && !p.row.reporterUserId,
      )!;
      const follows = (p: Probe) => count("RequestFollower", `"requestId" = $1 AND "unsubscribedAt" IS NULL`, [p.id]);
      const slug = munis[0]!.slug;
      const [openBefore, hiddenBefore] = [await follows(open), await follows(hidden)];
      const f = await call(a, "followRequestAction", "/my", [
        null,
        { form: { slug, reference: String(open.row.reference) } },
      ]);
      const h = await call(a, "followRequestAction", "/my", [
        null,
        { form: { slug, reference: String(hidden.row.reference) } },
      ]);
      calls += 2;
      if ((f.ok === true) !== citizen)
        problems.push(
          `${a.label} followRequestAction on a public request: expected ${citizen ? "followed" : "refused"}, got ${f.body.slice(0, 120)}`,
        );
      if (!citizen && (await follows(open)) !== openBefore)
        problems.push(`${a.label}: a refused follow wrote a follower`);
      if (h.ok === true || (await follows(hidden)) !== hiddenBefore)
        problems.push(`${a.label} followed a request that is not public and not theirs`);
      // Unfollowing: a citizen account its own follow only; anyone else is refused.
      const u = await call(a, "unfollowRequestAction", "/my", [null, { form: { requestId: open.id } }]);
      calls++;
      if ((u.ok === true) !== citizen)
        problems.push(
          `${a.label} unfollowRequestAction: expected ${citizen ? "unfollowed" : "refused"}, got ${u.body.slice(0, 120)}`,
        );
    }

    // Self-service links: a made-up reset or confirmation token changes nobody's password or
    // address; "forgot password" is open to anyone (neutral answer, or the per-address limit).
    {
      const before = await credentials();
      for (const [name, page, args] of [
        [
          "resetPasswordAction",
          "/reset-password/x",
          ["A".repeat(43), { password: "lantern orchard violet", confirm: "lantern orchard violet" }],
        ],
        ["confirmEmailChangeAction", "/confirm-email/x", ["A".repeat(43)]],
      ] as const) {
        const r = await call(a, name, page, [...args]);
        calls++;
        if (r.ok !== false)
          problems.push(`${a.label} ${name} with a made-up token: ${r.status} ${r.body.slice(0, 120)}`);
      }
      const r = await call(a, "requestPasswordResetAction", "/forgot-password", [
        { email: `nobody-${TAG}@example.test` },
      ]);
      calls++;
      if (r.status >= 500 || (r.ok !== true && !rateLimited(r.body)))
        problems.push(`${a.label} requestPasswordResetAction: refused (${r.status} ${r.body.slice(0, 120)})`);
      if ((await credentials()) !== before) problems.push(`${a.label}: a made-up link changed a password or address`);
    }
    // Own profile, password and address: the person comes from the session, never the input. The
    // same profile again changes nothing; a wrong current password and someone else's address
    // change nobody; signed out, they are refused.
    {
      const before = await credentials();
      const profile = a.email
        ? (
            await sql<{ name: string | null; jobTitle: string | null; phone: string | null }>(
              `SELECT u.name, m."jobTitle", m.phone FROM "User" u LEFT JOIN "Membership" m ON m."userId" = u.id WHERE u.email = $1 ORDER BY m."createdAt" LIMIT 1`,
              [a.email],
            )
          )[0]
        : undefined;
      const p = await call(a, "updateOwnProfileAction", "/account", [
        { name: profile?.name ?? "Probe", jobTitle: profile?.jobTitle ?? "", phone: profile?.phone ?? "" },
      ]);
      const w = await call(a, "changeOwnPasswordAction", "/account", [
        { currentPassword: "not the password", password: "lantern orchard violet", confirm: "lantern orchard violet" },
      ]);
      const e = await call(a, "requestEmailChangeAction", "/account", [
        { newEmail: "admin@lakeside.test", currentPassword: DEMO_PASSWORD },
      ]);
      calls += 3;
      if (signedIn && profile?.name && p.ok !== true && !/confirm it/i.test(p.body))
        problems.push(`${a.label} updateOwnProfileAction refused its own unchanged profile: ${p.body.slice(0, 120)}`);
      if (!signedIn && (p.ok === true || w.ok === true || e.ok === true))
        problems.push(`${a.label}: an own-account action succeeded without a session`);
      if (w.ok === true) problems.push(`${a.label} changeOwnPasswordAction accepted a wrong current password`);
      if ((await credentials()) !== before)
        problems.push(`${a.label}: own-account actions changed a password or address`);
      if ((await count("AccountToken", `"newEmail" = 'admin@lakeside.test'`, [])) !== "0")
        problems.push(`${a.label} requestEmailChangeAction issued a link for someone else's address`);
    }

    // Someone else's session: never revocable by anyone else.
    if (a.email !== "superuser@gatehouse.test") {
      const r = await call(a, "revokeSessionAction", "/account", [null, { form: { sessionId: other.id } }]);
      calls++;
      if (r.ok === true) problems.push(`${a.label} revoked someone else's session`);
    }

    // Someone else's passkey: nobody renames or removes it; a partial-session step (second factor,
    // enrollment) is refused to anyone without one; options for oneself only when signed in.
    for (const [name, page, args] of [
      ["renamePasskeyAction", "/account", [null, { form: { passkeyId: otherPasskey, name: "taken over" } }]],
      ["removePasskeyAction", "/account", [null, { form: { passkeyId: otherPasskey } }]],
      ["startPasskeySecondFactorAction", "/signin/verify", []],
      ["startPasskeyEnrollmentAction", "/signin/enroll", []],
      ["finishPasskeySecondFactorAction", "/signin/verify", [{ response: {} }]],
      ["finishPasskeyEnrollmentAction", "/signin/enroll", [{ response: {}, name: "x" }]],
    ] as const) {
      const r = await call(a, name, page, [...args]);
      calls++;
      if (r.ok === true) problems.push(`${a.label} ${name}: succeeded (${r.body.slice(0, 120)})`);
    }
    if ((await passkeyRow()) !== passkeyBefore) problems.push(`${a.label} changed someone else's passkey`);
    for (const name of ["startPasskeyRegistrationAction", "startPasskeyStepUpAction"]) {
      const r = await call(a, name, "/account", []);
      calls++;
      // Signed in: registration options need a recent sign-in (the step-up prompt), step-up a passkey.
      if (!signedIn && r.ok === true) problems.push(`${a.label} ${name}: options without a session`);
      if (r.status >= 500) problems.push(`${a.label} ${name}: HTTP ${r.status}`);
    }
    {
      const r = await call(a, "startPasskeySignInAction", "/signin", []);
      calls++;
      if (r.ok !== true && !rateLimited(r.body)) problems.push(`${a.label} startPasskeySignInAction refused`);
    }

    // Someone else's linked identity: nobody unlinks it but its owner (who is not among the callers).
    {
      const r = await call(a, "unlinkIdentityAction", "/account", [null, { form: { accountId: otherIdentity } }]);
      calls++;
      if (r.ok === true || (await sql(`SELECT 1 FROM "Account" WHERE id = $1`, [otherIdentity])).length !== 1)
        problems.push(`${a.label} unlinked someone else's identity`);
    }
    // A link intent only for a provider this person may link now: a municipal IdP only for an
    // address in its domains (riverton.test), never for platform accounts; no unknown provider.
    for (const provider of ["sso-riverton", "github"]) {
      const mayStart =
        signedIn &&
        provider === "sso-riverton" &&
        a.principal.kind === "user" &&
        a.principal.platformGroups.length === 0 &&
        !!a.email?.endsWith("@riverton.test");
      const before = await count("VerificationToken", `identifier LIKE 'link:%'`, []);
      const r = await call(a, "startIdentityLinkAction", "/account", [null, { form: { provider } }]);
      calls++;
      if ((r.ok === true) !== mayStart)
        problems.push(
          `${a.label} startIdentityLinkAction ${provider}: expected ${mayStart ? "started" : "refused"}, got ${r.body.slice(0, 120)}`,
        );
      if (!mayStart && (await count("VerificationToken", `identifier LIKE 'link:%'`, [])) !== before)
        problems.push(`${a.label} startIdentityLinkAction ${provider}: a refused call stored an intent`);
    }

    // Step-up with one's own password (/signin/confirm): it confirms the caller's own session and
    // goes back to `next`; without a session it confirms nothing.
    {
      const wrong = await call(a, "confirmPasswordAction", "/signin/confirm", [
        null,
        { form: { password: "not-the-password", next: "/account" } },
      ]);
      const right = await call(a, "confirmPasswordAction", "/signin/confirm", [
        null,
        { form: { password: DEMO_PASSWORD, next: "/account" } },
      ]);
      calls += 2;
      if (wrong.ok !== false && !(!signedIn && wrong.redirect?.startsWith("/signin")))
        problems.push(
          `${a.label} confirmPasswordAction with a wrong password: ${wrong.status} ${wrong.body.slice(0, 120)}`,
        );
      // Only where the password is the strongest factor: a stronger one must be used instead.
      const mayConfirm = signedIn && (await passwordIsStrongest(a));
      const confirmed = right.redirect?.startsWith("/account") === true;
      if (confirmed !== mayConfirm)
        problems.push(
          `${a.label} confirmPasswordAction: expected ${mayConfirm ? "confirmed" : "refused"}, got ${right.status} ${right.redirect ?? right.body.slice(0, 120)}`,
        );
      if (mayConfirm) confirmedAt.set(a, Date.now());
    }
    // The idle warning's "Stay signed in": the caller's own session only; without one, nothing.
    {
      const r = await call(a, "staySignedInAction", "/account", []);
      calls++;
      if ((r.ok === true) !== signedIn)
        problems.push(
          `${a.label} staySignedInAction: expected ${signedIn ? "ok" : "refused"}, got ${r.status} ${r.body.slice(0, 120)}`,
        );
    }
    for (const m of munis) {
      // A token: its holder or whoever may delete tokens in that municipality.
      const t = tokens.get(m.id)!;
      const mayRevoke = can(a, "delete", "ApiToken", { municipalityId: m.id, userId: t.userId });
      const r = await call(a, "revokeApiTokenAction", "/account", [null, { form: { tokenId: t.id } }]);
      calls++;
      if ((r.ok === true) !== mayRevoke)
        problems.push(
          `${a.label} revokeApiTokenAction @${m.slug}: expected ${mayRevoke ? "revoked" : "refused"}, got ${r.body.slice(0, 120)}`,
        );
      await sql(`UPDATE "ApiToken" SET "revokedAt" = NULL, "revokedById" = NULL WHERE id = $1`, [t.id]);

      // A token for oneself carries at most one's own groups in that municipality.
      const holds =
        a.principal.kind === "user" &&
        a.principal.memberships.some((x) => x.municipalityId === m.id && x.groups.includes("viewer"));
      const c = await call(a, "createApiTokenAction", "/account", [
        null,
        { form: { name: `probe ${TAG}`, municipalityId: m.id, groups: ["viewer"], expiresInDays: "1" } },
      ]);
      calls++;
      if ((c.ok === true) !== holds)
        problems.push(
          `${a.label} createApiTokenAction @${m.slug}: expected ${holds ? "created" : "refused"}, got ${c.body.slice(0, 120)}`,
        );
    }
    // Sign-in factors (/account, /signin/verify, /signin/enroll) take no ids: they act on the
    // caller's own account or session only. Nobody here has a factor or a half-finished sign-in, so
    // finishing a sign-in, confirming, removing and renewing are refused for all; starting a set-up
    // (own account, signed in) makes an unconfirmed factor for the caller alone, removed again.
    {
      const factors = async () =>
        (await sql<{ n: string }>(`SELECT count(*)::text AS n FROM "TotpFactor" WHERE "confirmedAt" IS NOT NULL`))[0]!
          .n +
        "/" +
        (await sql<{ n: string }>(`SELECT count(*)::text AS n FROM "RecoveryCode"`))[0]!.n;
      const before = await factors();
      for (const [name, page, args] of [
        ["verifyTotpAction", "/signin/verify", [null, { form: { next: "/w", code: "123456" } }]],
        ["verifyRecoveryCodeAction", "/signin/verify", [null, { form: { next: "/w", code: "aaaa-bbbb-cccc-dddd" } }]],
        ["startEnrollTotpAction", "/signin/enroll", []],
        ["confirmEnrollTotpAction", "/signin/enroll", [null, { form: { next: "/w", code: "123456" } }]],
        ["confirmTotpSetupAction", "/account", [null, { form: { code: "123456" } }]],
        ["removeTotpAction", "/account", [null, { form: { confirm: "yes" } }]],
        ["renewRecoveryCodesAction", "/account", []],
        ["stepUpWithTotpAction", "/signin/confirm", [null, { form: { next: "/account", code: "123456" } }]],
      ] as const) {
        // The step-up section joins the build with the /signin/confirm page (another branch).
        if (!built.has(name)) continue;
        const r = await call(a, name, page, [...args]);
        calls++;
        if (r.ok === true) problems.push(`${a.label} ${name} succeeded with no factor or partial sign-in`);
      }
      const started = await call(a, "startTotpSetupAction", "/account", []);
      calls++;
      const mine = a.email
        ? await sql<{ email: string }>(
            `SELECT u.email FROM "TotpFactor" f JOIN "User" u ON u.id = f."userId" WHERE f."confirmedAt" IS NULL`,
          )
        : [];
      if (signedIn && started.ok !== true && !/"stepUp":true/.test(started.body))
        problems.push(`${a.label} startTotpSetupAction refused: ${started.body.slice(0, 120)}`);
      if (!signedIn && started.ok === true) problems.push(`${a.label} startTotpSetupAction succeeded signed out`);
      if (mine.some((m) => m.email !== a.email)) problems.push(`${a.label} startTotpSetupAction set up someone else`);
      await sql(`DELETE FROM "TotpFactor" WHERE "confirmedAt" IS NULL`);
      if ((await factors()) !== before) problems.push(`${a.label}: a factor call changed factors or recovery codes`);
    }

    if (!signedIn) continue;
    // Signing out everywhere acts on the caller's own sessions only: a fresh session of theirs ends.
    const fresh = await signedInContext(baseURL!, a.email!, DEMO_PASSWORD);
    const other2 = await signedInContext(baseURL!, "admin@lakeside.test", DEMO_PASSWORD);
    const e = await call(a, "signOutEverywhereElseAction", "/account", [], fresh);
    const all = await call(a, "signOutEverywhereAction", "/account", [], fresh);
    calls += 2;
    if (e.ok !== true) problems.push(`${a.label} signOutEverywhereElseAction refused`);
    if (!all.redirect) problems.push(`${a.label} signOutEverywhereAction did not send the person to sign in`);
    if ((await fresh.get("/api/v1/me")).status() !== 401)
      problems.push(`${a.label}: the session survived signing out everywhere`);
    if (a.email !== "admin@lakeside.test" && (await other2.get("/api/v1/me")).status() !== 200)
      problems.push(`${a.label}: signing out everywhere ended someone else's session`);
    await fresh.dispose();
    await other2.dispose();
  }
  // Anonymous and deactivated callers of the account actions are sent to sign in.
  for (const a of accounts.filter((x) => !isUser(x))) {
    for (const [name, args] of [
      ["signOutEverywhereElseAction", []],
      ["signOutEverywhereAction", []],
      ["unlinkIdentityAction", [null, { form: { accountId: otherIdentity } }]],
    ] as const) {
      const r = await call(a, name, "/account", [...args]);
      calls++;
      if (r.ok === true) problems.push(`${a.label} ${name} succeeded without a session`);
    }
  }
  expect(problems.slice(0, 60)).toEqual([]);
  recordFigures("action-matrix-self-service", { actions: SELF_SERVICE.length, accounts: accounts.length, calls });
});

/** A page the built action belongs to, as a path (its route's dynamic segments filled in). */
function pageOfWorker(worker: string, fill: Record<string, string>): string {
  const route = worker
    .replace(/^app/, "")
    .replace(/\/(page|route)$/, "")
    .replace(/\/\([^)]*\)/g, "")
    .replace(/\[\[?(?:\.\.\.)?([^\]]+)\]\]?/g, (_, name: string) => fill[name] ?? "x");
  return route || "/";
}

test("while an administrator views as someone, every server action of the build is refused on the server and nothing changes; ending it works", async ({
  baseURL,
}) => {
  test.setTimeout(600_000);
  const built = new Map(builtActions().map((a) => [a.name, a]));
  const riverton = munis.find((m) => m.slug === "riverton")!;
  const operator = accounts.find((a) => a.label === "operator@riverton.test")!;
  const [{ id: membershipId }] = (await sql<{ id: string }>(
    `SELECT m.id FROM "Membership" m JOIN "User" u ON u.id = m."userId" WHERE u.email = 'operator@riverton.test' AND m."municipalityId" = $1`,
    [riverton.id],
  )) as [{ id: string }];
  // A session of its own (signed in just now: step-up holds), so no other case meets the view-as.
  const admin = await signedInContext(baseURL!, "admin@riverton.test", DEMO_PASSWORD);
  const personPage = `/admin/riverton/people/${membershipId}`;
  const started = await callAction(admin, baseURL!, built.get("startViewAsAction")!, personPage, [
    null,
    { form: { slug: "riverton", membershipId } },
  ]);
  expect(started.redirect, started.body.slice(0, 200)).toMatch(/^\/w\/riverton/);
  const open = () =>
    sql<{ n: string }>(
      `SELECT count(*)::text AS n FROM "ViewAsSession" v JOIN "User" u ON u.id = v."adminUserId" WHERE u.email = 'admin@riverton.test' AND v."endedAt" IS NULL`,
    ).then((r) => Number(r[0]!.n));
  expect(await open()).toBe(1);
  const lastEvent = async () =>
    (await sql<{ s: string }>(`SELECT coalesce(max(seq), 0)::text AS s FROM "AuditEvent"`))[0]!.s;
  const eventsBefore = await lastEvent();
  const target: Target = { muni: riverton, label: "riverton" };
  const fill = { slug: "riverton", membershipId };
  const problems: string[] = [];
  let refusedAsViewAs = 0;
  for (const action of builtActions()) {
    if (action.name === "endViewAsAction") continue;
    const c = CASES[action.name];
    const args = c ? await c.args(target, operator) : [null, { form: { slug: "riverton" } }];
    const page = c ? c.page(target) : pageOfWorker(action.pages[0] ?? "app/page", fill);
    const before = c ? await c.state(target, operator) : undefined;
    const r = await callAction(admin, baseURL!, action, page, args);
    if (r.status >= 500) problems.push(`${action.name}: HTTP ${r.status}`);
    if (r.ok === true) problems.push(`${action.name}: succeeded while viewing as someone`);
    if (c && (await c.state(target, operator)) !== before) problems.push(`${action.name}: changed the database`);
    if (r.body.includes("You are viewing as someone else")) refusedAsViewAs++;
    // Only the sign-in steps (a second factor, enrollment) answer otherwise: they send a complete sign-in on.
    else if (!r.redirect) problems.push(`${action.name}: not refused as view-as (${r.status} ${r.body.slice(0, 120)})`);
  }
  expect(problems).toEqual([]);
  // No action wrote anything: not one audit event, and the view-as is still open.
  expect(await lastEvent()).toBe(eventsBefore);
  expect(await open()).toBe(1);
  expect(refusedAsViewAs).toBeGreaterThan(Object.keys(CASES).length);
  // The staff API's writes with the session cookie are refused too.
  const api = await admin.post("/api/v1/documents", {
    headers: { Origin: baseURL!, "Content-Type": "application/json" },
    data: { title: `view-as ${TAG}` },
    failOnStatusCode: false,
  });
  expect(api.status()).toBe(403);
  expect(await api.text()).toContain("viewing as someone else");
  // Ending it is the one action that works; afterwards the administrator acts as themself again.
  const ended = await callAction(admin, baseURL!, built.get("endViewAsAction")!, "/w/riverton", [null, { form: {} }]);
  expect(ended.redirect).toBeTruthy();
  expect(await open()).toBe(0);
  await admin.dispose();
  recordFigures("action-matrix-view-as", { actions: builtActions().length, refusedAsViewAs });
});
