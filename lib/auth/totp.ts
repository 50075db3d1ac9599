// Authenticator apps (TOTP, RFC 6238: six digits, 30-second steps, SHA-1 — what every app
// speaks), NIST SP 800-63B §5.1.4.1 single-factor OTP device used as a second factor. The secret
// is made here, sealed with the secret box (never stored readable: a database dump alone yields no
// codes) and shown to its owner once, as a QR code rendered on this server (no external service
// ever sees it) and as text for typing in.
//
// A code is accepted once: TotpFactor.lastUsedStep holds the last accepted time step, and a code
// of that step or an earlier one is refused (SP 800-63B: "shall not accept a code more than once").
// Accepting is one conditional UPDATE (where lastUsedStep is below the new step), so two requests
// racing with the same code cannot both pass. Clock drift of one step either side is tolerated.
// Code attempts are rate limited (./code-attempts.ts); flows with audit and mail are in
// lib/flows/totp.ts.
import "server-only";
import QRCode from "qrcode";
import { generateSecret, generateURI, verify } from "otplib";
import { env } from "@/lib/env";
import { open, seal } from "@/lib/crypto/secret-box";
import type { Db } from "@/lib/db";

/** A plain or transaction client: only the table this module writes. */
type Tx = Pick<Db, "totpFactor">;

export const TOTP_PERIOD_SECONDS = 30;
/** Steps accepted either side of the current one (client clock ahead or behind). */
export const TOTP_DRIFT_STEPS = 1;
/** How far back an old code still counts as "expired" rather than "wrong" (for the message only). */
const EXPIRED_LOOKBACK_STEPS = 20;
/** The issuer the authenticator app shows beside the account name. */
export const TOTP_ISSUER = "Gatehouse";
/** HKDF purpose of the key that seals TOTP secrets (lib/crypto/secret-box.ts). */
const SEAL_PURPOSE = "totp-secret";

export const sealTotpSecret = (secret: string) => seal(secret, env().AUTH_SECRET, SEAL_PURPOSE);
export const openTotpSecret = (cipher: string) => open(cipher, env().AUTH_SECRET, SEAL_PURPOSE);

/** A new random secret (160 bits, base32, as RFC 4226 recommends). */
export const newTotpSecret = () => generateSecret({ length: 20 });

/** What the setup screen shows: the otpauth:// URI as a QR code (SVG data URL) and the secret as text. */
export async function totpSetupView(
  secret: string,
  accountLabel: string,
): Promise<{ secret: string; uri: string; qrDataUrl: string }> {
  const uri = generateURI({ issuer: TOTP_ISSUER, label: accountLabel, secret, period: TOTP_PERIOD_SECONDS });
  const svg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return {
    // Groups of four for typing it in; apps ignore the spaces.
    secret: secret.match(/.{1,4}/g)!.join(" "),
    uri,
    qrDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`,
  };
}

export type TotpCheck = { ok: true; step: number } | { ok: false; reason: "wrong" | "reused" | "expired" };

/** Digits only, spaces and dashes allowed in between ("123 456"). */
export function normalizeTotpCode(input: string): string | null {
  const code = input.replace(/[\s-]/g, "");
  return /^\d{6}$/.test(code) ? code : null;
}

/**
 * Whether `code` is the secret's code for now (± one step) and newer than `lastUsedStep`. Says
 * "reused" for a code within the drift window already accepted (or older than the last accepted
 * one), "expired" for a right code of a few minutes ago, so
 * the person is told which; this never changes anything (see acceptTotpStep).
 */
export async function checkTotpCode(
  secret: string,
  codeInput: string,
  lastUsedStep: number | null,
  now = new Date(),
): Promise<TotpCheck> {
  const token = normalizeTotpCode(codeInput);
  if (!token) return { ok: false, reason: "wrong" };
  const epoch = Math.floor(now.getTime() / 1000);
  const current = await verify({
    secret,
    token,
    epoch,
    period: TOTP_PERIOD_SECONDS,
    epochTolerance: TOTP_DRIFT_STEPS * TOTP_PERIOD_SECONDS,
  });
  // The step a code matched: the current one plus the drift otplib found (delta, in steps).
  const nowStep = Math.floor(epoch / TOTP_PERIOD_SECONDS);
  if (current.valid) {
    const step = nowStep + current.delta;
    if (lastUsedStep !== null && step <= lastUsedStep) return { ok: false, reason: "reused" };
    return { ok: true, step };
  }
  const older = await verify({
    secret,
    token,
    epoch,
    period: TOTP_PERIOD_SECONDS,
    epochTolerance: [EXPIRED_LOOKBACK_STEPS * TOTP_PERIOD_SECONDS, 0],
  });
  // Right once, minutes ago: whether or not it was used then, what helps now is "it has expired".
  return { ok: false, reason: older.valid ? "expired" : "wrong" };
}

/**
 * Records `step` as the factor's last accepted one, only if it is newer than what is recorded:
 * false when another request accepted this step (or a later one) first — the code was reused.
 */
export async function acceptTotpStep(tx: Tx, factorId: string, step: number): Promise<boolean> {
  const done = await tx.totpFactor.updateMany({
    where: { id: factorId, OR: [{ lastUsedStep: null }, { lastUsedStep: { lt: step } }] },
    data: { lastUsedStep: step },
  });
  return done.count === 1;
}

/** The message a person sees for each refusal; nothing was changed in any of these cases. */
export const TOTP_MESSAGES = {
  wrong: "That code is not right. Check the six digits in your authenticator app and try again.",
  reused: "That code was already used. Wait for your authenticator app to show a new code, then enter it.",
  expired: "That code has expired. Enter the code your authenticator app shows now.",
  noFactor: "There is no authenticator app set up for this account.",
  noSetup: "Start the set-up again: this set-up is no longer open.",
} as const;
