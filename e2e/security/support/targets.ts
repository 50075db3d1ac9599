// Every state-changing and input-taking entry point of the production build, and how to reach
// each one: server actions from .next/server/server-reference-manifest.json, route handlers from
// .next/app-path-routes-manifest.json with the methods the handler exports (the built handler's
// own OPTIONS answer lists them). Each target needs a plan below; a target without one — a new
// action, a new route, a new method on a route, an action whose argument shape changed — fails
// the suites that use this module, so nothing new can slip past them untried.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";
import { sql } from "../../../test/fixtures/db";
import { builtActions, type BuiltAction } from "./actions";
import { recordType, type RecordModel } from "../../../lib/records";
import { writableFields } from "../../../lib/records/define";
import { SERVICE_FIELDS } from "../../../lib/schemas/services";

const ROOT = path.resolve(import.meta.dirname, "../../..");

// ---------------------------------------------------------------------------------------------
// Server actions

/** How an action takes its arguments: none, one or two plain values, or (previous state, FormData). */
export type ActionShape = "none" | "value" | "value,value" | "state,form";

/**
 * The shape as the build and the source say it: Next encodes which arguments an action uses in
 * the first byte of its id (bit 6 = first argument, bit 5 = second, …), and the source says
 * whether the second one is a FormData.
 */
export function shapeOf(a: BuiltAction): ActionShape | `unknown: ${string}` {
  const info = parseInt(a.id.slice(0, 2), 16);
  const used = [0x40, 0x20, 0x10, 0x08, 0x04, 0x02].filter((bit) => info & bit).length;
  const src = readFileSync(path.join(ROOT, a.file), "utf8");
  const sig = new RegExp(`export\\s+async\\s+function\\s+${a.name}\\s*\\(([^)]*)\\)`).exec(src);
  if (!sig) return `unknown: no "export async function ${a.name}(…)" in ${a.file}`;
  if (used === 0) return "none";
  if (used === 1) return "value";
  if (used === 2) return /FormData/.test(sig[1]!) ? "state,form" : "value,value";
  return `unknown: ${used} arguments`;
}

export type ActionPlan = {
  shape: ActionShape;
  /** The account allowed to use it (validation is exercised as this person, and as anonymous). */
  as: string;
  /** Form field names (FormData actions) or the argument's keys (value actions). */
  fields?: readonly string[];
  /**
   * For envelope actions, { slug, id, …, <inner>: values }: a real envelope whose inner values are
   * hostile, so the inner schema is reached and must refuse. Keys of the real envelope by name.
   */
  envelope?: { keys: Record<string, keyof Ids>; inner: string; innerFields: readonly string[] };
  /** Two-argument value actions: the first argument's real value (e.g. the target membership). */
  first?: { keys: Record<string, keyof Ids> };
  /** Whether anonymous is sent to sign in (true) or the action is open to anyone (false). */
  needsUser: boolean;
};

/** Real ids the plans fill in (see e2e/security/bad-input.spec.ts, beforeAll). */
export type Ids = {
  slug: string;
  request: string;
  /** The reference people see of `request` (RIV-00001): its public page, a citizen's report page. */
  reference: string;
  requestUpdatedAt: string;
  heritage: string;
  document: string;
  membership: string;
  municipality: string;
  /** The person of `membership` (the platform console's person page). */
  user: string;
  /** A Riverton department (its admin page). */
  department: string;
  /** The number of one of Riverton's audit events (its event page, in the municipality's and the platform's log). */
  auditEvent: string;
  /** A photo of `request` (its byte routes); made here, with its stored bytes, when it has none. */
  photo: string;
  /** A connected service of Riverton (its console pages and actions); made here when it has none. */
  service: string;
  /** An access review of Riverton (its pages, report and reviewer page); made here when it has none. */
  review: string;
  /** A saved clip of Riverton and a stored run of it (issue 21); made here once. */
  clip: string;
  clipRun: string;
};

/** A Riverton service for the plans: the first one, or one made here (its secret hash is no secret's). */
async function serviceIn(municipalityId: string): Promise<string> {
  await sql(
    `INSERT INTO "Service" (id, "municipalityId", slug, name, "clientId", "clientSecretHash", "clientSecretHint", "redirectUris", "updatedAt")
     VALUES ('bad-input-service', $1, 'bad-input', 'Bad input service', 'svc_bad_input', $2, 'none', '{https://bad-input.example.test/cb}', now())
     ON CONFLICT DO NOTHING`,
    [municipalityId, "0".repeat(64)],
  );
  return "bad-input-service";
}

/** A photo of the request, staff only (unpublished); one is added when the request has none. */
async function photoOf(request: string): Promise<string> {
  const [had] = await sql<{ id: string }>(`SELECT id FROM "RequestPhoto" WHERE "requestId" = $1 ORDER BY id LIMIT 1`, [
    request,
  ]);
  if (had) return had.id;
  const [r] = await sql<{ municipalityId: string; isPublic: boolean }>(
    `SELECT "municipalityId", "isPublic" FROM "ServiceRequest" WHERE id = $1`,
    [request],
  );
  const id = `bad-input-photo-${request}`.slice(0, 64);
  const key = `photos/${r!.municipalityId}/${request}/bad-input`;
  for (const k of [`${key}.jpg`, `${key}_thumb.jpg`])
    await sql(
      `INSERT INTO "StoredObject" (key, "contentType", "byteSize", bytes) VALUES ($1, 'image/jpeg', 4, $2) ON CONFLICT DO NOTHING`,
      [k, Buffer.from([0xff, 0xd8, 0xff, 0xd9])],
    );
  await sql(
    `INSERT INTO "RequestPhoto" (id, "municipalityId", "requestId", "storageKey", "thumbKey", "contentType", width, height, "byteSize", "onPublicRequest")
     VALUES ($1, $2, $3, $4, $5, 'image/jpeg', 1, 1, 4, $6) ON CONFLICT DO NOTHING`,
    [id, r!.municipalityId, request, `${key}.jpg`, `${key}_thumb.jpg`, r!.isPublic],
  );
  return id;
}

