// A connected service's settings as the console edits them (issue 19): the one list of its fields —
// label, hint, kind of input — that the form renders, and the zod schemas that the form's action
// and lib/flows/services.ts parse with, so a field's words and its rule live in one place. Plain
// text in (URIs one per line), the columns out; every refusal names its field. What needs the
// policy files (which kinds of service exist, which resource types a kind declares) is checked by
// lib/flows/services.ts, which can read them.
import { z } from "zod";
import { filterText } from "./filter-text";
import { pagingFields } from "./paging";

export const SERVICE_KIND = /^[a-z][a-z0-9-]{0,39}$/;

/** Membership states that may grant access to a service: never suspended or invited people. */
export const ACCESS_STATE_CHOICES = [
  { value: "ACTIVE", label: "Active members" },
  { value: "PENDING_APPROVAL", label: "Members waiting for approval" },
] as const;
export type AccessState = (typeof ACCESS_STATE_CHOICES)[number]["value"];

export type ServiceFieldName =
  | "name"
  | "kind"
  | "description"
  | "redirectUris"
  | "postLogoutRedirectUris"
  | "backchannelLogoutUri"
  | "webhookUrl"
  | "resourceTypes"
  | "accessStates";

export type ServiceField = {
  label: string;
  hint?: string;
  input: "text" | "textarea" | "url" | "checkboxes" | "kind";
  required?: boolean;
  /** Fixed once registered (the kind decides which rules and which policy file apply). */
  createOnly?: boolean;
};

/** The fields in the order the form shows them. */
export const SERVICE_FIELDS: Record<ServiceFieldName, ServiceField> = {
  name: { label: "Name", hint: "What staff and admins see, e.g. “Building permits”.", input: "text", required: true },
  kind: {
    label: "Kind of service",
    hint: "Lower-case letters, digits and -. Group files grant access by kind, and policies/services/<kind>.yaml declares its resource types. It cannot be changed later.",
    input: "kind",
    required: true,
    createOnly: true,
  },
  description: { label: "Description", hint: "Optional: what the service is for.", input: "textarea" },
  redirectUris: {
    label: "Redirect URIs",
    hint: "One per line: where Gatehouse may send people back after sign-in. https, or http only for localhost and 127.0.0.1; no #fragment.",
    input: "textarea",
    required: true,
  },
  postLogoutRedirectUris: {
    label: "Post-logout redirect URIs",
    hint: "Optional, one per line: where people may be sent after signing out.",
    input: "textarea",
  },
  backchannelLogoutUri: {
    label: "Back-channel logout URI",
    hint: "Optional: Gatehouse posts an OpenID Connect logout token here when someone's access ends.",
    input: "url",
  },
  webhookUrl: {
    label: "Webhook URL",
    hint: "Optional: signed access events (Standard Webhooks) are delivered here.",
    input: "url",
  },
  resourceTypes: {
    label: "Resource types it asks about",
    hint: "The records of its own that the service asks Gatehouse about (AuthZEN), as its policy file declares them.",
    input: "checkboxes",
  },
  accessStates: {
    label: "Members who may use it, whatever their groups",
    hint: "Leave both empty to grant access only through group files and direct grants.",
    input: "checkboxes",
  },
};

const MAX_URIS = 10;
const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** Why `text` is not an acceptable service URL, or null when it is. */
export function serviceUrlProblem(text: string): string | null {
  if (text.length > 500) return "at most 500 characters";
  if (!URL.canParse(text)) return "not a full URL (such as https://permits.example.gov/callback)";
  const u = new URL(text);
  if (u.protocol !== "https:" && !(u.protocol === "http:" && LOCAL_HOSTS.has(u.hostname)))
    return "must start with https:// (http only for localhost or 127.0.0.1)";
  if (text.includes("#")) return "must not contain a #fragment";
  if (u.username || u.password) return "must not contain a user name or password";
  return null;
}

/** URIs typed one per line, each checked: the message names the first bad line. */
function uriLines(opts: { required: boolean }) {
  return z
    .string()
    .max(6000, "Too long.")
    .default("")
    .transform((text, ctx) => {
      const items = [
        ...new Set(
          text
            .split(/\r?\n/)
            .map((s) => s.trim())
            .filter(Boolean),
        ),
      ];
      if (opts.required && items.length === 0) ctx.addIssue({ code: "custom", message: "Enter at least one URI." });
      if (items.length > MAX_URIS) ctx.addIssue({ code: "custom", message: `At most ${MAX_URIS} URIs.` });
      for (const item of items) {
        const problem = serviceUrlProblem(item);
        if (problem) {
          ctx.addIssue({ code: "custom", message: `${item.slice(0, 80)}: ${problem}.` });
          break;
        }
      }
      return items;
    });
}

