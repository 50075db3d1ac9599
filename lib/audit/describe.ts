// Every audit event as a sentence a person reads ("Ada Admin approved Olga Operator's membership",
// "Olga Operator changed the status of RIV-00045 'Pothole on Main St' from Submitted to In
// progress"): one renderer per action the code records, and each action's plain label for the
// log's action filter. Pure: the caller (lib/people/audit-log.ts) resolves who and what the event
// names into references — a name with a link when the viewer may open it, a neutral word when not —
// so nothing here reads the database or decides reach, and no id ever reaches the sentence.
// lib/audit/describe.test.ts renders every action here and checks the code records no other.

/** Someone or something an event names: its label, and where to open it when the viewer may. */
export type Ref = { label: string; href?: string };
/** A sentence: plain text and references (links when they carry an href). */
export type Part = string | { ref: Ref };
export type Sentence = Part[];

export type DescribeInput = {
  action: string;
  actorType: string;
  /** The acting person or API token, resolved; null when none (the system, a visitor) or hidden. */
  actor: Ref | null;
  /** The person the event is about, resolved; null when none or hidden. */
  subject: Ref | null;
  /** What the event is about (a record, a department, a connection…), resolved; null when none or hidden. */
  target: Ref | null;
  /** The actor and the subject are the same person (their own account). */
  self: boolean;
  data: Record<string, unknown>;
};

/** Labels the renderers need from the policies and the record types (passed in, so this stays pure). */
export type Labels = {
  group: (name: string) => string;
  field: (model: string, field: string) => string;
  /** An enum value or a short value as words; undefined for a value not worth printing in a sentence. */
  value: (model: string, field: string, v: unknown) => string | undefined;
  /** A person or other row named in the event's data (an assignee), resolved like the actor. */
  ref: (kind: "person" | "department", id: string) => Ref | undefined;
};

type Ctx = {
  /** The actor, or a neutral word for whoever did it. */
  a: Part;
  /** The subject person, or "someone". */
  s: Part;
  /** The subject's possessive ("Olga Operator's", "their" for one's own account). */
  sp: Part[];
  /** The target, or the neutral noun `fallback`. */
  t: (fallback: string) => Part;
  d: Record<string, unknown>;
  L: Labels;
  self: boolean;
  actorType: string;
};

type Say = (c: Ctx) => Part[];
type ActionDef = { label: string; say: Say };

// --- small helpers ---------------------------------------------------------------------------

/** “Name” for a short text value. */
const quoted = (v: unknown): string | undefined => (typeof v === "string" && v.trim() ? `“${v}”` : undefined);
const str = (v: unknown): string | undefined => (typeof v === "string" && v.trim() ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);
const arr = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);

/** "a", "a and b", "a, b and c". */
export function andList(items: string[]): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}
const groups = (c: Ctx, v: unknown) => andList(arr(v).map(c.L.group));
/** "added Operator and removed Viewer" from the event's added/removed groups; "" when neither. */
function groupChanges(c: Ctx): string {
  const added = arr(c.d.added);
  const removed = arr(c.d.removed);
  return andList([
    ...(added.length ? [`added ${groups(c, added)}`] : []),
    ...(removed.length ? [`removed ${groups(c, removed)}`] : []),
  ]);
}
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** An access review's name from the event: ` in the access review “Q4”` (or `prefix` + the name). */
const reviewName = (c: { d: Record<string, unknown> }, prefix = " in the access review ") =>
  quoted(c.d.name) ? `${prefix}${quoted(c.d.name)}` : "";
const DECISION_WORDS: Record<string, string> = {
  CONFIRM: ": confirmed",
  CHANGE: ": removed some groups",
  REVOKE: ": revoked the reviewed groups",
};
/** ` (reason: …)` when the event names a reason. */
const because = (v: unknown, word = "reason") => (str(v) ? [`, ${word}: “${str(v)}”`] : []);
const providerName = (p: string) =>
  ({ google: "Google", "azure-ad": "Microsoft", microsoft: "Microsoft", credentials: "a password" })[p] ?? p;

function signInMethod(v: unknown): string {
  const m = str(v);
  if (!m) return "";
  if (m.startsWith("sso:")) return " through the municipality's single sign-on";
  if (m.startsWith("saml:")) return " through the municipality's SAML sign-on";
  if (m === "credentials" || m === "password") return " with a password";
  if (m === "passkey") return " with a passkey";
  return ` with ${providerName(m)}`;
}

/** "giving Pat the Platform admin group" / "taking the Superuser group from Pat". */
function grantChange(c: Ctx): Part[] {
  const group = str(c.d.group) ? `the ${c.L.group(String(c.d.group))} group` : "a platform group";
  return c.d.change === "REVOKE" ? [`taking ${group} from `, c.s] : ["giving ", c.s, ` ${group}`];
}

