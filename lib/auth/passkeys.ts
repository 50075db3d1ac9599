// Passkeys (WebAuthn credentials), the phishing-resistant authenticator of NIST SP 800-63B §5.1.8
// (AAL2/AAL3 multi-factor cryptographic authenticator) and SP 800-53 IA-2(1)/(2)/(8), IA-2(6).
// A person may register several (a laptop, a phone, a security key), name, rename and remove
// them; each is stored as its public key, never a secret. @simplewebauthn/server does the
// WebAuthn verification: origin and RP id (from APP_URL), the challenge, the signature, user
// presence and user verification (required: the key is unlocked with a PIN or biometric, so the
// passkey alone is two factors). What it leaves to us, done here: challenges that are single-use
// and short-lived (./passkey-challenge.ts, consumed before the answer is verified), the signature
// counter (a counter that should grow and did not is refused and audited — a cloned key), whose
// key it is (a second factor or a step-up only with one's own), and the audit events of using
// one. Registering, renaming, removing and their mails are lib/flows/passkeys.ts; what a refusal
// says is ./passkey-messages.ts.
//
// Input from the browser is parsed with zod first: anything that is not a passkey answer is
// refused with one message before it reaches the library, and whatever the library throws on a
// forged answer becomes the same neutral refusal as an unknown key or a bad signature.
import "server-only";
import { z } from "zod";
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from "@simplewebauthn/server";
import { decodeClientDataJSON } from "@simplewebauthn/server/helpers";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { recordAudit } from "@/lib/audit/record";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { CHALLENGE_MINUTES, PASSKEY_MESSAGES, type PasskeyRefusal } from "./passkey-messages";
import { consumeChallenge, issueChallenge, type ChallengeBinding, type ChallengePurpose } from "./passkey-challenge";
import { requireRecentAuth } from "./step-up";
import type { ActiveSession } from "./session-store";

/** Passkeys one person may hold: enough for every device, few enough that a list stays readable. */
export const MAX_PASSKEYS = 10;
const RP_NAME = "Gatehouse";

/** The relying party: the RP id is APP_URL's host name, the one origin allowed is APP_URL's. */
export function relyingParty(): { rpID: string; origin: string } {
  const url = new URL(env().APP_URL);
  return { rpID: url.hostname, origin: url.origin };
}

// ─── What the browser sends ───────────────────────────────────────────────────────────────────
const b64url = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(/^[A-Za-z0-9_-]+={0,2}$/);
const common = {
  id: b64url(1400),
  rawId: b64url(1400),
  authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
  type: z.literal("public-key"),
};
const registrationResponse = z.object({
  ...common,
  response: z.object({
    clientDataJSON: b64url(8_000),
    attestationObject: b64url(100_000),
    authenticatorData: b64url(10_000).optional(),
    transports: z.array(z.string().max(32)).max(10).optional(),
    publicKeyAlgorithm: z.number().int().optional(),
    publicKey: b64url(10_000).optional(),
  }),
});
const authenticationResponse = z.object({
  ...common,
  response: z.object({
    clientDataJSON: b64url(8_000),
    authenticatorData: b64url(10_000),
    signature: b64url(4_000),
    userHandle: b64url(200).optional(),
  }),
});

/** A passkey's name as the person types it: 1–60 characters, no control characters. */
export const passkeyName = z
  .string({ error: "Give the passkey a name." })
  .trim()
  .min(1, "Give the passkey a name.")
  .max(60, "A passkey name has at most 60 characters.")
  .regex(/^[^\p{Cc}\p{Cf}]*$/u, "A passkey name cannot contain control characters.");

/** A refusal as the typed error an action shows. */
export function passkeyError(reason: PasskeyRefusal): ValidationError {
  return new ValidationError(PASSKEY_MESSAGES[reason]);
}

/**
 * The challenge as the library wants it: bytes. (Given a string, it would encode the string's
 * UTF-8 bytes, and the browser would sign a different base64url text than the one stored.)
 */
const challengeBytes = (challenge: string) => new Uint8Array(Buffer.from(challenge, "base64url"));