/** The Riverton records the plans aim at (a roads request, a site, a document, a viewer's membership). */
export async function targetIds(): Promise<Ids> {
  const one = async (q: string) => (await sql<{ v: string }>(q))[0]!.v;
  const riverton = `(SELECT id FROM "Municipality" WHERE slug = 'riverton')`;
  const request = await one(
    `SELECT id AS v FROM "ServiceRequest" WHERE "municipalityId" = ${riverton} AND category = 'ROADS' ORDER BY id LIMIT 1`,
  );
  return {
    slug: "riverton",
    municipality: await one(`SELECT id AS v FROM "Municipality" WHERE slug = 'riverton'`),
    request,
    reference: await one(`SELECT reference AS v FROM "ServiceRequest" WHERE id = '${request}'`),
    requestUpdatedAt: (
      await sql<{ u: Date }>(`SELECT "updatedAt" AS u FROM "ServiceRequest" WHERE id = $1`, [request])
    )[0]!.u.toISOString(),
    heritage: await one(`SELECT id AS v FROM "HeritageSite" WHERE "municipalityId" = ${riverton} ORDER BY id LIMIT 1`),
    document: await one(`SELECT id AS v FROM "Document" WHERE "municipalityId" = ${riverton} ORDER BY id LIMIT 1`),
    membership: await one(
      `SELECT m.id AS v FROM "Membership" m JOIN "User" u ON u.id = m."userId" WHERE u.email = 'viewer@riverton.test'`,
    ),
    user: await one(`SELECT id AS v FROM "User" WHERE email = 'viewer@riverton.test'`),
    department: await one(`SELECT id AS v FROM "Department" WHERE "municipalityId" = ${riverton} ORDER BY id LIMIT 1`),
    // A spec run on its own may find no event yet: any number still makes the path one of the route's.
    auditEvent: await one(
      `SELECT coalesce(max(seq), 1)::text AS v FROM "AuditEvent" WHERE "municipalityId" = ${riverton}`,
    ),
    photo: await photoOf(request),
    service: await serviceIn(await one(`SELECT id AS v FROM "Municipality" WHERE slug = 'riverton'`)),
    review: await reviewIn(await one(`SELECT id AS v FROM "Municipality" WHERE slug = 'riverton'`)),
    ...(await clipIn(await one(`SELECT id AS v FROM "Municipality" WHERE slug = 'riverton'`))),
  };
}

/** A Riverton clip by its analyst and one stored run of it, for the plans: made here once. */
async function clipIn(municipalityId: string): Promise<{ clip: string; clipRun: string }> {
  const [analyst] = await sql<{ id: string }>(`SELECT id FROM "User" WHERE email = 'analyst@riverton.test'`);
  await sql(
    `INSERT INTO "Clip" (id, "municipalityId", name, sql, "authorId", "updatedAt")
     VALUES ('bad-input-clip', $1, 'Bad input clip', 'select 1 as n', $2, now()) ON CONFLICT DO NOTHING`,
    [municipalityId, analyst!.id],
  );
  await sql(
    `INSERT INTO "ClipRun" (id, "municipalityId", "clipId", "userId", sql, status, columns, rows, "rowCount")
     VALUES ('bad-input-clip-run', $1, 'bad-input-clip', $2, 'select 1 as n', 'SUCCEEDED', '[{"name":"n","type":"int4"}]', '[[1]]', 1)
     ON CONFLICT DO NOTHING`,
    [municipalityId, analyst!.id],
  );
  return { clip: "bad-input-clip", clipRun: "bad-input-clip-run" };
}

/** A Riverton access review for the plans: an open one with nobody to review, made here once. */
async function reviewIn(municipalityId: string): Promise<string> {
  await sql(
    `INSERT INTO "AccessReview" (id, "municipalityId", name, scope, "dueAt", "updatedAt")
     VALUES ('bad-input-review', $1, 'Bad input review', 'PRIVILEGED', now() + interval '30 days', now())
     ON CONFLICT DO NOTHING`,
    [municipalityId],
  );
  return "bad-input-review";
}

const ADMIN = "admin@riverton.test";
const ANALYST = "analyst@riverton.test";
/** What a connected service's form posts besides its scope (its field registry). */
const SERVICE_FIELDS_POSTED = Object.keys(SERVICE_FIELDS);
/** A form action (useActionState: state, then the form) for signed-in people, tried as `as`. */
const signedInForm = (as: string, fields: readonly string[]): ActionPlan => ({
  shape: "state,form",
  as,
  fields,
  needsUser: true,
});
/** …on the caller's own account, as a viewer. */
const ownAccountForm = (fields: readonly string[]) => signedInForm("viewer@riverton.test", fields);
/** …in the platform console, as the demo platform admin. */
const platformForm = (fields: readonly string[]) => signedInForm("platform.admin@gatehouse.test", fields);
/** …in municipality administration, as Riverton's admin. */
const adminForm = (fields: readonly string[]) => signedInForm(ADMIN, fields);
/** A plain-value action (one object of `fields`), tried as `as`; signed-in people only unless `needsUser` is false. */
const valueAction = (as: string, fields: readonly string[], needsUser = true): ActionPlan => ({
  shape: "value",
  as,
  fields,
  needsUser,
});
/** …on the caller's own account, as a viewer. */
const ownAccountValue = (fields: readonly string[]) => valueAction("viewer@riverton.test", fields);
/** …finishing a sign-in: only a partial session may, so anonymous is sent to sign in. */
const partialValue = (fields: readonly string[]) => valueAction("anonymous", fields);
/** An action without arguments (not fuzzed), tried as `as`. */
const noArguments = (as: string, needsUser = true): ActionPlan => ({ shape: "none", as, needsUser });
/** …on the caller's own account, as a viewer. */
const ownAccountNoArguments = noArguments("viewer@riverton.test");
// What the registry lets a form write (lib/records): each field gets hostile values. Documents list
// their form's fields by hand: departmentId is writable there but not a form field.
const writable = (model: RecordModel, mode: "create" | "update") =>
  writableFields(recordType(model), mode).map(([name]) => name);
const SR_UPDATE = writable("ServiceRequest", "update");
const SR_SUBMIT = ["municipalityId", ...writable("ServiceRequest", "create")];
const HERITAGE = writable("HeritageSite", "create");
const DOCUMENT = ["kind", "visibility", "title", "summary", "body", "url"] as const;
const PERSON = ["slug", "membershipId", "userId", "reason"] as const;