/** A saved clip's fields as a clip.update sentence names them. */
const CLIP_FIELD_WORDS: Record<string, string> = { name: "its name", description: "its description", sql: "its SQL" };

const RECORD_NOUNS: Record<string, string> = {
  ServiceRequest: "a service request",
  HeritageSite: "a heritage site",
  Document: "a document",
};

type Change = { name: string; from?: Part; to?: Part; removed?: boolean };

/** One changed field: its label and, where they read as words, its values (a person for an assignee). */
function fieldChange(c: Ctx, model: string, field: string, change: unknown): Change {
  const name = c.L.field(model, field).toLowerCase();
  const ch = (change ?? {}) as { from?: unknown; to?: unknown };
  if (field.endsWith("Id")) {
    if (ch.to === null || ch.to === undefined) return { name, removed: true };
    const to =
      typeof ch.to === "string" ? c.L.ref(field === "departmentId" ? "department" : "person", ch.to) : undefined;
    return to ? { name, to: { ref: to } } : { name };
  }
  const from = c.L.value(model, field, ch.from);
  const to = c.L.value(model, field, ch.to);
  return { name, ...(to !== undefined ? { to } : {}), ...(from !== undefined && to !== undefined ? { from } : {}) };
}

const values = (ch: Change): Part[] => [
  ...(ch.from !== undefined ? [" from ", ch.from] : []),
  ...(ch.to !== undefined ? [" to ", ch.to] : []),
];

function recordUpdate(model: string): Say {
  return (c) => {
    const changed = Object.entries((c.d.changed ?? {}) as Record<string, unknown>);
    const target = c.t(RECORD_NOUNS[model] ?? "a record");
    if (changed.length === 0) return [c.a, " saved ", target, " without changes"];
    if (changed.length === 1) {
      const [field, change] = changed[0]!;
      if (field === "archivedAt") return [c.a, (change as { to?: unknown })?.to ? " archived " : " restored ", target];
      const ch = fieldChange(c, model, field, change);
      if (ch.removed) return [c.a, ` removed the ${ch.name} of `, target];
      return [c.a, ` changed the ${ch.name} of `, target, ...values(ch)];
    }
    const parts: Part[] = [c.a, " changed ", target, ": "];
    changed.forEach(([field, change], i) => {
      if (i > 0) parts.push(i === changed.length - 1 ? " and " : ", ");
      const ch = fieldChange(c, model, field, change);
      parts.push(ch.removed ? `removed the ${ch.name}` : `the ${ch.name}`, ...(ch.removed ? [] : values(ch)));
    });
    return parts;
  };
}

const recordCreate =
  (model: string): Say =>
  (c) => [c.a, c.actorType === "anonymous" ? " submitted " : " created ", c.t(RECORD_NOUNS[model] ?? "a record")];

const membership =
  (verb: string, extra: (c: Ctx) => Part[] = () => []): Say =>
  (c) => [c.a, ` ${verb} `, ...c.sp, " membership", ...extra(c)];

/**
 * An action whose sentence is a template: {a} the actor, {s} the person it is about, {sp} their
 * possessive ("Olga Operator's", "their"), {t:fallback} the target (or the neutral fallback),
 * {reason} ", reason: “…”" when the event gives one, {group} " “name”" of a directory group,
 * {grant} a platform group given or taken ("giving Pat the Platform admin group").
 */
function tpl(label: string, template: string): ActionDef {
  return {
    label,
    say: (c) =>
      template.split(/(\{[^}]*\})/).flatMap((piece): Part[] => {
        if (piece === "{a}") return [c.a];
        if (piece === "{s}") return [c.s];
        if (piece === "{sp}") return c.sp;
        if (piece === "{reason}") return because(c.d.reason);
        if (piece === "{group}") return quoted(c.d.displayName) ? [` ${quoted(c.d.displayName)}`] : [];
        if (piece === "{grant}") return grantChange(c);
        if (piece.startsWith("{t:")) return [c.t(piece.slice(3, -1))];
        return piece ? [piece] : [];
      }),
  };
}

/**
 * The four events of a municipality's named list (departments, request tags): created, renamed,
 * archived, restored; `field` holds the name in the event's data (renamed: { from, to }).
 */