/** The challenge inside an answer's clientDataJSON, or null when it cannot be read. */
function challengeOf(clientDataJSON: string): string | null {
  try {
    const c = decodeClientDataJSON(clientDataJSON) as { challenge?: unknown };
    return typeof c.challenge === "string" ? c.challenge : null;
  } catch {
    return null;
  }
}

const CHALLENGE_REFUSAL = {
  unknown: "challenge_unknown",
  expired: "challenge_expired",
  used: "challenge_used",
} as const satisfies Record<string, PasskeyRefusal>;

/** Parses the browser's answer and consumes its challenge (before any verification). */
async function takeAnswer<S extends typeof registrationResponse | typeof authenticationResponse>(
  schema: S,
  raw: unknown,
  purpose: ChallengePurpose,
  bind: ChallengeBinding,
): Promise<{ ok: true; answer: z.output<S>; challenge: string } | { ok: false; reason: PasskeyRefusal }> {
  let value = raw;
  if (typeof raw === "string") {
    if (raw.length > 150_000) return { ok: false, reason: "malformed" };
    try {
      value = JSON.parse(raw);
    } catch {
      return { ok: false, reason: "malformed" };
    }
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) return { ok: false, reason: "malformed" };
  const challenge = challengeOf(parsed.data.response.clientDataJSON);
  if (!challenge) return { ok: false, reason: "malformed" };
  const taken = await consumeChallenge(challenge, purpose, bind);
  if (!taken.ok) return { ok: false, reason: CHALLENGE_REFUSAL[taken.reason] };
  return { ok: true, answer: parsed.data as z.output<S>, challenge };
}

// ─── The person's own passkeys ────────────────────────────────────────────────────────────────
export type PasskeyDTO = {
  id: string;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  /** A synced passkey (multiDevice) or one bound to a single device. */
  synced: boolean;
  backedUp: boolean;
};

export async function listOwnPasskeys(userId: string): Promise<PasskeyDTO[]> {
  const rows = await db.webAuthnCredential.findMany({
    where: { userId },
    select: { id: true, name: true, createdAt: true, lastUsedAt: true, deviceType: true, backedUp: true },
    orderBy: { createdAt: "asc" },
  });
  return rows.map(({ deviceType, ...r }) => ({ ...r, synced: deviceType === "multiDevice" }));
}

/** "register" on /account (a credential change: step-up first); "enroll" at sign-in (stage ENROLL). */
export type RegistrationPurpose = Extract<ChallengePurpose, "register" | "enroll">;

/**
 * Options for navigator.credentials.create: a discoverable credential (resident key required, so
 * it can sign in without an email), user verification required, the person's passkeys excluded.
 */
export async function passkeyRegistrationOptions(
  session: ActiveSession,
  purpose: RegistrationPurpose,
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  if (purpose === "register") await requireRecentAuth(session);
  const user = await db.user.findUnique({
    where: { id: session.userId },
    select: { email: true, name: true, passkeys: { select: { credentialId: true, transports: true } } },
  });
  if (!user) throw new NotFoundError();
  if (user.passkeys.length >= MAX_PASSKEYS)
    throw new ValidationError(`You already have ${MAX_PASSKEYS} passkeys. Remove one before adding another.`);
  const { rpID } = relyingParty();
  return generateRegistrationOptions({
    rpName: RP_NAME,
    rpID,
    userName: user.email,
    userDisplayName: user.name ?? user.email,
    userID: new TextEncoder().encode(session.userId),
    challenge: challengeBytes(await issueChallenge(purpose, { userId: session.userId, sessionId: session.sessionId })),
    timeout: CHALLENGE_MINUTES * 60_000,
    attestationType: "none",
    excludeCredentials: user.passkeys.map((p) => ({ id: p.credentialId, transports: p.transports })),
    authenticatorSelection: { residentKey: "required", requireResidentKey: true, userVerification: "required" },
  });
}

/** A verified new passkey, ready to store (lib/flows/passkeys.ts stores it, audited and mailed). */
export type NewPasskey = {
  credentialId: string;
  publicKey: Uint8Array<ArrayBuffer>;
  counter: bigint;
  transports: string[];
  deviceType: string;
  backedUp: boolean;
};