const optionalUrl = z
  .string()
  .trim()
  .max(500, "At most 500 characters.")
  .default("")
  .superRefine((s, ctx) => {
    const problem = s ? serviceUrlProblem(s) : null;
    if (problem) ctx.addIssue({ code: "custom", message: `This URL ${problem}.` });
  })
  .transform((s) => s || null);

const settingsShape = {
  name: z
    .string()
    .trim()
    .min(1, "Enter the service's name.")
    .max(120, "At most 120 characters.")
    .transform((s) => s.replace(/\s+/g, " ")),
  description: z.string().trim().max(1000, "At most 1000 characters.").default(""),
  redirectUris: uriLines({ required: true }),
  postLogoutRedirectUris: uriLines({ required: false }),
  backchannelLogoutUri: optionalUrl,
  webhookUrl: optionalUrl,
  resourceTypes: z
    .array(
      z
        .string()
        .max(64)
        .regex(/^[A-Za-z][A-Za-z0-9_-]*$/, "Not a resource type."),
    )
    .max(50)
    .default([])
    .transform((a) => [...new Set(a)]),
  accessStates: z
    .array(z.enum(["ACTIVE", "PENDING_APPROVAL"], { error: "Only active or waiting members can be given access." }))
    .max(2)
    .default([])
    .transform((a) => [...new Set(a)]),
};

/** What the settings form sends once the service exists (its kind is fixed). */
export const serviceSettingsInput = z.object(settingsShape);
export type ServiceSettings = z.output<typeof serviceSettingsInput>;

/** What registering a service sends: the settings and its kind (the `slug` column; the form calls it `kind`, as `slug` names the municipality). */
export const serviceRegisterInput = z.object({
  ...settingsShape,
  kind: z
    .string()
    .trim()
    .toLowerCase()
    .regex(SERVICE_KIND, "Lower-case letters, digits and - only, starting with a letter (at most 40)."),
});
export type ServiceRegistration = z.output<typeof serviceRegisterInput>;

/** The platform console's extra field: which municipality the service belongs to ("" = platform-wide). */
export const serviceOwnerInput = z.object({
  municipalityId: z
    .string()
    .max(64)
    .default("")
    .transform((s) => s || null),
});

/** A list of services in the console: filters, sort and page from the URL. */
export const serviceListQuery = z
  .object({
    q: filterText(100).optional(),
    state: z.enum(["enabled", "disabled", "all"], { error: "State: enabled, disabled or all." }).optional(),
    municipality: filterText(64).optional(),
    sort: z.enum(["name", "slug", "createdAt"], { error: "Unknown sort." }).optional(),
    dir: z.enum(["asc", "desc"], { error: "Direction: asc or desc." }).optional(),
    ...pagingFields,
  })
  .strict();
export type ServiceListQuery = z.input<typeof serviceListQuery>;

/** The settings a service keeps (what the form edits and the audit trail records before and after). */
export const SETTINGS_KEYS = [
  "name",
  "description",
  "redirectUris",
  "postLogoutRedirectUris",
  "backchannelLogoutUri",
  "webhookUrl",
  "resourceTypes",
  "accessStates",
] as const;
export type ServiceSettingsValues<State extends string = string> = Omit<ServiceSettings, "accessStates"> & {
  accessStates: State[];
};

/** Only the settings of a service row or view (no id, no credentials). */
export function settingsOf<T extends ServiceSettingsValues>(s: T): ServiceSettingsValues {
  return Object.fromEntries(SETTINGS_KEYS.map((k) => [k, s[k]])) as ServiceSettingsValues;
}

/** Plain words for a membership state that grants access. */
export function accessStateLabel(state: string): string {
  return ACCESS_STATE_CHOICES.find((c) => c.value === state)?.label ?? state;
}

const rawText = z.string().max(10_000, "Too long.").default("");
const rawList = z.array(z.string().max(100, "Too long.")).max(60, "Too many.").default([]);

/**
 * The form's fields as posted (text as typed, ticked boxes as lists), picked by name by the server
 * action and parsed by lib/flows/services.ts, which names the offending field. Built from
 * SERVICE_FIELDS, so a new field is one entry there.
 */
export const serviceFormFields = z.object(
  Object.fromEntries(
    Object.entries(SERVICE_FIELDS).map(([name, f]) => [name, f.input === "checkboxes" ? rawList : rawText]),
  ) as Record<ServiceFieldName, typeof rawText | typeof rawList>,
);
/** The platform console's form also says whose service it is ("" = platform-wide). */
export const platformServiceFormFields = serviceFormFields.extend({ municipalityId: rawText });
