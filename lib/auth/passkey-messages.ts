// What a refused passkey answer says, in one place for the server (action results) and the
// browser (the sign-in page reads next-auth's error code): one clear message per reason, and one
// neutral message for everything that would tell whether a key or an account exists.
// No server-only import: the sign-in button (a client component) reads these too.

/** How long a passkey challenge lives (lib/auth/passkey-challenge.ts). */
export const CHALLENGE_MINUTES = 5;

/** Why an answer was refused. */
export type PasskeyRefusal =
  "malformed" | "challenge_unknown" | "challenge_expired" | "challenge_used" | "rejected" | "counter" | "duplicate";

export const PASSKEY_MESSAGES: Record<PasskeyRefusal, string> = {
  malformed: "That was not a passkey answer. Try again.",
  challenge_unknown:
    "This passkey request was not started here (or belongs to another sign-in). Reload the page and try again.",
  challenge_expired: `This passkey request expired: each lasts ${CHALLENGE_MINUTES} minutes. Try again.`,
  challenge_used: "This passkey request was already used. Start again.",
  // Unknown key, bad signature, someone else's key, a deactivated or locked account: one answer.
  rejected: "That passkey was not accepted.",
  counter:
    "That passkey was refused: its use counter went backwards, which can mean it was copied. Sign in another way and tell your administrator.",
  duplicate: "That passkey is already registered.",
};

/** The error code the passkey sign-in provider throws for each refusal (next-auth passes it on). */
export const PASSKEY_SIGNIN_ERRORS: Record<PasskeyRefusal | "rate_limited", string> = {
  rate_limited: "RateLimited",
  malformed: "PasskeyMalformed",
  challenge_unknown: "PasskeyChallengeUnknown",
  challenge_expired: "PasskeyChallengeExpired",
  challenge_used: "PasskeyChallengeUsed",
  rejected: "PasskeyRejected",
  counter: "PasskeyCounter",
  duplicate: "PasskeyRejected",
};

/** Error code → message, for the sign-in page. */
export const PASSKEY_SIGNIN_MESSAGES: Record<string, string> = {
  RateLimited: "Too many failed sign-in attempts. Wait a few minutes and try again.",
  // "duplicate" (registration only) shares the neutral code and must not override its message.
  ...Object.fromEntries(
    (Object.keys(PASSKEY_MESSAGES) as PasskeyRefusal[])
      .filter((r) => r !== "duplicate")
      .map((r) => [PASSKEY_SIGNIN_ERRORS[r], PASSKEY_MESSAGES[r]]),
  ),
};
