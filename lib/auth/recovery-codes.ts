// Recovery codes (NIST SP 800-63B §5.1.2 look-up secrets): ten single-use codes made when a
// person's first second factor is set up, for the day their phone or key is lost. They are shown
// once, when made, and stored only as hashes; making new ones voids the old ones. Using one
// finishes a sign-in's second step (lib/flows/second-factor.ts audits it and mails the person).
//
// SHA-256 (not argon2) is right for these hashes: each code is 16 random characters of a
// 32-letter alphabet, 80 bits from the operating system's generator, so a leaked hash cannot be
// reversed by guessing — unlike a password, there is no small space of likely values to search.
// The user id is hashed in, so equal hashes never collide across people.
//
// Typed input is forgiving: case, spaces and dashes do not matter, and the letters people confuse
// with digits (o, i, l) read as 0, 1, 1 (Crockford's base32, which has none of them).
import "server-only";
import { randomInt } from "node:crypto";
import type { Db } from "@/lib/db";
import { sha256 } from "@/lib/crypto/tokens";

export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"; // Crockford base32: no i, l, o, u
const LENGTH = 16;

type Tx = Pick<Db, "recoveryCode">;

/** One code as shown: four groups of four ("k7dq-2m9x-…"). */
function newCode(): string {
  let s = "";
  for (let i = 0; i < LENGTH; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return s.match(/.{4}/g)!.join("-");
}

/** The code as stored and compared: lower case, no separators, confusable letters mapped; null if it cannot be one. */
export function normalizeRecoveryCode(input: string): string | null {
  const s = input.toLowerCase().replace(/[\s-]/g, "").replace(/o/g, "0").replace(/[il]/g, "1");
  return s.length === LENGTH && [...s].every((c) => ALPHABET.includes(c)) ? s : null;
}

const hashOf = (userId: string, normalized: string) => sha256(`recovery:${userId}:${normalized}`);

/** Voids the person's codes and makes ten new ones, inside the caller's transaction; returns them (shown once). */
export async function replaceRecoveryCodes(tx: Tx, userId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newCode);
  await tx.recoveryCode.deleteMany({ where: { userId } });
  await tx.recoveryCode.createMany({
    data: codes.map((c) => ({ userId, codeHash: hashOf(userId, normalizeRecoveryCode(c)!) })),
  });
  return codes;
}

/** How many of the person's codes are still unused. */
export const recoveryCodesLeft = (tx: Tx, userId: string) => tx.recoveryCode.count({ where: { userId, usedAt: null } });

export type RecoveryUse = { ok: true; left: number } | { ok: false; reason: "wrong" | "used" };

/**
 * Marks the code used if it is one of the person's unused codes. One conditional UPDATE: two
 * requests with the same code cannot both succeed. "used" for a code of theirs used before.
 */
export async function consumeRecoveryCode(tx: Tx, userId: string, input: string): Promise<RecoveryUse> {
  const code = normalizeRecoveryCode(input);
  if (!code) return { ok: false, reason: "wrong" };
  const codeHash = hashOf(userId, code);
  const done = await tx.recoveryCode.updateMany({
    where: { userId, codeHash, usedAt: null },
    data: { usedAt: new Date() },
  });
  if (done.count === 1) return { ok: true, left: await recoveryCodesLeft(tx, userId) };
  const known = await tx.recoveryCode.count({ where: { userId, codeHash } });
  return { ok: false, reason: known ? "used" : "wrong" };
}

export const RECOVERY_MESSAGES = {
  wrong: "That is not one of your recovery codes. Check it and try again.",
  used: "That recovery code was already used; each code works once. Use another one.",
} as const;
