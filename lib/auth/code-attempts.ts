// Limits on second-factor code attempts (authenticator and recovery codes), NIST SP 800-63B
// §5.2.2: a six-digit code falls to guessing without them. Two limits, kept in PostgreSQL like
// the password limits (lib/auth/credentials.ts): per sign-in session, every attempt counts
// (counted before the code is checked, so parallel guesses cannot slip in under the limit), and
// per account, wrong codes from all sessions together (a guesser who signs in again and again with
// a stolen password still meets a wall).
import "server-only";
import { hitRateLimit, peekRateLimit } from "@/lib/rate-limit";
import { ValidationError } from "@/lib/errors";

/** Attempts per session, and wrong codes per account, per window. */
export const CODE_ATTEMPTS_PER_SESSION = { limit: 5, windowSeconds: 15 * 60 };
export const WRONG_CODES_PER_ACCOUNT = { limit: 10, windowSeconds: 15 * 60 };

const tooMany = (seconds: number) =>
  new ValidationError(
    `Too many attempts. Wait ${Math.ceil(seconds / 60)} minute${seconds > 60 ? "s" : ""} and try again.`,
    { code: ["too many attempts; wait before trying again"] },
  );

/** Call before checking a code: throws (a ValidationError naming the code field) when over a limit. */
export async function countCodeAttempt(userId: string, sessionId: string): Promise<void> {
  const account = await peekRateLimit(
    `mfa:acct:${userId}`,
    WRONG_CODES_PER_ACCOUNT.limit,
    WRONG_CODES_PER_ACCOUNT.windowSeconds,
  );
  if (!account.allowed) throw tooMany(account.retryAfterSeconds);
  const session = await hitRateLimit(
    `mfa:sess:${sessionId}`,
    CODE_ATTEMPTS_PER_SESSION.limit,
    CODE_ATTEMPTS_PER_SESSION.windowSeconds,
  );
  if (!session.allowed) throw tooMany(session.retryAfterSeconds);
}

/** Call after a wrong, reused or expired code. */
export async function countWrongCode(userId: string): Promise<void> {
  await hitRateLimit(`mfa:acct:${userId}`, WRONG_CODES_PER_ACCOUNT.limit, WRONG_CODES_PER_ACCOUNT.windowSeconds);
}