export const ACTION_PLANS: Record<string, ActionPlan> = {
  // Own account (any signed-in person).
  signOutEverywhereElseAction: ownAccountNoArguments,
  signOutEverywhereAction: ownAccountNoArguments,
  staySignedInAction: ownAccountNoArguments,
  revokeSessionAction: ownAccountForm(["sessionId"]),
  createApiTokenAction: ownAccountForm(["name", "municipalityId", "groups", "expiresInDays"]),
  revokeApiTokenAction: ownAccountForm(["tokenId"]),
  startIdentityLinkAction: ownAccountForm(["provider"]),
  unlinkIdentityAction: ownAccountForm(["accountId"]),
  startTotpSetupAction: ownAccountNoArguments,
  confirmTotpSetupAction: ownAccountForm(["code"]),
  removeTotpAction: ownAccountForm(["confirm"]),
  renewRecoveryCodesAction: ownAccountNoArguments,
  // Finishing a sign-in: only a partial session may (everyone else is sent to sign in).
  startEnrollTotpAction: noArguments("anonymous"),
  confirmEnrollTotpAction: { shape: "state,form", as: "anonymous", fields: ["next", "code"], needsUser: true },
  verifyTotpAction: { shape: "state,form", as: "anonymous", fields: ["next", "code"], needsUser: true },
  verifyRecoveryCodeAction: { shape: "state,form", as: "anonymous", fields: ["next", "code"], needsUser: true },
  // Step-up with the app (/signin/confirm's section): the viewer has no app, so every code is refused.
  stepUpWithTotpAction: ownAccountForm(["next", "code"]),
  // Passkeys: options (no arguments: not fuzzed, each one a stored challenge) and answers.
  startPasskeyRegistrationAction: ownAccountNoArguments,
  finishPasskeyRegistrationAction: ownAccountValue(["response", "name"]),
  renamePasskeyAction: ownAccountForm(["passkeyId", "name"]),
  removePasskeyAction: ownAccountForm(["passkeyId"]),
  startPasskeySignInAction: noArguments("anonymous", false),
  // The second factor and enrollment take a partial session: anyone else is sent to sign in.
  startPasskeySecondFactorAction: noArguments("anonymous"),
  finishPasskeySecondFactorAction: partialValue(["response", "next"]),
  startPasskeyEnrollmentAction: noArguments("anonymous"),
  finishPasskeyEnrollmentAction: partialValue(["response", "name", "next"]),
  startPasskeyStepUpAction: ownAccountNoArguments,
  finishPasskeyStepUpAction: ownAccountValue(["response", "next"]),
  // Step-up with the password; as an operator, so hostile passwords count against nobody else's limit.
  confirmPasswordAction: signedInForm("operator@riverton.test", ["password", "next"]),
  // Municipality administration.
  createMunicipalityAction: platformForm([
    "name",
    "slug",
    "region",
    "description",
    "emailDomains",
    "selfRegistration",
    "requiresApproval",
    "enabledModules",
    "mfaRequirement",
    "sessionIdleMinutes",
    "inactivityDays",
    "departments",
  ]),
  archiveMunicipalityAction: platformForm(["slug", "confirm"]),
  rotateSigningKeyAction: platformForm(["confirm"]),
  previewPolicyChangeAction: platformForm(["files", "pastedName", "pastedText"]),
  restoreMunicipalityAction: platformForm(["slug", "confirm"]),
  proposePlatformGrantAction: platformForm(["userId", "group", "change", "reason"]),
  approvePlatformGrantAction: platformForm(["requestId", "note"]),
  rejectPlatformGrantAction: platformForm(["requestId", "note"]),
  cancelPlatformGrantAction: platformForm(["requestId"]),
  approveMembershipAction: adminForm(["slug", "membershipId", "reason"]),
  rejectMembershipAction: adminForm(["slug", "membershipId", "reason"]),
  reopenMembershipAction: adminForm(["slug", "membershipId", "reason"]),
  inviteMemberAction: adminForm(["slug", "email", "groups", "departmentId", "allowedCategories"]),
  revokeInvitationAction: adminForm(["slug", "invitationId"]),
  resendInvitationAction: adminForm(["slug", "invitationId"]),
  previewBulkInviteAction: adminForm(["slug", "file"]),
  sendBulkInviteAction: adminForm(["slug", "csv", "lines"]),
  decideMembershipsAction: adminForm(["slug", "decision", "membershipIds", "reason"]),
  registerServiceAction: adminForm(["slug", ...SERVICE_FIELDS_POSTED]),
  updateServiceAction: adminForm(["slug", "id", ...SERVICE_FIELDS_POSTED]),
  rotateServiceSecretAction: adminForm(["slug", "id"]),
  rotateServiceWebhookSecretAction: adminForm(["slug", "id"]),
  disableServiceAction: adminForm(["slug", "id", "reason"]),
  enableServiceAction: adminForm(["slug", "id"]),
  // "Send again now" on a service's delivery list: hostile ids are refused on their field.
  resendServiceDeliveryAction: adminForm(["slug", "id", "serviceId"]),
  registerPlatformServiceAction: platformForm(["municipalityId", ...SERVICE_FIELDS_POSTED]),
  updatePlatformServiceAction: platformForm(["id", ...SERVICE_FIELDS_POSTED]),
  rotatePlatformServiceSecretAction: platformForm(["id"]),
  rotatePlatformServiceWebhookSecretAction: platformForm(["id"]),
  disablePlatformServiceAction: platformForm(["id", "reason"]),
  enablePlatformServiceAction: platformForm(["id"]),
  setUpScimConnectionAction: adminForm(["slug"]),
  rotateScimTokenAction: adminForm(["slug", "confirm"]),
  setScimEnabledAction: adminForm(["slug", "enabled"]),
  retryOutboxMessageAction: adminForm(["slug", "id"]),
  saveSamlConnectionAction: adminForm([
    "slug",
    "source",
    "displayName",
    "metadataUrl",
    "metadataFile",
    "entityId",
    "ssoUrl",
    "certificates",
    "clockSkewSeconds",
    "attr_email",
    "attr_name",
    "attr_groups",
    "attr_job_codes",
    "mfaAcrValues",
    "enabled",
  ]),
  suspendMembershipAction: adminForm(PERSON),
  reactivateMembershipAction: adminForm(PERSON),
  deactivateUserAction: adminForm(PERSON),
  reactivateUserAction: adminForm(PERSON),
  eraseUserAction: adminForm([...PERSON, "confirmEmail"]),
  unlockSignInAction: adminForm(["slug", "membershipId", "confirm"]),
  // View as (lib/auth/view-as.ts): tried as a viewer, who may view as nobody, so no hostile value
  // can open a view-as in a session the other plans share; ending takes no fields.
  startViewAsAction: signedInForm("viewer@riverton.test", ["slug", "membershipId"]),
  endViewAsAction: signedInForm("viewer@riverton.test", []),
  grantServiceAccessAction: adminForm([
    "slug",
    "membershipId",
    "userId",
    "serviceId",
    "reason",
    "expiresDate",
    "expiresTime",
  ]),
  revokeServiceAccessAction: adminForm(["slug", "membershipId", "grantId", "note"]),
  resetFactorsAction: adminForm(["slug", "membershipId", "userId", "reason", "confirm"]),
  changeMembershipAccessAction: {
    shape: "value,value",
    as: ADMIN,
    first: { keys: { slug: "slug", membershipId: "membership" } },
    fields: ["groups", "departmentId", "allowedCategories"],
    needsUser: true,
  },
  explainAction: adminForm(["slug", "email", "action", "subject", "recordId"]),
  // The SSO console.
  saveOidcConnectionAction: adminForm([
    "slug",
    "displayName",
    "issuer",
    "clientId",
    "clientSecret",
    "scopes",
    "groupsClaim",
    "mfaAmrValues",
    "mfaAcrValues",
    "enabled",
  ]),
  // Test connection and Try sign-in take only the slug and audit every run they make, so a valid
  // slug among hostile extras would record a (harmless) check: tried as Riverton's manager, who may
  // not use the SSO console (refused before anything runs). lib/flows/sso-console.test.ts tries them.
  testOidcConnectionAction: signedInForm("manager@riverton.test", ["slug"]),
  startTrySignInAction: signedInForm("manager@riverton.test", ["slug"]),
  // An empty list of rows is a valid mapping (every console row removed), so hostile input around
  // it would really save: tried as Riverton's manager, who may not use the SSO console (refused
  // before any write). The rows' validation is tried in lib/flows/sso-console.test.ts.
  saveClaimMappingsAction: {
    shape: "value,value",
    as: "manager@riverton.test",
    first: { keys: { slug: "slug" } },
    fields: ["rows"],
    needsUser: true,
  },
  // Settings: the form always sends the version it read (expectedUpdatedAt), which hostile input
  // never matches, so nothing is written; the settings schema itself is tried in
  // lib/data/municipality-settings.test.ts (unknown, refused and out-of-range fields).
  updateMunicipalitySettingsAction: {
    shape: "value,value",
    as: ADMIN,
    first: { keys: { slug: "slug" } },
    fields: ["name", "description", "emailDomains", "mfaRequirement", "sessionIdleMinutes", "disabledModules"],
    needsUser: true,
  },
  // Any name of 2–80 characters is a valid department name, so hostile names would create
  // departments: tried as Riverton's manager, who reaches the admin pages but may not manage
  // departments (refused before any write). Names are validated in lib/data/departments.test.ts.
  saveDepartmentNameAction: signedInForm("manager@riverton.test", ["slug", "id", "name"]),
  setDepartmentArchivedAction: adminForm(["slug", "id", "archived", "confirm"]),
  // Request tags: any name of 2–40 characters is valid, so tried as Riverton's manager, who reads
  // the tags but may not add them (refused before any write); names in lib/data/assignment.test.ts.
  saveRequestTagAction: signedInForm("manager@riverton.test", ["slug", "id", "label"]),
  setRequestTagArchivedAction: adminForm(["slug", "id", "archived"]),
  // A request's assignee and tag pickers and the list's bulk change: hostile ids are no request
  // anyone may see, so nothing is written; the real rules are in lib/data/assignment.test.ts.
  assignServiceRequestAction: signedInForm("manager@riverton.test", ["slug", "id", "expectedUpdatedAt", "assigneeId"]),
  tagServiceRequestAction: signedInForm("manager@riverton.test", ["slug", "id", "expectedUpdatedAt", "tags"]),
  bulkUpdateServiceRequestsAction: signedInForm("manager@riverton.test", ["slug", "op", "ids", "status", "assigneeId"]),
  // Invitations (the token is the credential) and the public forms.
  acceptInvitationAction: {
    shape: "value,value",
    as: "anonymous",
    fields: ["name", "password", "confirm", "jobTitle", "phone"],
    needsUser: false,
  },
  acceptInvitationSignedInAction: {
    shape: "value,value",
    as: "viewer@riverton.test",
    fields: ["name", "jobTitle", "phone"],
    needsUser: false,
  },
  prepareProviderSignInAction: { shape: "value", as: "anonymous", needsUser: false },
  // The report's photos travel in it as a FormData of files: anything else under "photos" is refused on the field.
  submitServiceRequestAction: valueAction("anonymous", [...SR_SUBMIT, "website", "followUpdates", "photos"], false),
  // Following a public report (the page's slug and reference, then the address) and a tracking
  // link's unsubscribe button (the token is the credential).
  followReportAction: { shape: "value,value", as: "anonymous", fields: ["email"], needsUser: false },
  unsubscribeFromReportAction: { shape: "state,form", as: "anonymous", fields: ["slug", "token"], needsUser: false },
  // "Is this the same problem?" on the report form: open to anyone, answers with public fields only.
  findPossibleDuplicatesAction: valueAction("anonymous", ["slug", "category", "latitude", "longitude"], false),
  requestRegistrationAction: valueAction("anonymous", ["email", "municipality"], false),
  // Self-service: "forgot password" and the mailed links (the token is the credential), and the
  // caller's own profile, password and address on /account.
  requestPasswordResetAction: valueAction("anonymous", ["email"], false),
  resetPasswordAction: { shape: "value,value", as: "anonymous", fields: ["password", "confirm"], needsUser: false },
  confirmEmailChangeAction: { shape: "value", as: "anonymous", needsUser: false },
  // Citizen accounts: sign-up and its mailed link are open (the token is the credential); following
  // and unfollowing are the signed-in citizen's own.
  requestCitizenSignupAction: valueAction("anonymous", ["email"], false),
  completeCitizenSignupAction: {
    shape: "value,value",
    as: "anonymous",
    fields: ["name", "password", "confirm"],
    needsUser: false,
  },
  followRequestAction: signedInForm("citizen@example.test", ["slug", "reference"]),
  unfollowRequestAction: signedInForm("citizen@example.test", ["requestId", "slug", "reference"]),
  updateOwnProfileAction: ownAccountValue(["name", "jobTitle", "phone"]),
  changeOwnPasswordAction: ownAccountValue(["currentPassword", "password", "confirm"]),
  requestEmailChangeAction: ownAccountValue(["newEmail", "currentPassword"]),
  // Workspace records.
  updateServiceRequestAction: {
    shape: "value",
    as: "operator@riverton.test",
    envelope: {
      keys: { id: "request", slug: "slug", expectedUpdatedAt: "requestUpdatedAt" },
      inner: "values",
      innerFields: SR_UPDATE,
    },
    needsUser: true,
  },
  createServiceRequestAction: {
    shape: "value",
    as: "operator@riverton.test",
    envelope: { keys: { slug: "slug" }, inner: "values", innerFields: SR_SUBMIT },
    needsUser: true,
  },
  createHeritageSiteAction: {
    shape: "value",
    as: ADMIN,
    envelope: { keys: { slug: "slug" }, inner: "values", innerFields: HERITAGE },
    needsUser: true,
  },
  updateHeritageSiteAction: {
    shape: "value",
    as: ADMIN,
    envelope: { keys: { slug: "slug", id: "heritage" }, inner: "values", innerFields: HERITAGE },
    needsUser: true,
  },
  createDocumentAction: {
    shape: "value",
    as: "editor@riverton.test",
    envelope: { keys: { slug: "slug" }, inner: "values", innerFields: DOCUMENT },
    needsUser: true,
  },
  updateDocumentAction: {
    shape: "value",
    as: "editor@riverton.test",
    envelope: { keys: { slug: "slug", id: "document" }, inner: "values", innerFields: DOCUMENT },
    needsUser: true,
  },
  archiveDocumentAction: { shape: "state,form", as: "editor@riverton.test", fields: ["slug", "id"], needsUser: true },
  // The request timeline's save: a new status with its reason, a note or a public comment.
  workOnServiceRequestAction: {
    shape: "state,form",
    as: "operator@riverton.test",
    fields: ["slug", "id", "expectedUpdatedAt", "status", "reason", "kind", "body"],
    needsUser: true,
  },
  // A request's photos (issue 18): hostile text where files belong is refused on "photos"; a
  // hostile photo id is "not found". The photo checks themselves (not an image, too large, a bomb)
  // are in lib/photos/photos.test.ts and e2e/photos.spec.ts.
  addRequestPhotosAction: signedInForm("manager@riverton.test", ["slug", "id", "photos"]),
  setRequestPhotoPublishedAction: signedInForm("manager@riverton.test", ["slug", "id", "photoId", "publish"]),
  // Access reviews (issue 20). Starting one and adding a schedule take only typed fields, any of
  // which hostile input replaces (the due date, the scope): refused before any write. Closing and
  // switching off need the confirmation box; reassigning and deciding name an item by id, which
  // hostile input never matches. The rules themselves: lib/flows/access-reviews.test.ts.
  startReviewAction: adminForm(["slug", "name", "scope", "group", "dueAt", "undecidedRule"]),
  closeReviewAction: adminForm(["slug", "id", "confirm"]),
  reassignReviewItemAction: adminForm(["slug", "id", "reviewId", "reviewerId"]),
  saveReviewScheduleAction: adminForm([
    "slug",
    "id",
    "name",
    "scope",
    "group",
    "everyMonths",
    "dueDays",
    "undecidedRule",
    "firstRunAt",
  ]),
  disableReviewScheduleAction: adminForm(["slug", "id", "confirm"]),
  decideReviewItemAction: signedInForm("manager@riverton.test", [
    "slug",
    "id",
    "reviewId",
    "decision",
    "keptGroups",
    "note",
  ]),
  // Clips (issue 21), as Riverton's analyst: SQL the schema refuses (empty, NUL, too long) or
  // PostgreSQL refuses (hostile text is no valid query of the clips views) is a message beside the
  // SQL; a hostile clip id is "not found".
  runClipAction: signedInForm("analyst@riverton.test", ["slug", "clipId", "sql"]),
  saveClipAction: signedInForm("analyst@riverton.test", ["slug", "clipId", "name", "description", "sql"]),
  archiveClipAction: signedInForm("analyst@riverton.test", ["slug", "clipId"]),
};