/**
 * Verifies the browser's registration answer: its challenge (this purpose's, this session's;
 * consumed first), origin, RP id, user presence and verification. Refuses with a typed error.
 */
export async function verifyPasskeyRegistration(
  session: ActiveSession,
  purpose: RegistrationPurpose,
  raw: unknown,
  meta: { ip?: string | null } = {},
): Promise<NewPasskey> {
  if (purpose === "register") await requireRecentAuth(session);
  const bind = { userId: session.userId, sessionId: session.sessionId };
  const taken = await takeAnswer(registrationResponse, raw, purpose, bind);
  if (!taken.ok) throw passkeyError(taken.reason);
  const { rpID, origin } = relyingParty();
  const verified = await verifyRegistrationResponse({
    response: taken.answer as RegistrationResponseJSON,
    expectedChallenge: taken.challenge,
    expectedOrigin: origin,
    expectedRPID: rpID,
    requireUserVerification: true,
  }).catch(() => null);
  if (!verified?.verified) {
    await auditPasskeyRefusal(session.userId, purpose, "rejected", meta);
    throw passkeyError("rejected");
  }
  const info = verified.registrationInfo;
  return {
    credentialId: info.credential.id,
    publicKey: new Uint8Array(info.credential.publicKey),
    counter: BigInt(info.credential.counter),
    transports: (info.credential.transports ?? taken.answer.response.transports ?? []).slice(0, 10),
    deviceType: info.credentialDeviceType,
    backedUp: info.credentialBackedUp,
  };
}

// ─── Using a passkey ──────────────────────────────────────────────────────────────────────────
export type AssertionPurpose = Extract<ChallengePurpose, "signin" | "second_factor" | "step_up">;

/**
 * Options for navigator.credentials.get. Sign-in (no person known yet) lists no credentials, so
 * the browser offers the discoverable passkeys it has for this site; a second factor or a step-up
 * lists the person's own.
 */
export async function passkeyAuthenticationOptions(
  purpose: AssertionPurpose,
  bind: ChallengeBinding,
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const own = bind.userId
    ? await db.webAuthnCredential.findMany({
        where: { userId: bind.userId },
        select: { credentialId: true, transports: true },
      })
    : [];
  if (purpose !== "signin" && own.length === 0) throw new ValidationError("You have no passkey yet.");
  return generateAuthenticationOptions({
    rpID: relyingParty().rpID,
    challenge: challengeBytes(await issueChallenge(purpose, bind)),
    timeout: CHALLENGE_MINUTES * 60_000,
    userVerification: "required",
    allowCredentials:
      purpose === "signin" ? undefined : own.map((c) => ({ id: c.credentialId, transports: c.transports })),
  });
}

export type AssertionResult =
  { ok: true; userId: string; passkeyId: string } | { ok: false; reason: PasskeyRefusal; userId?: string };

/**
 * Verifies a passkey answer for `purpose`: its challenge (consumed first), then the key — one the
 * `bind.userId` person holds where one is named, any registered one for sign-in — its signature,
 * origin, RP id and user verification, then its counter. Success stamps the key's counter and
 * last use (only if no other answer moved the counter meanwhile) and is audited
 * (auth.passkey.used); a counter anomaly is audited and refused. `accept` may refuse the key's
 * owner (a deactivated account) with the neutral answer, before anything is stamped.
 */
