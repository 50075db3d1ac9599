// The municipality settings form (issue 16): one schema for the browser (zodResolver) and the
// server (lib/data/municipality-settings.ts), so both answer alike. Every field is optional: a
// form sends only the settings its viewer may change (the policy decides which, per row), and the
// server refuses any other one by name. Ranges come from where each control is enforced: idle
// minutes (lib/auth/session-limits.ts reads IDLE_MINUTES_RANGE from here), inactivity days
// (./inactivity.ts). Labels are plain words for the form and the audit page; never enum names.
import { z } from "zod";
import { MfaRequirement, ServiceCategory } from "@/lib/generated/prisma/enums";
import { inactivityDaysSchema, INACTIVITY_MAX_DAYS, INACTIVITY_MIN_DAYS } from "./inactivity";

export const IDLE_MINUTES_RANGE = { min: 5, max: 60 } as const;

/** The module switches (lib/policy/subjects.ts MODULES; a test keeps the two lists equal). */
export const MODULE_LABELS = {
  service_requests: "Service requests",
  heritage: "Heritage sites",
  documents: "Documents",
  statistics: "Statistics",
} as const;
export type ModuleName = keyof typeof MODULE_LABELS;
const MODULE_NAMES = Object.keys(MODULE_LABELS) as [ModuleName, ...ModuleName[]];

export type MfaChoice = MfaRequirement;
export const MFA_LABELS: Record<MfaRequirement, string> = {
  OFF: "Optional for everyone",
  ADMINS_AND_MANAGERS: "Required for admins and managers",
  EVERYONE: "Required for everyone",
};

/** The settings this form edits, in the form's order; each is a column of Municipality. */
export const SETTINGS_FIELDS = [
  "name",
  "region",
  "description",
  "emailDomains",
  "selfRegistrationDomains",
  "requiresApproval",
  "disabledModules",
  "disabledCategories",
  "reportsPublicAtOnce",
  "ssoRequireMappedClaim",
  "mfaRequirement",
  "sessionIdleMinutes",
  "inactivityDays",
  "lockoutUntilUnlocked",
  "accessContact",
  "showSuspensionReason",
] as const;
export type SettingsField = (typeof SETTINGS_FIELDS)[number];

/** Changing these weakens or strengthens sign-in: the change needs a recent sign-in (step-up). */
export const SECURITY_FIELDS: readonly SettingsField[] = [
  "mfaRequirement",
  "sessionIdleMinutes",
  "lockoutUntilUnlocked",
  "inactivityDays",
  "ssoRequireMappedClaim",
];

export const SETTINGS_LABELS: Record<SettingsField, string> = {
  name: "Name",
  region: "Region",
  description: "Description",
  emailDomains: "Email domains of its identity providers",
  selfRegistrationDomains: "Email domains that may register themselves",
  requiresApproval: "New members need approval",
  disabledModules: "Modules in use",
  disabledCategories: "Service categories in use",
  reportsPublicAtOnce: "New reports appear on the public portal at once",
  ssoRequireMappedClaim: "SSO sign-in needs a mapped claim",
  mfaRequirement: "Second factor (MFA)",
  sessionIdleMinutes: "Sign out after minutes without activity",
  inactivityDays: "Suspend accounts unused for (days)",
  lockoutUntilUnlocked: "Strict lockout",
  accessContact: "Whom members contact about their access",
  showSuspensionReason: "Suspended members see the reason given",
};

const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** A list of email domains typed with commas, spaces or new lines (or sent as a list): lower case, unique, sorted. */
const domainList = (what: string) =>
  z.union([z.string().max(4000), z.array(z.string().max(253)).max(50)]).transform((v, ctx) => {
    const items = (Array.isArray(v) ? v : v.split(/[\s,;]+/))
      .map((d) => d.trim().toLowerCase().replace(/^@/, ""))
      .filter(Boolean);
    const bad = items.filter((d) => !DOMAIN.test(d));
    if (bad.length) {
      ctx.addIssue({
        code: "custom",
        message: `${what}: "${bad[0]!.slice(0, 60)}" is not a domain like example.org.`,
      });
      return z.NEVER;
    }
    if (items.length > 20) {
      ctx.addIssue({ code: "custom", message: `${what}: at most 20 domains.` });
      return z.NEVER;
    }
    return [...new Set(items)].sort();
  });

/** A form checkbox or a plain boolean. */
const flag = z.preprocess((v) => (v === "on" || v === "true" ? true : v === "false" ? false : v), z.boolean());