export type ActionTarget = BuiltAction & { plan: ActionPlan; page: string };

/** Every action of the build with its plan and a concrete page to post to; throws on any it cannot exercise. */
export function actionTargets(ids: Ids, plans: Record<string, ActionPlan> = ACTION_PLANS): ActionTarget[] {
  const problems: string[] = [];
  const out: ActionTarget[] = [];
  for (const a of builtActions()) {
    const plan = plans[a.name];
    if (!plan) {
      problems.push(`${a.name} (${a.file}) has no plan in e2e/security/support/targets.ts`);
      continue;
    }
    const shape = shapeOf(a);
    if (shape !== plan.shape) {
      problems.push(`${a.name}: the build says ${shape}, the plan says ${plan.shape}`);
      continue;
    }
    out.push({ ...a, plan, page: pageFor(a.pages[0]!, ids) });
  }
  if (problems.length) throw new Error(`Targets the suite does not know how to exercise:\n${problems.join("\n")}`);
  return out;
}

/** A worker page ("app/w/[slug]/requests/[id]/page") as a URL with real ids. */
export function pageFor(worker: string, ids: Ids): string {
  return (worker.replace(/^app/, "").replace(/\/page$/, "") || "/")
    .replace("[slug]", ids.slug)
    .replace("[membershipId]", ids.membership)
    .replace("[token]", "not-a-real-token")
    .replace("[userId]", ids.user)
    .replace("[clipId]", ids.clip)
    .replace("[runId]", ids.clipRun)
    .replace("/reviews/[id]", `/reviews/${ids.review}`)
    .replace(
      /\/(requests|heritage|documents)\/\[id\]/,
      (_, seg: string) =>
        `/${seg}/${seg === "requests" ? ids.request : seg === "heritage" ? ids.heritage : ids.document}`,
    );
}