function namedListEvents<K extends string>(
  key: K,
  noun: string,
  field = "name",
): Record<`${K}.${"create" | "rename" | "archive" | "restore"}`, ActionDef> {
  const one = noun.toLowerCase();
  const named = (verb: string, label: string): ActionDef => ({
    label: `${noun} ${label}`,
    say: (c) => [c.a, ` ${verb} the ${one} `, c.t(quoted(c.d[field]) ?? `(a ${one})`)],
  });
  return {
    [`${key}.create`]: named("created", "created"),
    [`${key}.rename`]: {
      label: `${noun} renamed`,
      say: (c: Ctx) => {
        const n = (c.d[field] ?? {}) as { from?: unknown; to?: unknown };
        return [
          c.a,
          ` renamed the ${one}${quoted(n.from) ? ` ${quoted(n.from)}` : ""} to `,
          c.t(quoted(n.to) ?? "a new name"),
        ];
      },
    },
    [`${key}.archive`]: named("archived", "archived"),
    [`${key}.restore`]: named("restored", "restored"),
  } as Record<`${K}.${"create" | "rename" | "archive" | "restore"}`, ActionDef>;
}

// --- the catalog ---------------------------------------------------------------------------------

/** Every action the code records, its plain label (the action filter) and its sentence. */
export const AUDIT_ACTIONS = {
  // Records (lib/data/scoped-records.ts)
  "ServiceRequest.create": { label: "Service request created", say: recordCreate("ServiceRequest") },
  "ServiceRequest.update": { label: "Service request changed", say: recordUpdate("ServiceRequest") },
  // A note or public comment on a request's timeline (lib/data/request-timeline.ts); never its text.
  "ServiceRequest.entry": tpl("Timeline entry added", "{a} added a note or comment to {t:a service request}"),
  "HeritageSite.create": { label: "Heritage site created", say: recordCreate("HeritageSite") },
  "HeritageSite.update": { label: "Heritage site changed", say: recordUpdate("HeritageSite") },
  "Document.create": { label: "Document created", say: recordCreate("Document") },
  "Document.update": { label: "Document changed", say: recordUpdate("Document") },
  // Following a report by email (lib/data/request-followers.ts): never the link, never the address.
  "ServiceRequest.follow": tpl("Report followed by email", "{a} asked for emails about {t:a service request}"),
  "ServiceRequest.unfollow": tpl("Report emails stopped", "{a} stopped the emails about {t:a service request}"),

  // Memberships (lib/flows)
  "membership.approve": { label: "Membership approved", say: membership("approved") },
  "membership.reject": { label: "Membership rejected", say: membership("rejected", (c) => because(c.d.reason)) },
  "membership.reopen": { label: "Membership reopened", say: membership("reopened") },
  "membership.suspend": {
    label: "Membership suspended",
    say: (c) =>
      c.d.reason === "inactive"
        ? [c.a, " suspended ", ...c.sp, ` membership after ${plural(num(c.d.days) ?? 0, "day")} without signing in`]
        : membership("suspended", (c2) => because(c2.d.reason))(c),
  },
  "membership.reactivate": { label: "Membership reactivated", say: membership("reactivated") },
  "membership.access_change": {
    label: "Groups or access changed",
    say: (c) => {
      const changes = groupChanges(c);
      return changes
        ? [c.a, " changed ", ...c.sp, ` groups: ${changes}`]
        : [c.a, " changed ", ...c.sp, " access (department or categories)"];
    },
  },
  "membership.sso_sync": {
    label: "Groups updated by single sign-on",
    say: (c) => {
      const changes = groupChanges(c);
      return [
        "Single sign-on ",
        c.d.created ? "created " : "updated ",
        ...c.sp,
        " membership",
        changes ? `: ${changes}` : "",
      ];
    },
  },
  "membership.directory_sync": tpl(
    "Groups updated by the directory",
    "The directory sync (SCIM) updated {sp} membership",
  ),
  "membership.inactivity_kept_last_admin": {
    label: "Inactive last admin kept",
    say: (c) => [
      "The inactivity check kept ",
      ...c.sp,
      ` membership active although inactive for ${plural(num(c.d.days) ?? 0, "day")}: the last administrator`,
    ],
  },
  "access.self_grant_refused": tpl(
    "Own access change refused",
    "{a} tried to change their own access, which was refused",
  ),

  // Invitations and registration
  "invitation.create": {
    label: "Invitation sent",
    say: (c) => [
      c.a,
      ` invited ${str(c.d.email) ?? "someone"}`,
      ...(arr(c.d.groups).length ? [` as ${groups(c, c.d.groups)}`] : []),
    ],
  },
  "invitation.bulk": {
    label: "Invitations sent from a file",
    say: (c) => [
      c.a,
      ` sent ${plural(num(c.d.invited) ?? 0, "invitation")} from a file`,
      num(c.d.refused) ? ` (${plural(num(c.d.refused) ?? 0, "row")} refused)` : "",
    ],
  },
  "invitation.resend": {
    label: "Invitation resent",
    say: (c) => [c.a, ` resent the invitation to ${str(c.d.email) ?? "someone"}`],
  },
  "invitation.revoke": {
    label: "Invitation revoked",
    say: (c) => [c.a, ` revoked the invitation${str(c.d.email) ? ` to ${str(c.d.email)}` : ""}`],
  },
  "invitation.accept": {
    label: "Invitation accepted",
    say: (c) => [
      c.s,
      " accepted the invitation",
      ...(arr(c.d.groups).length ? [` as ${groups(c, c.d.groups)}`] : []),
      c.d.status === "PENDING_APPROVAL" ? " and now waits for approval" : "",
    ],
  },
  "invitation.provider_handoff": tpl(
    "Invitation continued with a sign-in provider",
    "{s} opened the invitation and continued with a sign-in provider",
  ),
  "invitation.mail_withheld": tpl("Invitation mail withheld", "{a} invited a deactivated account; no mail was sent"),
  "registration.request": {
    label: "Registration requested",
    say: (c) => [`${str(c.d.email) ?? "Someone"} asked to join`],
  },

  // Citizen accounts (lib/flows/citizen-signup.ts, lib/data/citizen-reports.ts)
  "citizen.signup.requested": {
    label: "Citizen sign-up requested",
    say: () => ["Someone asked for a citizen account; a confirmation link was mailed"],
  },
  "citizen.signup.existing_account": tpl(
    "Citizen sign-up for an existing account",
    "Someone asked for a citizen account with the address of {s}; no account was made, the person was mailed the way to sign in",
  ),
  "citizen.signup.completed": tpl("Citizen account created", "{s} confirmed their address and made a citizen account"),
  "citizen.follow": {
    label: "Request followed",
    say: (c) => [c.a, " followed ", c.t("a service request")],
  },
  "citizen.unfollow": {
    label: "Request unfollowed",
    say: (c) => [c.a, " stopped following ", c.t("a service request")],
  },

  // Accounts (lib/flows/deactivation.ts, erasure.ts, factor-reset.ts, sign-in-lock.ts)
  "user.deactivate": tpl("Account deactivated", "{a} deactivated {sp} account{reason}"),
  "user.reactivate": tpl("Account reactivated", "{a} reactivated {sp} account"),
  "user.erase": tpl("Personal data erased", "{a} erased the personal data of {s}{reason}"),
  "auth.factors.reset": tpl("Second factors reset", "{a} reset {sp} second factors{reason}"),
  "auth.unlock": tpl("Sign-in unlocked", "{a} unlocked {sp} sign-in"),

  // One's own account (lib/flows/account-settings.ts, email-change.ts, passkeys.ts, second-factor.ts)
  "account.profile.updated": tpl("Profile changed", "{a} changed {sp} profile"),
  "account.password.changed": tpl("Password changed", "{a} changed {sp} password"),
  "account.password.change_refused": tpl(
    "Password change refused",
    "{a} tried to change {sp} password: the current password was wrong",
  ),
  "account.email.change_requested": {
    label: "Email change requested",
    say: (c) => [
      c.a,
      ` asked to change ${c.self ? "their" : "the"} email address to ${str(c.d.newEmail) ?? "a new one"}`,
    ],
  },
  "account.email.changed": {
    label: "Email address changed",
    say: (c) => [
      c.a,
      ` changed ${c.self ? "their" : "the"} email address`,
      ...(str(c.d.from) && str(c.d.to) ? [` from ${c.d.from} to ${c.d.to}`] : []),
    ],
  },
  "auth.passkey.registered": {
    label: "Passkey added",
    say: (c) => [c.a, " added a passkey", ...(str(c.d.name) ? [` (“${c.d.name}”)`] : [])],
  },
  "auth.passkey.renamed": {
    label: "Passkey renamed",
    say: (c) => [c.a, ` renamed a passkey${str(c.d.to) ? ` to “${c.d.to}”` : ""}`],
  },
  "auth.passkey.removed": {
    label: "Passkey removed",
    say: (c) => [c.a, " removed a passkey", ...(str(c.d.name) ? [` (“${c.d.name}”)`] : [])],
  },
  "auth.passkey.used": tpl("Passkey used", "{s} used a passkey"),
  "auth.passkey.refused": tpl("Passkey refused", "A passkey of {s} was refused"),
  "auth.passkey.counter_anomaly": tpl(
    "Passkey may be cloned",
    "A passkey of {s} reported a signature counter that went backwards (it may have been copied)",
  ),
  "auth.mfa.totp_added": tpl("Authenticator app added", "{a} added an authenticator app"),
  "auth.mfa.totp_removed": tpl("Authenticator app removed", "{a} removed the authenticator app"),
  "auth.mfa.recovery_renewed": tpl("Recovery codes renewed", "{a} made new recovery codes"),
  "auth.mfa.recovery_used": tpl("Recovery code used", "{s} signed in with a recovery code"),
  "auth.mfa.passed": tpl("Second factor passed", "{s} confirmed the sign-in with a second factor"),
  "auth.mfa.enrolled_at_sign_in": tpl("Second factor set up at sign-in", "{s} set up a second factor while signing in"),
  "auth.mfa.code_refused": tpl("Second-factor code refused", "A second-factor code of {s} was refused"),
  "auth.step_up": tpl("Identity confirmed", "{s} confirmed it was them before a sensitive change"),
  "auth.step_up.failed": tpl("Identity confirmation failed", "{s} failed to confirm it was them"),
  "auth.step_up.locked": tpl("Identity confirmation locked", "{s} could not confirm it was them: too many attempts"),

  // Signing in and out (lib/auth)
  "auth.login": { label: "Signed in", say: (c) => [c.s, ` signed in${signInMethod(c.d.method)}`] },
  "auth.logout": tpl("Signed out", "{s} signed out"),
  "auth.login.failed": {
    label: "Sign-in failed",
    say: (c) => ["A sign-in as ", c.s, " failed", ...(str(c.d.why) ? [`: ${c.d.why}`] : [])],
  },
  "auth.login.refused": {
    label: "Sign-in refused",
    say: (c) => ["A sign-in as ", c.s, " was refused", ...(str(c.d.why) ? [`: ${c.d.why}`] : [])],
  },
  "auth.login.locked": tpl("Sign-in while locked", "A sign-in as {s} was refused: the account is locked"),
  "auth.login.rate_limited": tpl("Too many sign-ins", "Sign-ins were slowed down: too many attempts from one place"),
  "auth.login.many_failures": {
    label: "Many failed sign-ins",
    say: (c) => [
      "Many sign-ins as ",
      c.s,
      ` failed${num(c.d.failures) ? ` (${c.d.failures}${num(c.d.hours) ? ` in ${plural(Number(c.d.hours), "hour")}` : ""})` : ""}`,
    ],
  },
  "auth.lockout": {
    label: "Sign-in locked",
    say: (c) => [
      "Sign-in as ",
      c.s,
      num(c.d.minutes)
        ? ` was locked for ${plural(Number(c.d.minutes), "minute")}`
        : " was locked until an administrator unlocks it",
    ],
  },
  "auth.session.idle_timeout": {
    label: "Session ended (idle)",
    say: (c) => [...c.sp, ` session ended after ${plural(num(c.d.idleMinutes) ?? 0, "minute")} without activity`],
  },
  // View as (lib/auth/view-as.ts): the administrator is the actor, the viewed person the subject.
  "governance.view_as.started": tpl("View as started", "{a} started a read-only view of the workspace as {s}"),
  "governance.view_as.ended": {
    label: "View as ended",
    say: (c) => [
      "The read-only view as ",
      c.s,
      ` by `,
      c.a,
      ` ended after ${plural(Math.max(1, Math.round((num(c.d.seconds) ?? 0) / 60)), "minute")}`,
    ],
  },
  "auth.sessions.revoked": {
    label: "Sessions ended",
    say: (c) => [c.a, ` ended ${plural(num(c.d.count) ?? 0, "session")} of `, c.self ? "their own" : c.s],
  },
  "auth.password_reset.requested": tpl("Password reset requested", "A password reset link was sent to {s}"),
  "auth.password_reset.not_sent": {
    label: "Password reset not sent",
    say: (c) => ["A password reset for ", c.s, " was not sent", ...(str(c.d.why) ? [`: ${c.d.why}`] : [])],
  },
  "auth.password_reset.completed": tpl("Password reset", "{s} set a new password with a reset link"),
  "auth.oauth.linked": {
    label: "Sign-in provider linked",
    say: (c) => [c.s, ` linked a ${providerName(str(c.d.provider) ?? "sign-in provider")} account`],
  },
  "auth.oauth.refused": {
    label: "Provider sign-in refused",
    say: (c) => [
      `A sign-in with ${providerName(str(c.d.provider) ?? "a provider")}`,
      ...(str(c.d.email) ? [` as ${c.d.email}`] : []),
      " was refused",
    ],
  },
  "auth.identity.linked": {
    label: "Sign-in identity linked",
    say: (c) => [c.a, ` linked a ${providerName(str(c.d.provider) ?? "sign-in")} identity to `, ...c.sp, " account"],
  },
  "auth.identity.unlinked": {
    label: "Sign-in identity removed",
    say: (c) => [c.a, ` removed a ${providerName(str(c.d.provider) ?? "sign-in")} identity from `, ...c.sp, " account"],
  },
  "auth.identity.link_refused": {
    label: "Sign-in identity refused",
    say: (c) => [
      `Linking a ${providerName(str(c.d.provider) ?? "sign-in")} identity`,
      ...(str(c.d.email) ? [` for ${c.d.email}`] : []),
      " was refused",
    ],
  },
  "auth.sso.linked": {
    label: "Single sign-on linked",
    say: (c) => [c.s, c.d.newUser ? " joined through single sign-on" : " linked their account to single sign-on"],
  },
  "auth.sso.refused": {
    label: "Single sign-on refused",
    say: (c) => [`A single sign-on${str(c.d.email) ? ` as ${c.d.email}` : ""} was refused`, ...because(c.d.reason)],
  },
  "auth.saml.refused": tpl("SAML sign-on refused", "A SAML sign-on was refused{reason}"),

  // API tokens (lib/auth/api-token.ts)
  "token.create": {
    label: "API token created",
    say: (c) => [
      c.a,
      ` created the API token${str(c.d.name) ? ` “${c.d.name}”` : ""} for `,
      c.self ? "themselves" : c.s,
    ],
  },
  "token.revoke": tpl("API token revoked", "{a} revoked {t:an API token}"),
  "token.use": tpl("API token used", "{t:An API token} was used"),
  "token.rejected": {
    label: "API token refused",
    say: (c) => [c.t("An API token"), " was refused", ...(str(c.d.why) ? [`: ${c.d.why}`] : [])],
  },

  // The municipality and its setup
  "municipality.create": tpl("Municipality created", "{a} created {t:a municipality}"),
  "municipality.archive": tpl("Municipality archived", "{a} archived {t:a municipality}"),
  "municipality.restore": tpl("Municipality restored", "{a} restored {t:a municipality}"),
  "municipality.settings.update": {
    label: "Settings changed",
    say: (c) => {
      const fields = Object.keys((c.d.changed ?? {}) as object);
      return [
        c.a,
        " changed the settings",
        ...(fields.length ? [`: ${andList(fields.map((f) => c.L.field("Municipality", f).toLowerCase()))}`] : []),
      ];
    },
  },
  ...namedListEvents("department", "Department"),
  // A municipality's request tags (lib/data/request-tags.ts)
  ...namedListEvents("tag", "Tag", "label"),

  // A connected service's outbox (lib/data/service-deliveries.ts)
  "service.delivery.resent": tpl("Service notice sent again", "{a} sent a notice to a connected service again"),

  // Identity providers (lib/data/sso-connections.ts, saml-connections.ts, scim-connections.ts)
  "sso.connection.created": tpl("Single sign-on set up", "{a} set up single sign-on"),
  "sso.connection.updated": tpl("Single sign-on changed", "{a} changed the single sign-on settings"),
  "sso.mappings.updated": tpl("Sign-on group mapping changed", "{a} changed which groups single sign-on grants"),
  "sso.connection.test_passed": tpl("Sign-on test passed", "{a} tested single sign-on: it works"),
  "sso.connection.test_failed": {
    label: "Sign-on test failed",
    say: (c) => [c.a, " tested single sign-on: it failed", ...because(c.d.reason ?? c.d.error)],
  },
  "sso.try.succeeded": tpl("Sign-on tried", "{a} tried signing in with single sign-on: it worked"),
  "sso.try.failed": {
    label: "Sign-on try failed",
    say: (c) => [c.a, " tried signing in with single sign-on: it failed", ...because(c.d.reason ?? c.d.error)],
  },
  "sso.saml.created": tpl("SAML sign-on set up", "{a} set up SAML sign-on"),
  "sso.saml.updated": tpl("SAML sign-on changed", "{a} changed the SAML sign-on settings"),
  "scim.connection_created": tpl("Directory sync set up", "{a} set up directory sync (SCIM)"),
  "scim.connection_enabled": tpl("Directory sync switched on", "{a} switched directory sync on"),
  "scim.connection_disabled": tpl("Directory sync switched off", "{a} switched directory sync off"),
  "scim.token_rotated": tpl("Directory token replaced", "{a} replaced the directory sync token"),

  // Directory sync (lib/flows/directory-sync.ts): the directory is the actor
  "directory.user_created": tpl("Directory added a person", "{a} added {s}"),
  "directory.user_linked": tpl("Directory linked a person", "{a} linked {s} to the directory"),
  "directory.user_updated": tpl("Directory changed a person", "{a} updated {s}"),
  "directory.user_deleted": tpl(
    "Directory removed a person",
    "{a} removed {s} (the membership is suspended, not deleted)",
  ),
  "directory.group_created": tpl("Directory group added", "{a} added the group{group}"),
  "directory.group_updated": tpl("Directory group changed", "{a} changed the group{group}"),
  "directory.group_deleted": tpl("Directory group removed", "{a} removed the group{group}"),
  "directory.refused": tpl("Directory change refused", "The directory sync (SCIM) was refused a change{reason}"),

  // Platform groups (lib/flows/platform-grants.ts)
  "platform_grant.proposed": tpl("Platform access proposed", "{a} proposed {grant}"),
  "platform_grant.approved": tpl("Platform access approved", "{a} approved {grant}"),
  "platform_grant.rejected": tpl("Platform access rejected", "{a} rejected {grant}"),
  "platform_grant.cancelled": tpl("Platform access proposal withdrawn", "{a} withdrew the proposal of {grant}"),

  // Access reviews (lib/flows/access-reviews.ts)
  "access.review.start": {
    label: "Access review started",
    say: (c) => [
      c.a,
      ` started the access review${reviewName(c, " ")}`,
      num(c.d.items) !== undefined ? ` for ${plural(num(c.d.items)!, "person", "people")}` : "",
    ],
  },
  "access.review.decide": {
    label: "Access review decision",
    say: (c) => [c.a, " decided on ", ...c.sp, ` access${reviewName(c)}`, DECISION_WORDS[String(c.d.decision)] ?? ""],
  },
  "access.review.reassign": {
    label: "Access review reviewer changed",
    say: (c) => [
      c.a,
      ` gave ${num(c.d.count) !== undefined ? plural(num(c.d.count)!, "person", "people") : "people"} to review`,
      ` to another reviewer${reviewName(c)}`,
    ],
  },
  "access.review.close": {
    label: "Access review closed",
    say: (c) => [
      c.a,
      ` closed the access review${reviewName(c, " ")}${c.d.early === true ? " before its due date" : ""}`,
      " and signed its report",
    ],
  },
  "access.review_schedule.save": tpl("Access review schedule saved", "{a} saved an access review schedule"),
  "access.review_schedule.disable": tpl(
    "Access review schedule switched off",
    "{a} switched off an access review schedule",
  ),
  "access.review_schedule.skipped": tpl(
    "Scheduled access review skipped",
    "{a} skipped a scheduled access review: nobody was in its scope",
  ),

  // Connected services' sign-in (lib/services/oidc-keys.ts)
  "oidc.signing_key_rotated": tpl("Service signing key rotated", "{a} rotated the key that signs sign-ins to services"),

  // Clips: SQL over the municipality's purged data (lib/flows/clips.ts)
  "clip.run": {
    label: "Clip run",
    say: (c) => [
      c.a,
      quoted(c.d.name) ? ` ran the clip ${quoted(c.d.name)}` : " ran a query in clips",
      c.d.status === "FAILED"
        ? ": PostgreSQL refused it"
        : num(c.d.rowCount) !== undefined
          ? `: ${plural(num(c.d.rowCount)!, "row")}${c.d.truncated === true ? " (cut at the row limit)" : ""}`
          : "",
      num(c.d.durationMs) !== undefined ? ` in ${num(c.d.durationMs)} ms` : "",
    ],
  },
  "clip.create": {
    label: "Clip saved",
    say: (c) => [c.a, " saved the clip ", c.t(quoted(c.d.name) ?? "(a clip)")],
  },
  "clip.update": {
    label: "Clip changed",
    say: (c) => [
      c.a,
      " changed the clip ",
      c.t(quoted(c.d.name) ?? "(a clip)"),
      ...(() => {
        const changed = Object.keys((c.d.changed ?? {}) as object).filter((f) => CLIP_FIELD_WORDS[f]);
        return changed.length ? [`: ${andList(changed.map((f) => CLIP_FIELD_WORDS[f]!))}`] : [];
      })(),
    ],
  },
  "clip.archive": {
    label: "Clip archived",
    say: (c) => [c.a, " archived the clip ", c.t(quoted(c.d.name) ?? "(a clip)")],
  },

  // The trail itself (lib/audit/seal.ts)
  "audit.seal": tpl("Audit trail sealed", "{a} sealed the audit trail after checking it"),
} satisfies Record<string, ActionDef>;

