// The one-use links a person gets about their own account (password reset, email confirmation):
// 32 random bytes, only the SHA-256 stored (AccountToken), an expiry, used at most once. Issuing
// a new link of a purpose ends the person's earlier ones and withdraws their waiting mails (the
// sealed link in the outbox, lib/mail/outbox.ts). Claiming is one conditional update, so two
// tabs submitting one link at once change the account once. Each refusal has its own message.
import "server-only";
import { newSecret, sha256 } from "@/lib/crypto/tokens";
import { withdrawUserMailLinks } from "@/lib/mail/outbox";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { db } from "@/lib/db";
import type { Tx } from "./tx";

export type TokenPurpose = "password_reset" | "email_change";
/** The mail template that carries each purpose's link (withdrawn when the link stops working). */
const TEMPLATE: Record<TokenPurpose, string> = { password_reset: "password-reset", email_change: "email-change" };

/** Token shape check before any hashing or lookup: base64url of 32 bytes. */
export const ACCOUNT_TOKEN_RE = /^[A-Za-z0-9_-]{43}$/;

export type LinkState = "valid" | "invalid" | "used" | "replaced" | "expired";

export type LinkMessages = Record<Exclude<LinkState, "valid">, string>;

/** Ends the person's open links of `purpose` (and their waiting mails) inside the caller's transaction. */
export async function endOpenTokens(tx: Tx, userId: string, purpose: TokenPurpose, why: string): Promise<void> {
  await tx.accountToken.updateMany({
    where: { userId, purpose, usedAt: null, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  await withdrawUserMailLinks(tx, userId, TEMPLATE[purpose], why);
}

/** A new link: earlier open ones of the purpose end. Returns the secret (for the mail only). */
export async function issueToken(
  tx: Tx,
  userId: string,
  purpose: TokenPurpose,
  minutes: number,
  newEmail?: string,
): Promise<string> {
  await endOpenTokens(tx, userId, purpose, "a newer link was sent");
  const token = newSecret();
  await tx.accountToken.create({
    data: {
      userId,
      purpose,
      tokenHash: sha256(token),
      newEmail: newEmail ?? null,
      expiresAt: new Date(Date.now() + minutes * 60_000),
    },
  });
  return token;
}

type TokenRow = {
  id: string;
  userId: string;
  newEmail: string | null;
  expiresAt: Date;
  usedAt: Date | null;
  revokedAt: Date | null;
  user: { email: string; name: string | null; isActive: boolean; isServiceAccount: boolean; erasedAt: Date | null };
};

async function find(token: string, purpose: TokenPurpose): Promise<TokenRow | null> {
  if (!ACCOUNT_TOKEN_RE.test(token)) return null;
  return db.accountToken.findFirst({
    where: { tokenHash: sha256(token), purpose },
    select: {
      id: true,
      userId: true,
      newEmail: true,
      expiresAt: true,
      usedAt: true,
      revokedAt: true,
      user: { select: { email: true, name: true, isActive: true, isServiceAccount: true, erasedAt: true } },
    },
  });
}

function stateOf(row: TokenRow | null, now = new Date()): LinkState {
  // A deactivated, erased or service account gets no reset: its links are simply not valid.
  if (!row || !row.user.isActive || row.user.isServiceAccount || row.user.erasedAt) return "invalid";
  if (row.usedAt) return "used";
  if (row.revokedAt) return "replaced";
  if (row.expiresAt <= now) return "expired";
  return "valid";
}

/** What the link page shows: its state, and for a valid link whose account it is for. */
export async function inspectToken(
  token: string,
  purpose: TokenPurpose,
): Promise<{ state: LinkState; email?: string; name?: string | null; newEmail?: string | null }> {
  const row = await find(token, purpose);
  const state = stateOf(row);
  if (state !== "valid" || !row) return { state };
  return { state, email: row.user.email, name: row.user.name, newEmail: row.newEmail };
}

/** The link's row if it is valid now; else the error with that state's message (nothing changed). */
export async function validToken(token: string, purpose: TokenPurpose, messages: LinkMessages): Promise<TokenRow> {
  const row = await find(token, purpose);
  const state = stateOf(row);
  if (state === "valid") return row!;
  if (state === "invalid") throw new NotFoundError(messages.invalid);
  throw new ConflictError(messages[state]);
}

/** Claims the link inside the transaction: exactly one caller wins; the others get `usedMessage`. */
export async function claimToken(tx: Tx, id: string, usedMessage: string): Promise<void> {
  const r = await tx.accountToken.updateMany({
    where: { id, usedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    data: { usedAt: new Date() },
  });
  if (r.count !== 1) throw new ConflictError(usedMessage);
}
