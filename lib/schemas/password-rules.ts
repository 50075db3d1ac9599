// Password rules after NIST SP 800-63B §3.1.1.2 (memorized secrets), in one place for every form
// and flow that sets a password (onboarding, reset, change): at least 12 characters, at most
// PASSWORD_MAX (long passphrases welcome; the cap only bounds argon2's input), no composition
// rules (no "one digit, one symbol"), no hints, no periodic expiry. What makes a password
// refused besides its length is how guessable it is: ./password-strength.ts rates it with zxcvbn
// (common and breached-pattern passwords, keyboard walks, dates, l33t, and the person's own name
// and address). That module is large (dictionaries), so this one — the zod field the forms share
// with the server — does not import it: forms load the meter lazily, the server always checks.
import { z } from "zod";

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

export const PASSWORD_MESSAGES = {
  tooShort: `Use at least ${PASSWORD_MIN} characters.`,
  tooLong: `Use at most ${PASSWORD_MAX} characters.`,
  differ: "The two passwords differ.",
} as const;

/** A new password as typed: the length rules only (the strength check runs on the server, and as a meter in the form). */
export const newPasswordField = z
  .string(PASSWORD_MESSAGES.tooShort)
  .min(PASSWORD_MIN, PASSWORD_MESSAGES.tooShort)
  .max(PASSWORD_MAX, PASSWORD_MESSAGES.tooLong);

/** The repeated password: compared with the first by the form's refine; bounded like it. */
export const confirmPasswordField = z.string(PASSWORD_MESSAGES.differ).max(PASSWORD_MAX, PASSWORD_MESSAGES.differ);

/** `schema` with the rule that the repeated password (`confirm`) equals the first, the error beside `confirm`. */
export function confirmMatches<S extends z.ZodType<{ password: string; confirm: string }>>(schema: S) {
  return schema.refine((v) => v.password === v.confirm, { message: PASSWORD_MESSAGES.differ, path: ["confirm"] });
}