export type AuditAction = keyof typeof AUDIT_ACTIONS;
export const AUDIT_ACTION_NAMES = Object.keys(AUDIT_ACTIONS) as AuditAction[];

export function isAuditAction(a: string): a is AuditAction {
  return Object.hasOwn(AUDIT_ACTIONS, a);
}

/** The action's plain label ("Membership approved"); an action this build does not know, as words. */
export function actionLabel(action: string): string {
  if (isAuditAction(action)) return AUDIT_ACTIONS[action].label;
  const words = action.replace(/[._]+/g, " ").trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : "Event";
}

/** The families of the action filter ("Memberships": every membership.* action), in this order. */
export const ACTION_FAMILIES = [
  { key: "records", label: "Records", match: (a: string) => /^[A-Z]/.test(a) },
  {
    key: "membership",
    label: "Memberships and access",
    match: (a: string) => a.startsWith("membership.") || a.startsWith("access."),
  },
  {
    key: "invitation",
    label: "Invitations",
    match: (a: string) => a.startsWith("invitation.") || a.startsWith("registration."),
  },
  {
    key: "account",
    label: "Accounts",
    match: (a: string) =>
      a.startsWith("user.") ||
      a.startsWith("account.") ||
      a.startsWith("citizen.") ||
      a === "auth.factors.reset" ||
      a === "auth.unlock",
  },
  { key: "sign-in", label: "Signing in and security", match: (a: string) => a.startsWith("auth.") },
  { key: "view-as", label: "View as", match: (a: string) => a.startsWith("governance.view_as.") },
  { key: "token", label: "API tokens", match: (a: string) => a.startsWith("token.") },
  {
    key: "setup",
    label: "Municipality, departments, tags and identity providers",
    match: (a: string) => /^(municipality|department|tag|sso|scim|service)\./.test(a),
  },
  { key: "directory", label: "Directory sync", match: (a: string) => a.startsWith("directory.") },
  { key: "clips", label: "Clips", match: (a: string) => a.startsWith("clip.") },
  { key: "platform", label: "Platform", match: (a: string) => /^(platform_grant|audit|oidc)\./.test(a) },
] as const;

