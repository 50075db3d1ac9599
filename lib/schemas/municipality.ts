// What the platform console's "new municipality" form sends, parsed once for the form (zodResolver)
// and the server (lib/data/platform-municipalities.ts): plain text in, the columns out. Email
// domains and first departments are typed one per line (or comma-separated) and each bad one is
// named in its field's message, so the form shows which line to fix.
import { z } from "zod";
import { filterText } from "./filter-text";
import { pagingFields } from "./paging";
import { INACTIVITY_MAX_DAYS, INACTIVITY_MIN_DAYS } from "./inactivity";

/** Module switches a municipality can turn off (lib/policy/subjects.ts MODULES), with labels. */
export const MODULE_CHOICES = [
  { value: "service_requests", label: "Service requests" },
  { value: "heritage", label: "Heritage sites" },
  { value: "documents", label: "Documents" },
  { value: "statistics", label: "Statistics" },
] as const;
export const MODULE_NAMES = MODULE_CHOICES.map((m) => m.value);

export const MFA_CHOICES = [
  { value: "OFF", label: "Not required (platform accounts always use it)" },
  { value: "ADMINS_AND_MANAGERS", label: "Required for admins and managers" },
  { value: "EVERYONE", label: "Required for everyone" },
] as const;

/** Idle limit of a session, minutes (lib/auth/session-limits.ts IDLE_MINUTES_RANGE). */
export const IDLE_MINUTES = { min: 5, max: 60, default: 30 } as const;

const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

/** Lines or comma-separated items of a textarea, trimmed, empty ones dropped. */
export function splitLines(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

const domainList = z
  .string()
  .max(4000, "Too many domains.")
  .transform((text, ctx) => {
    const items = [...new Set(splitLines(text).map((d) => d.toLowerCase().replace(/^@/, "")))];
    const bad = items.filter((d) => !DOMAIN.test(d));
    if (bad.length) ctx.addIssue({ code: "custom", message: `Not a domain: ${bad.slice(0, 3).join(", ")}.` });
    if (items.length > 20) ctx.addIssue({ code: "custom", message: "At most 20 domains." });
    return items;
  });

const departmentList = z
  .string()
  .max(4000, "Too many departments.")
  .transform((text, ctx) => {
    const items = [
      ...new Set(
        text
          .split("\n")
          .map((s) => s.trim().replace(/\s+/g, " "))
          .filter(Boolean),
      ),
    ];
    if (items.some((d) => d.length < 2 || d.length > 120))
      ctx.addIssue({ code: "custom", message: "Each department name: 2 to 120 characters." });
    if (items.length > 50) ctx.addIssue({ code: "custom", message: "At most 50 departments at once." });
    return items;
  });

const optionalText = (max: number, what: string) =>
  z
    .string()
    .trim()
    .max(max, `${what}: at most ${max} characters.`)
    .transform((s) => (s === "" ? null : s));

/** A checkbox as forms send it: "on"/"true"/true checked; absent or "" unchecked. */
const checkbox = z.union([z.boolean(), z.string().max(10)]).transform((v) => v === true || v === "on" || v === "true");

const wholeNumber = (min: number, max: number, what: string) =>
  z.union([z.number(), z.string().trim().max(10)]).transform((v, ctx) => {
    const n = typeof v === "number" ? v : Number(v);
    if (v === "" || !Number.isInteger(n) || n < min || n > max) {
      ctx.addIssue({ code: "custom", message: `${what}: a whole number from ${min} to ${max}.` });
      return z.NEVER;
    }
    return n;
  });

export const municipalityCreateInput = z
  .object({
    name: z.string().trim().min(2, "Name: at least 2 characters.").max(120, "Name: at most 120 characters."),
    slug: z
      .string()
      .trim()
      .toLowerCase()
      .regex(SLUG, "Web address: lower-case letters, digits and dashes, 1 to 64 characters, no dash at either end."),
    region: optionalText(120, "Region").prefault(""),
    description: optionalText(1000, "Description").prefault(""),
    emailDomains: domainList.prefault(""),
    selfRegistration: checkbox.default(false),
    requiresApproval: checkbox.default(false),
    enabledModules: z
      .array(z.enum(MODULE_NAMES as [string, ...string[]], { error: "Unknown module." }))
      .max(MODULE_NAMES.length)
      .default([]),
    mfaRequirement: z.enum(["OFF", "ADMINS_AND_MANAGERS", "EVERYONE"], { error: "Choose an MFA requirement." }),
    sessionIdleMinutes: wholeNumber(IDLE_MINUTES.min, IDLE_MINUTES.max, "Idle limit"),
    // Empty: the inactivity job is off here.
    inactivityDays: z
      .union([z.number(), z.string().trim().max(10)])
      .default("")
      .transform((v, ctx) => {
        if (v === "") return null;
        const n = typeof v === "number" ? v : Number(v);
        if (!Number.isInteger(n) || n < INACTIVITY_MIN_DAYS || n > INACTIVITY_MAX_DAYS) {
          ctx.addIssue({
            code: "custom",
            message: `Inactivity limit: ${INACTIVITY_MIN_DAYS} to ${INACTIVITY_MAX_DAYS} days, or empty for off.`,
          });
          return z.NEVER;
        }
        return n;
      }),
    departments: departmentList.prefault(""),
  })
  .superRefine((v, ctx) => {
    if (v.selfRegistration && v.emailDomains.length === 0)
      ctx.addIssue({
        code: "custom",
        path: ["emailDomains"],
        message: "Self-registration needs at least one email domain.",
      });
  });

export type MunicipalityCreateForm = z.input<typeof municipalityCreateInput>;
export type MunicipalityCreate = z.output<typeof municipalityCreateInput>;

/** The list page's query (lib/data/platform-municipalities.ts). */
export const municipalityListQuery = z
  .object({
    q: filterText(100).optional(),
    status: z.enum(["active", "archived", "all"], { error: "Status: active, archived or all." }).optional(),
    sort: z.enum(["name", "slug", "region", "createdAt"], { error: "Unknown sort." }).optional(),
    dir: z.enum(["asc", "desc"], { error: "Direction: asc or desc." }).optional(),
    ...pagingFields,
  })
  .strict();