const optionalText = (max: number, what: string) =>
  z
    .string()
    .trim()
    .max(max, `${what}: at most ${max} characters.`)
    .transform((s) => (s ? s : null))
    .nullable();

/** A number typed into a text box, or sent as a number. */
const typedNumber = <T extends z.ZodType>(inner: T) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() !== "" && !Number.isNaN(Number(v)) ? Number(v) : v), inner);

export const settingsInput = z
  .object({
    name: z.string().trim().min(2, "Name: at least 2 characters.").max(120, "Name: at most 120 characters."),
    region: optionalText(120, "Region"),
    description: optionalText(2000, "Description"),
    emailDomains: domainList("Email domains"),
    selfRegistrationDomains: domainList("Self-registration domains"),
    requiresApproval: flag,
    disabledModules: z
      .array(z.enum(MODULE_NAMES, { error: "Modules: unknown module." }))
      .max(MODULE_NAMES.length)
      .transform((v) => [...new Set(v)].sort()),
    disabledCategories: z
      .array(z.enum(ServiceCategory, { error: "Categories: unknown category." }))
      .max(Object.keys(ServiceCategory).length)
      .transform((v) => [...new Set(v)].sort())
      .refine((v) => v.length < Object.keys(ServiceCategory).length, "Keep at least one service category in use."),
    reportsPublicAtOnce: flag,
    ssoRequireMappedClaim: flag,
    mfaRequirement: z.enum(MfaRequirement, { error: "Choose who must use a second factor." }),
    sessionIdleMinutes: typedNumber(
      z
        .number({ error: `Idle limit: give a number of minutes.` })
        .int("Idle limit: give a whole number of minutes.")
        .min(IDLE_MINUTES_RANGE.min, `Idle limit: at least ${IDLE_MINUTES_RANGE.min} minutes.`)
        .max(IDLE_MINUTES_RANGE.max, `Idle limit: at most ${IDLE_MINUTES_RANGE.max} minutes.`),
    ),
    // Empty (or "off") switches the control off; else a whole number of days in range.
    inactivityDays: z.preprocess(
      (v) => (v === "" || v === "off" ? null : typeof v === "string" && !Number.isNaN(Number(v)) ? Number(v) : v),
      inactivityDaysSchema,
    ),
    lockoutUntilUnlocked: flag,
    accessContact: optionalText(300, "Contact"),
    showSuspensionReason: flag,
  })
  .partial()
  .strict();

export type SettingsInput = z.input<typeof settingsInput>;
export type SettingsValues = z.output<typeof settingsInput>;

export const SETTINGS_HINTS: Partial<Record<SettingsField, string>> = {
  emailDomains: "Separate several with commas. Each domain belongs to one municipality only.",
  selfRegistrationDomains:
    "People with an address at these domains may ask to join (an administrator approves). Empty: nobody registers themselves.",
  disabledModules: "A module switched off disappears for everyone here, staff and public.",
  disabledCategories: "Categories not in use are left out of forms, filters and the public report form.",
  reportsPublicAtOnce:
    "Off: a new report stays off the public list until staff tick “Show on the public portal” after checking it. Reporters can follow their own report either way.",
  sessionIdleMinutes: `Between ${IDLE_MINUTES_RANGE.min} and ${IDLE_MINUTES_RANGE.max}. Applies from each person's next sign-in.`,
  inactivityDays: `Between ${INACTIVITY_MIN_DAYS} and ${INACTIVITY_MAX_DAYS}. Leave empty to switch this off.`,
  lockoutUntilUnlocked:
    "After 5 failed password sign-ins in 15 minutes the account stays locked until an administrator unlocks it.",
  ssoRequireMappedClaim: "Nobody gets in through SSO unless one of their claims maps to a group.",
  accessContact:
    'Shown to people whose access here is suspended, pending or refused, e.g. "IT service desk, servicedesk@example.org, 555-0100". Empty: they are told to ask their administrator.',
  showSuspensionReason:
    "Off: a suspended member is told that their access is suspended, but not why. Either way the reason stays in the audit log.",
};

/** The name of an entry of a municipality's named lists (a department, a request tag), 2 to `max` characters. */
export const listEntryName = (noun: string, max: number) =>
  z
    .string({ error: `Name: give the ${noun} a name.` })
    .trim()
    .min(2, "Name: at least 2 characters.")
    .max(max, `Name: at most ${max} characters.`);

/** A department's name (create and rename); its slug follows from it once and then stays. */
export const departmentInput = z.object({ name: listEntryName("department", 80) }).strict();