/** The family an action is filed under (the first that matches). */
export function familyOf(action: string): (typeof ACTION_FAMILIES)[number]["key"] | undefined {
  return ACTION_FAMILIES.find((f) => f.match(action))?.key;
}

/** The actions of one family, in catalog order. */
export function actionsOf(family: string): AuditAction[] {
  return AUDIT_ACTION_NAMES.filter((a) => familyOf(a) === family);
}

/** Who acted, when the event names no person the viewer may see. */
function neutralActor(e: DescribeInput): Part {
  switch (e.actorType) {
    case "system":
      return { ref: { label: "Gatehouse (a scheduled job)" } };
    case "anonymous":
      return { ref: { label: "Someone not signed in" } };
    case "directory":
      return { ref: { label: "The directory sync (SCIM)" } };
    case "token":
      return { ref: { label: "An API token" } };
    default:
      return { ref: { label: "someone" } };
  }
}

function capitalise(parts: Part[]): Part[] {
  const [first, ...rest] = parts;
  if (first === undefined) return parts;
  const up = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  return [typeof first === "string" ? up(first) : { ref: { ...first.ref, label: up(first.ref.label) } }, ...rest];
}

/** Joins adjacent text and drops empty pieces. */
function tidy(parts: Part[]): Sentence {
  const out: Part[] = [];
  for (const p of parts) {
    if (p === "") continue;
    const last = out.at(-1);
    if (typeof p === "string" && typeof last === "string") out[out.length - 1] = last + p;
    else out.push(p);
  }
  return out;
}

/** The event as a sentence. An action this build does not know still reads: who, what (its label), about whom. */
export function describeEvent(e: DescribeInput, L: Labels): Sentence {
  const a: Part = e.actor ? { ref: e.actor } : neutralActor(e);
  const s: Part = e.subject ? { ref: e.subject } : { ref: { label: "someone" } };
  const c: Ctx = {
    a,
    s,
    sp: e.self ? ["their"] : e.subject ? [{ ref: e.subject }, "'s"] : ["someone's"],
    t: (fallback) => (e.target ? { ref: e.target } : fallback),
    d: e.data ?? {},
    L,
    self: e.self,
    actorType: e.actorType,
  };
  const parts = isAuditAction(e.action)
    ? AUDIT_ACTIONS[e.action].say(c)
    : [a, `: ${actionLabel(e.action).toLowerCase()}`, ...(e.subject ? [" (about ", s, ")"] : [])];
  return tidy(capitalise(parts));
}

/** The sentence as plain text (the CSV export, a title). */
export function sentenceText(s: Sentence): string {
  return s.map((p) => (typeof p === "string" ? p : p.ref.label)).join("");
}