// ---------------------------------------------------------------------------------------------
// Route handlers

export type MethodPlan =
  /** A list: query parameters go through a strict schema (an unknown one is a 400). */
  | { kind: "query"; strict: boolean; fields: readonly string[] }
  /** One record by id: the id in the path is hostile too. */
  | { kind: "item"; fields: readonly string[] }
  /**
   * A JSON body (POST/PATCH): anything not a valid object of known fields is a 4xx problem.
   * `mayAccept`: a batch that answers each malformed item with its own refusal (AuthZEN §7).
   */
  | { kind: "body"; fields: readonly string[]; mayAccept?: true }
  /** next-auth's own endpoints (sign-in, callbacks, sign-out). */
  | { kind: "auth" };

export type RoutePlan = {
  as: string;
  /** Problem documents (the JSON API), SCIM Errors, or a plain-text message (CSV exports) when refusing. */
  answers: "problem" | "text" | "auth" | "scim" | "authzen";
  /** Sent with Riverton's directory bearer token (SCIM_PROBE_TOKEN), so hostile input reaches the parsers. */
  bearer?: boolean;
  /** Sent with the HTTP Basic credentials of Riverton's probe service (AUTHZEN_PROBE), likewise. */
  basic?: boolean;
  methods: Partial<Record<string, MethodPlan>>;
};

