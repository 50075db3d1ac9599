// Inactive accounts (NIST SP 800-53 AC-2(3) "disable accounts after a defined period of
// inactivity"; CJIS 5.5.2 account management): the per-municipality setting and the people-list
// filter on last sign-in. One place for the range, so the seed, the job (lib/flows/inactivity.ts)
// and the settings form that comes with the platform console agree on it.
import { z } from "zod";

/** Days without a sign-in after which a membership is suspended, unless a municipality says otherwise. */
export const INACTIVITY_DEFAULT_DAYS = 90;
export const INACTIVITY_MIN_DAYS = 30;
export const INACTIVITY_MAX_DAYS = 365;

/** `Municipality.inactivityDays`: a whole number of days in range, or null for "off". */
export const inactivityDaysSchema = z
  .number({ error: "Inactivity limit: give a number of days, or switch it off." })
  .int("Inactivity limit: give a whole number of days.")
  .min(INACTIVITY_MIN_DAYS, `Inactivity limit: at least ${INACTIVITY_MIN_DAYS} days.`)
  .max(INACTIVITY_MAX_DAYS, `Inactivity limit: at most ${INACTIVITY_MAX_DAYS} days.`)
  .nullable();

/**
 * A stored value as the job uses it: null stays off; anything outside the range (only a direct
 * database edit can store one) is taken as the nearest bound, so a typo of 3 cannot suspend
 * everyone after three days and 100000 does not quietly switch the control off.
 */
export function effectiveInactivityDays(stored: number | null): number | null {
  if (stored === null) return null;
  if (!Number.isFinite(stored)) return INACTIVITY_DEFAULT_DAYS;
  return Math.min(INACTIVITY_MAX_DAYS, Math.max(INACTIVITY_MIN_DAYS, Math.trunc(stored)));
}

/** People-list filter `lastSignIn`: no sign-in for at least 30 / 60 / 90 days (never included), or never. */
export const LAST_SIGN_IN_FILTERS = ["30", "60", "90", "never"] as const;
export type LastSignInFilter = (typeof LAST_SIGN_IN_FILTERS)[number];

export const lastSignInFilterSchema = z
  .enum(LAST_SIGN_IN_FILTERS, {
    error: `Last sign-in: choose ${LAST_SIGN_IN_FILTERS.slice(0, -1).join(", ")} days or "never".`,
  })
  .optional();
