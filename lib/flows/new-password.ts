// The server's half of the password rules (lib/schemas/password-rules.ts, password-strength.ts):
// every flow that sets a password — onboarding, reset, change — calls this before hashing, so
// the browser's meter is only advice and nothing that reaches the server skips the check.
import "server-only";
import { ValidationError } from "@/lib/errors";
import { PASSWORD_MESSAGES } from "@/lib/schemas/password-rules";
import { ratePassword, type PasswordContext } from "@/lib/schemas/password-strength";
import { hashPassword } from "@/lib/crypto/password";

/** Throws a ValidationError naming `field` unless the password is acceptable for this person; returns its argon2id hash. */
export async function acceptableNewPasswordHash(
  password: string,
  person: PasswordContext,
  opts: { field?: string; confirm?: string; confirmField?: string } = {},
): Promise<string> {
  const field = opts.field ?? "password";
  const r = ratePassword(password, person);
  if (!r.acceptable) {
    const message = `Choose a stronger password: ${r.advice ?? PASSWORD_MESSAGES.tooShort}`;
    throw new ValidationError(message, { [field]: [r.advice ?? PASSWORD_MESSAGES.tooShort] });
  }
  if (opts.confirm !== undefined && opts.confirm !== password) {
    throw new ValidationError(PASSWORD_MESSAGES.differ, {
      [opts.confirmField ?? "confirm"]: [PASSWORD_MESSAGES.differ],
    });
  }
  return hashPassword(password);
}
