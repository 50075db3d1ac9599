// "Last sign-in" in plain words for the people list ("3 days ago", "never"), and the filter's
// choices. Pure: the page passes the time it renders at, so the words and the filter agree.
import { LAST_SIGN_IN_FILTERS, type LastSignInFilter } from "@/lib/schemas/inactivity";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"} ago`;

/** "never", "just now", "5 minutes ago", "3 hours ago", "yesterday", "12 days ago", "4 months ago", "2 years ago". */
export function lastSignInLabel(at: Date | null, now: Date): string {
  if (!at) return "never";
  const ms = Math.max(0, now.getTime() - at.getTime());
  if (ms < MINUTE) return "just now";
  if (ms < HOUR) return plural(Math.floor(ms / MINUTE), "minute");
  if (ms < DAY) return plural(Math.floor(ms / HOUR), "hour");
  const days = Math.floor(ms / DAY);
  if (days === 1) return "yesterday";
  // Days up to 90, so the words line up with the inactivity limits (30, 60, 90 days).
  if (days <= 90) return plural(days, "day");
  if (days < 365) return plural(Math.floor(days / 30), "month");
  return plural(Math.floor(days / 365), "year");
}

/** The filter's options as the people list offers them. */
export const LAST_SIGN_IN_OPTIONS: { value: LastSignInFilter; label: string }[] = LAST_SIGN_IN_FILTERS.map((v) => ({
  value: v,
  label: v === "never" ? "Never signed in" : `Not signed in for ${v} days or more`,
}));