const LIST = {
  "service-requests": [
    "q",
    "status",
    "category",
    "area",
    "sort",
    "dir",
    "limit",
    "cursor",
    "municipalityId",
    "assigneeId",
  ],
  "heritage-sites": ["q", "kind", "sort", "dir", "limit", "cursor", "municipalityId"],
  documents: ["q", "kind", "visibility", "archived", "sort", "dir", "limit", "cursor", "municipalityId"],
} as const;
const BODY = { "service-requests": SR_SUBMIT, "heritage-sites": HERITAGE, documents: DOCUMENT } as const;
const UPDATE = { "service-requests": SR_UPDATE, "heritage-sites": HERITAGE, documents: DOCUMENT } as const;
const STAFF = {
  "service-requests": "operator@riverton.test",
  "heritage-sites": ADMIN,
  documents: "editor@riverton.test",
} as const;

function recordRoutes(): Record<string, RoutePlan> {
  const out: Record<string, RoutePlan> = {};
  for (const t of ["service-requests", "heritage-sites", "documents"] as const) {
    out[`/api/v1/${t}`] = {
      as: STAFF[t],
      answers: "problem",
      methods: { GET: { kind: "query", strict: true, fields: LIST[t] }, POST: { kind: "body", fields: BODY[t] } },
    };
    out[`/api/v1/${t}/[id]`] = {
      as: STAFF[t],
      answers: "problem",
      methods: { GET: { kind: "item", fields: [] }, PATCH: { kind: "body", fields: UPDATE[t] } },
    };
    // A request's timeline: the entries (GET) and a note or comment (POST { kind, body }).
    if (t === "service-requests")
      out[`/api/v1/${t}/[id]/events`] = {
        as: STAFF[t],
        answers: "problem",
        // GET takes no parameters (ignored, as on other nested routes); its last segment is fixed.
        methods: {
          GET: { kind: "query", strict: false, fields: [] },
          POST: { kind: "body", fields: ["kind", "body"] },
        },
      };
    out[`/api/public/v1/${t}`] = {
      as: "anonymous",
      answers: "problem",
      methods: { GET: { kind: "query", strict: true, fields: LIST[t] } },
    };
    out[`/api/public/v1/${t}/[id]`] = {
      as: "anonymous",
      answers: "problem",
      methods: { GET: { kind: "item", fields: [] } },
    };
  }
  return out;
}

/** The SCIM bearer token the bad-input suite gives Riverton's directory connection. */
export const SCIM_PROBE_TOKEN = "scim_bad-input-probe-token-000000000000000000";
const SCIM_BODY = [
  "schemas",
  "userName",
  "externalId",
  "active",
  "emails",
  "name",
  "displayName",
  "members",
  "Operations",
];

/** The connected service the bad-input suite registers for Riverton, so hostile AuthZEN input reaches the parsers. */
export const AUTHZEN_PROBE = { clientId: "svc_bad-input-probe", secret: "gh_svc_bad-input-probe-secret-0000000000" };
const AUTHZEN_ENTITIES = ["subject", "action", "resource", "context"];
const authzenPlan = (fields: readonly string[], mayAccept?: true): RoutePlan => ({
  as: "anonymous",
  answers: "authzen",
  basic: true,
  methods: {
    GET: { kind: "query", strict: false, fields: [] },
    POST: { kind: "body", fields, ...(mayAccept ? { mayAccept } : {}) },
  },
});

const AUDIT_FILTERS = ["action", "actor", "person", "target", "from", "to", "page"];

/** A text download (a CSV, a template) that reads no query parameters, tried as `as`: hostile ones are ignored. */
function readsNoParameters(as: string): RoutePlan {
  return { as, answers: "text", methods: { GET: { kind: "query", strict: false, fields: [] } } };
}