export async function verifyPasskeyAssertion(
  raw: unknown,
  purpose: AssertionPurpose,
  bind: ChallengeBinding,
  meta: { ip?: string | null } = {},
  accept: (user: { isActive: boolean; signInLockedAt: Date | null }) => boolean = (u) => u.isActive,
): Promise<AssertionResult> {
  const taken = await takeAnswer(authenticationResponse, raw, purpose, bind);
  if (!taken.ok) return taken;
  const answer = taken.answer;
  const cred = await db.webAuthnCredential.findUnique({
    where: { credentialId: answer.id },
    select: {
      id: true,
      userId: true,
      credentialId: true,
      publicKey: true,
      counter: true,
      transports: true,
      user: { select: { isActive: true, signInLockedAt: true } },
    },
  });
  // Someone else's key for a second factor or step-up reads exactly like an unknown key.
  if (!cred || (bind.userId && cred.userId !== bind.userId)) return { ok: false, reason: "rejected" };
  // The user handle the authenticator returns (discoverable credentials) must be this key's owner.
  if (answer.response.userHandle !== undefined) {
    const handle = Buffer.from(answer.response.userHandle, "base64url").toString("utf8");
    if (handle !== cred.userId) return { ok: false, reason: "rejected", userId: cred.userId };
  }
  const { rpID, origin } = relyingParty();
  const stored = Number(cred.counter);
  const verified = await verifyAuthenticationResponse({
    response: answer as AuthenticationResponseJSON,
    expectedChallenge: taken.challenge,
    expectedOrigin: origin,
    expectedRPID: rpID,
    // Counter 0 here: the library's own check would throw before the signature is known to be
    // good; ours below runs only on a verified answer, so a counter anomaly is a real one.
    credential: {
      id: cred.credentialId,
      publicKey: new Uint8Array(cred.publicKey),
      counter: 0,
      transports: cred.transports,
    },
    requireUserVerification: true,
  }).catch(() => null);
  if (!verified?.verified) return { ok: false, reason: "rejected", userId: cred.userId };
  const presented = verified.authenticationInfo.newCounter;
  if (counterWentBack(stored, presented)) {
    await audit("auth.passkey.counter_anomaly", cred.userId, meta, {
      passkeyId: cred.id,
      purpose,
      storedCounter: stored,
      presentedCounter: presented,
    });
    return { ok: false, reason: "counter", userId: cred.userId };
  }
  if (!accept(cred.user)) return { ok: false, reason: "rejected", userId: cred.userId };
  const ok = await db.$transaction(async (tx) => {
    // Only from the counter this answer was checked against: a parallel answer that moved it wins.
    const stamped = await tx.webAuthnCredential.updateMany({
      where: { id: cred.id, counter: cred.counter },
      data: {
        counter: BigInt(presented),
        lastUsedAt: new Date(),
        backedUp: verified.authenticationInfo.credentialBackedUp,
        deviceType: verified.authenticationInfo.credentialDeviceType,
      },
    });
    if (stamped.count !== 1) return false;
    await recordAudit(tx, {
      action: "auth.passkey.used",
      actorId: cred.userId,
      actorType: "user",
      subjectUserId: cred.userId,
      targetType: "WebAuthnCredential",
      targetId: cred.id,
      ip: meta.ip ?? null,
      data: { purpose },
    });
    return true;
  });
  return ok
    ? { ok: true, userId: cred.userId, passkeyId: cred.id }
    : { ok: false, reason: "counter", userId: cred.userId };
}

/**
 * WebAuthn §6.1.1: where either side counts (not 0), the presented counter must be greater than
 * the stored one; an authenticator that never counts (synced passkeys report 0) is not judged.
 */
export function counterWentBack(stored: number, presented: number): boolean {
  return (stored > 0 || presented > 0) && presented <= stored;
}

/** A refused use of a passkey by a known person (a second factor, a step-up), on record. */
export async function auditPasskeyRefusal(
  userId: string | null | undefined,
  purpose: ChallengePurpose,
  reason: PasskeyRefusal,
  meta: { ip?: string | null } = {},
): Promise<void> {
  if (reason === "malformed") return; // nothing a passkey said: junk is refused, not recorded
  await audit("auth.passkey.refused", userId ?? null, meta, { purpose, why: reason });
}

const audit = (
  action: string,
  userId: string | null,
  meta: { ip?: string | null },
  data: Record<string, string | number | boolean>,
) =>
  db.$transaction((tx) =>
    recordAudit(tx, {
      action,
      actorId: userId,
      actorType: userId ? "user" : "anonymous",
      subjectUserId: userId,
      ip: meta.ip ?? null,
      data,
    }),
  );