export const ROUTE_PLANS: Record<string, RoutePlan> = {
  ...recordRoutes(),
  // Clips (issue 21), as the analyst: strict queries and bodies (an unknown key is a 400 naming
  // it; "{}" says nothing to save, change or run); a run's page and CSV by id.
  "/api/v1/clips": {
    as: ANALYST,
    answers: "problem",
    methods: {
      GET: { kind: "query", strict: true, fields: ["municipalityId", "q", "sort", "dir", "page", "pageSize"] },
      POST: { kind: "body", fields: ["name", "description", "sql"] },
    },
  },
  "/api/v1/clips/[id]": {
    as: ANALYST,
    answers: "problem",
    methods: { GET: { kind: "item", fields: [] }, PATCH: { kind: "body", fields: ["name", "description", "sql"] } },
  },
  "/api/v1/clips/[id]/runs": {
    as: ANALYST,
    answers: "problem",
    methods: {
      GET: { kind: "query", strict: true, fields: ["page", "pageSize"] },
      POST: { kind: "body", fields: ["sql", "saved"] },
    },
  },
  "/api/v1/clips/runs": {
    as: ANALYST,
    answers: "problem",
    methods: {
      GET: { kind: "query", strict: true, fields: ["municipalityId", "page", "pageSize"] },
      POST: { kind: "body", fields: ["sql", "clipId"] },
    },
  },
  "/api/v1/clips/runs/[runId]": {
    as: ANALYST,
    answers: "problem",
    methods: { GET: { kind: "item", fields: ["page", "pageSize"] } },
  },
  // The CSV reads no parameters: hostile query strings are ignored; a bad id is a 404 problem.
  "/api/v1/clips/runs/[runId]/result.csv": {
    as: ANALYST,
    answers: "problem",
    methods: { GET: { kind: "query", strict: false, fields: [] } },
  },
  "/api/v1/clips/schema": {
    as: ANALYST,
    answers: "problem",
    methods: { GET: { kind: "query", strict: false, fields: ["municipalityId"] } },
  },
  "/api/v1/statistics/[municipalityId]": {
    as: "analyst@riverton.test",
    answers: "problem",
    methods: { GET: { kind: "item", fields: ["from", "to"] } },
  },
  "/api/public/v1/statistics/[municipalityId]": {
    as: "anonymous",
    answers: "problem",
    methods: { GET: { kind: "item", fields: ["from", "to"] } },
  },
  "/api/session": {
    as: "viewer@riverton.test",
    answers: "problem",
    methods: { GET: { kind: "query", strict: false, fields: [] } },
  },
  "/api/v1/me": {
    as: "viewer@riverton.test",
    answers: "problem",
    methods: { GET: { kind: "query", strict: false, fields: [] } },
  },
  // Static files of the app (icons, robots.txt): any query is ignored.
  ...Object.fromEntries(
    ["/favicon.ico", "/icon.svg", "/robots.txt"].map((r) => [
      r,
      { as: "anonymous", answers: "text", methods: { GET: { kind: "query", strict: false, fields: [] } } } as const,
    ]),
  ),
  // Health, readiness and metrics read no parameters: hostile query strings are ignored (/metrics
  // refuses anonymous with a plain-text reason, 401, before it reads anything).
  ...Object.fromEntries(
    ["/healthz", "/readyz", "/metrics"].map((r) => [
      r,
      { as: "anonymous", answers: "text", methods: { GET: { kind: "query", strict: false, fields: [] } } } as const,
    ]),
  ),
  "/api/v1/openapi.json": {
    as: "anonymous",
    answers: "problem",
    methods: { GET: { kind: "query", strict: false, fields: [] } },
  },
  "/api/auth/[...nextauth]": {
    as: "anonymous",
    answers: "auth",
    methods: { GET: { kind: "auth" }, POST: { kind: "auth" } },
  },
  // SAML: the sign-in start and SP metadata read only their query; the ACS takes any bytes from
  // anywhere (the IdP's page posts it cross-site) and answers each with a redirect to a sign-in
  // page that says why, never a session cookie (lib/auth/saml.ts).
  "/api/saml/[slug]/login": {
    as: "anonymous",
    answers: "auth",
    methods: { GET: { kind: "query", strict: false, fields: ["next"] } },
  },
  "/api/saml/[slug]/metadata": {
    as: "anonymous",
    answers: "text",
    methods: { GET: { kind: "query", strict: false, fields: ["download"] } },
  },
  "/api/saml/[slug]/acs": {
    as: "anonymous",
    answers: "auth",
    methods: {
      GET: { kind: "query", strict: false, fields: [] },
      POST: { kind: "body", fields: ["SAMLResponse", "RelayState"] },
    },
  },
  // Photo bytes (issue 18): a hostile photo id is the same 404 as an unknown one; queries are ignored.
  "/w/[slug]/requests/[id]/photos/[photoId]": {
    as: "manager@riverton.test",
    answers: "text",
    methods: { GET: { kind: "item", fields: [] } },
  },
  "/w/[slug]/requests/[id]/photos/[photoId]/thumb": {
    as: "manager@riverton.test",
    answers: "text",
    methods: { GET: { kind: "query", strict: false, fields: [] } },
  },
  "/m/[slug]/photos/[photoId]": { as: "anonymous", answers: "text", methods: { GET: { kind: "item", fields: [] } } },
  "/m/[slug]/photos/[photoId]/thumb": {
    as: "anonymous",
    answers: "text",
    methods: { GET: { kind: "query", strict: false, fields: [] } },
  },
  "/w/[slug]/requests/export": {
    as: "operator@riverton.test",
    answers: "text",
    methods: { GET: { kind: "query", strict: false, fields: LIST["service-requests"] } },
  },
  "/w/[slug]/heritage/export": {
    as: ADMIN,
    answers: "text",
    methods: { GET: { kind: "query", strict: false, fields: LIST["heritage-sites"] } },
  },
  "/w/[slug]/documents/export": {
    as: "editor@riverton.test",
    answers: "text",
    methods: { GET: { kind: "query", strict: false, fields: LIST.documents } },
  },
  // Try sign-in's return from the provider: without the sealed state of a try in progress it
  // sends the browser back to the console and changes nothing.
  "/admin/[slug]/sso/callback": {
    as: ADMIN,
    answers: "text",
    methods: { GET: { kind: "query", strict: false, fields: ["code", "state", "iss", "error", "error_description"] } },
  },
  // SCIM: filters and paging on the list, User and Group bodies on POST; PUT, PATCH and DELETE on
  // the list are refused (405) — their parsers are fuzzed in lib/scim/scim.test.ts.
  "/scim/v2/[slug]/[[...path]]": {
    as: "anonymous",
    answers: "scim",
    bearer: true,
    methods: {
      GET: {
        kind: "query",
        strict: false,
        fields: ["filter", "startIndex", "count", "attributes", "excludedAttributes"],
      },
      POST: { kind: "body", fields: SCIM_BODY },
      PUT: { kind: "body", fields: SCIM_BODY },
      PATCH: { kind: "body", fields: SCIM_BODY },
      DELETE: { kind: "body", fields: [] },
    },
  },
  // A service sign-in's "Back to the service" (app/services/sign-in/[uid]/deny): without the
  // browser's interaction cookie it finishes nothing and sends the browser to the page (which says
  // the sign-in expired); queries are ignored.
  "/services/sign-in/[uid]/deny": {
    as: "anonymous",
    answers: "text",
    methods: { GET: { kind: "query", strict: false, fields: [] } },
  },
  // AuthZEN: decisions and searches read a JSON object; GET is refused (405) once the service is known.
  "/access/v1/evaluation": authzenPlan(AUTHZEN_ENTITIES),
  "/access/v1/evaluations": authzenPlan([...AUTHZEN_ENTITIES, "evaluations", "options"], true),
  "/access/v1/search/subject": authzenPlan([...AUTHZEN_ENTITIES, "page"]),
  "/access/v1/search/resource": authzenPlan([...AUTHZEN_ENTITIES, "page"]),
  "/access/v1/search/action": authzenPlan([...AUTHZEN_ENTITIES, "page"]),
  // The PDP's metadata: public, any query ignored.
  "/.well-known/authzen-configuration": {
    as: "anonymous",
    answers: "text",
    methods: { GET: { kind: "query", strict: false, fields: [] } },
  },
  // The bulk invitation template reads no parameters: hostile query strings are ignored.
  // A review's signed report as CSV reads no parameters: hostile query strings are ignored.
  "/admin/[slug]/reviews/[id]/report.csv": readsNoParameters(ADMIN),
  // A clip run's CSV reads no parameters: hostile query strings are ignored.
  "/w/[slug]/clips/runs/[runId]/result.csv": readsNoParameters("analyst@riverton.test"),
  "/admin/[slug]/invitations/template": readsNoParameters(ADMIN),
  // The audit exports: every filter is chosen from a list and checked on the server (a value not
  // on offer is a 400 that names the filter).
  "/admin/[slug]/audit/export": {
    as: ADMIN,
    answers: "text",
    methods: { GET: { kind: "query", strict: false, fields: AUDIT_FILTERS } },
  },
  "/platform/audit/export": {
    as: "platform.admin@gatehouse.test",
    answers: "text",
    methods: { GET: { kind: "query", strict: false, fields: [...AUDIT_FILTERS, "municipality"] } },
  },
};

export type RouteTarget = { route: string; method: string; path: string; plan: RoutePlan; method_: MethodPlan };

/** Route handlers of the build (pages excluded), as URL patterns. */
export function builtHandlers(): string[] {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, ".next/app-path-routes-manifest.json"), "utf8")) as Record<
    string,
    string
  >;
  return [
    ...new Set(
      Object.entries(manifest)
        .filter(([k]) => k.endsWith("/route"))
        .map(([, v]) => v),
    ),
  ].sort();
}

/** A route pattern as a URL with real ids (the [id] of the record type the route serves). */
export function concretePath(route: string, ids: Ids): string {
  const id = route.includes("/clips/")
    ? ids.clip
    : route.includes("/reviews/")
      ? ids.review
      : route.includes("heritage-sites")
        ? ids.heritage
        : route.includes("documents")
          ? ids.document
          : ids.request;
  return route
    .replace("[slug]", ids.slug)
    .replace("[municipalityId]", ids.municipality)
    .replace("[...nextauth]", "session")
    .replace("[[...path]]", "Users")
    .replace("[uid]", "not-a-real-interaction")
    .replace("[clipId]", ids.clip)
    .replace("[runId]", ids.clipRun)
    .replace("[id]", id);
}

/**
 * Every (route handler, method) of the build with its plan. The methods are the handler's
 * exports, read from the built server's automatic OPTIONS answer (Allow). Throws on a route, or a
 * method, that has no plan.
 */
export async function routeTargets(
  ctx: APIRequestContext,
  ids: Ids,
  plans: Record<string, RoutePlan> = ROUTE_PLANS,
): Promise<RouteTarget[]> {
  const problems: string[] = [];
  const out: RouteTarget[] = [];
  for (const route of builtHandlers()) {
    const p = concretePath(route, ids);
    const res = await ctx.fetch(p, { method: "OPTIONS", failOnStatusCode: false, maxRedirects: 0 });
    const allow = (res.headers()["allow"] ?? "")
      .split(",")
      .map((m) => m.trim().toUpperCase())
      .filter((m) => m && m !== "OPTIONS" && m !== "HEAD");
    if (allow.length === 0) {
      problems.push(`${route}: OPTIONS named no methods (HTTP ${res.status()}), so its exports cannot be known`);
      continue;
    }
    const plan = plans[route];
    if (!plan) {
      problems.push(`${route} (${allow.join(", ")}) has no plan in e2e/security/support/targets.ts`);
      continue;
    }
    for (const m of allow) {
      const mp = plan.methods[m];
      if (!mp) problems.push(`${m} ${route} has no plan in e2e/security/support/targets.ts`);
      else out.push({ route, method: m, path: p, plan, method_: mp });
    }
  }
  if (problems.length) throw new Error(`Targets the suite does not know how to exercise:\n${problems.join("\n")}`);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Paths with one segment replaced (malformed percent-escapes)

const RECORD_OF_SEGMENT: Record<string, keyof Ids> = {
  requests: "request",
  "service-requests": "request",
  heritage: "heritage",
  "heritage-sites": "heritage",
  documents: "document",
};

/**
 * A route pattern ("/w/[slug]/requests/[id]") as concrete segments with real ids, and the indexes
 * of its dynamic segments. A dynamic segment this function does not know fails the suite: a new
 * route with a new kind of parameter must say what a real value is.
 */
export function routeSegments(route: string, ids: Ids): { segments: string[]; dynamic: number[] } {
  const parts = route.split("/").filter((s) => s !== "");
  const dynamic: number[] = [];
  const segments = parts.map((seg, i) => {
    if (!seg.startsWith("[")) return seg;
    dynamic.push(i);
    if (seg === "[slug]") return ids.slug;
    if (seg === "[municipalityId]") return ids.municipality;
    if (seg === "[membershipId]") return ids.membership;
    if (seg === "[userId]") return ids.user;
    if (seg === "[token]") return "not-a-real-token";
    if (seg === "[photoId]") return ids.photo;
    if (seg === "[uid]") return "not-a-real-interaction";
    if (seg === "[reference]") return ids.reference;
    if (seg === "[clipId]" || (seg === "[id]" && parts[i - 1] === "clips")) return ids.clip;
    if (seg === "[runId]") return ids.clipRun;
    if (seg === "[...nextauth]") return "session";
    if (seg === "[[...path]]") return "Users";
    if (seg === "[id]" && RECORD_OF_SEGMENT[parts[i - 1] ?? ""]) return ids[RECORD_OF_SEGMENT[parts[i - 1]!]!];
    if (seg === "[id]" && parts[i - 1] === "departments") return ids.department;
    if (seg === "[id]" && parts[i - 1] === "audit") return ids.auditEvent;
    if (seg === "[id]" && parts[i - 1] === "services") return ids.service;
    if (seg === "[id]" && parts[i - 1] === "reviews") return ids.review;
    throw new Error(`${route}: no real value known for ${seg} (e2e/security/support/targets.ts, routeSegments)`);
  });
  return { segments, dynamic };
}

/** The route with segment `index` replaced by `raw` (written as is: escapes stay escapes). */
export function withSegment(route: string, ids: Ids, index: number, raw: string): string {
  const { segments } = routeSegments(route, ids);
  const out = [...segments];
  if (index >= out.length) out.push(raw);
  else out[index] = raw;
  return `/${out.join("/")}`;
}
