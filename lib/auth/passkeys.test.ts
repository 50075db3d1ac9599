// Passkey bookkeeping on the real database: challenges single-use, short-lived, bound to purpose,
// person and session, stored only hashed, consumed once under concurrency; the counter rule;
// answers that are junk, for an unknown key or for someone else's key refused (and a challenge
// spent by a refused answer stays spent); the sign-in limit per address; renaming and removing
// only one's own passkeys, removal behind step-up, audited and mailed. The signatures themselves
// (registration, sign-in, second factor, step-up, a replayed answer, a counter anomaly) are
// verified in Chromium with a virtual authenticator (e2e/auth-passkeys.spec.ts): no well-kept
// software authenticator for Node exists to drive @simplewebauthn/server here.
import { afterAll, describe, expect, it } from "vitest";
import { testPrisma } from "@/test/fixtures/db";
import { freshMunicipality } from "@/test/fixtures/municipalities";
import { freshPerson } from "@/test/fixtures/people";
import { sha256 } from "@/lib/crypto/tokens";
import { StepUpRequiredError, NotFoundError, ValidationError } from "@/lib/errors";
import { CHALLENGE_MINUTES, consumeChallenge, issueChallenge, pruneChallenges } from "./passkey-challenge";
import { counterWentBack, passkeyAuthenticationOptions, verifyPasskeyAssertion } from "./passkeys";
import { PASSKEY_MESSAGES, PASSKEY_SIGNIN_ERRORS, PASSKEY_SIGNIN_MESSAGES } from "./passkey-messages";
import { signInWithPasskey } from "./passkey-sign-in";
import { IP_FAILURE_LIMIT } from "./credentials";
import { AMR } from "./assurance";
import { checkSession, createSession, type ActiveSession } from "./session-store";
import { registerPasskey, removePasskey, renamePasskey } from "@/lib/flows/passkeys";

const raw = testPrisma();
afterAll(() => raw.$disconnect());

const minutes = (n: number) => n * 60_000;

async function person() {
  return freshPerson((await freshMunicipality()).id, ["viewer"], { password: "a long enough passphrase" });
}

async function activeSession(userId: string, authMethods: string[] = [AMR.password]): Promise<ActiveSession> {
  const s = await checkSession(await createSession(userId, {}, { authMethods }));
  if (s.status !== "active") throw new Error("expected an active session");
  const { status: _s, ...session } = s;
  return session;
}

/** A well-formed assertion answer whose clientDataJSON carries `challenge` (the signature is junk). */
function answerFor(challenge: string, credentialId: string) {
  const clientData = { type: "webauthn.get", challenge, origin: "http://localhost:3000" };
  return {
    id: credentialId,
    rawId: credentialId,
    type: "public-key",
    clientExtensionResults: {},
    response: {
      clientDataJSON: Buffer.from(JSON.stringify(clientData)).toString("base64url"),
      authenticatorData: Buffer.alloc(37).toString("base64url"),
      signature: Buffer.alloc(64, 1).toString("base64url"),
    },
  };
}

async function passkeyOf(userId: string, name = "Laptop", counter = 0n) {
  return raw.webAuthnCredential.create({
    data: {
      userId,
      credentialId: Buffer.from(`cred-${userId}-${name}`).toString("base64url"),
      publicKey: Buffer.from([1, 2, 3]),
      name,
      counter,
    },
  });
}

describe("challenges", () => {
  it("are stored only as their hash and accepted once", async () => {
    const p = await person();
    const c = await issueChallenge("register", { userId: p.id, sessionId: "s1" });
    const row = await raw.authChallenge.findUniqueOrThrow({ where: { challengeHash: sha256(c) } });
    expect(row).toMatchObject({ purpose: "register", userId: p.id, sessionId: "s1", usedAt: null });
    expect(await raw.authChallenge.count({ where: { challengeHash: c } })).toBe(0);
    expect(await consumeChallenge(c, "register", { userId: p.id, sessionId: "s1" })).toEqual({ ok: true });
    expect(await consumeChallenge(c, "register", { userId: p.id, sessionId: "s1" })).toEqual({
      ok: false,
      reason: "used",
    });
  });

  it(`expire after ${CHALLENGE_MINUTES} minutes`, async () => {
    const issuedAt = new Date(Date.now() - minutes(CHALLENGE_MINUTES + 1));
    const c = await issueChallenge("signin", {}, issuedAt);
    expect(
      await consumeChallenge(c, "signin", {}, new Date(issuedAt.getTime() + minutes(CHALLENGE_MINUTES - 1))),
    ).toEqual({ ok: true });
    const late = await issueChallenge("signin", {}, issuedAt);
    expect(await consumeChallenge(late, "signin")).toEqual({ ok: false, reason: "expired" });
    // An expired one is not consumed by the refusal: it just stays refused.
    expect((await raw.authChallenge.findUniqueOrThrow({ where: { challengeHash: sha256(late) } })).usedAt).toBeNull();
  });

  it("are bound to their purpose, person and session: anything else reads as unknown", async () => {
    const a = await person();
    const b = await person();
    const c = await issueChallenge("second_factor", { userId: a.id, sessionId: "sa" });
    expect(await consumeChallenge(c, "step_up", { userId: a.id, sessionId: "sa" })).toEqual({
      ok: false,
      reason: "unknown",
    });
    expect(await consumeChallenge(c, "second_factor", { userId: b.id, sessionId: "sa" })).toEqual({
      ok: false,
      reason: "unknown",
    });
    expect(await consumeChallenge(c, "second_factor", { userId: a.id, sessionId: "other" })).toEqual({
      ok: false,
      reason: "unknown",
    });
    expect(await consumeChallenge("made-up", "second_factor", { userId: a.id, sessionId: "sa" })).toEqual({
      ok: false,
      reason: "unknown",
    });
    // None of those spent it.
    expect(await consumeChallenge(c, "second_factor", { userId: a.id, sessionId: "sa" })).toEqual({ ok: true });
  });

  it("are consumed by exactly one of many concurrent answers", async () => {
    const c = await issueChallenge("signin");
    const results = await Promise.all(Array.from({ length: 8 }, () => consumeChallenge(c, "signin")));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.reason === "used")).toHaveLength(7);
  });

  it("are pruned an hour after they expire", async () => {
    const old = await issueChallenge("signin", {}, new Date(Date.now() - minutes(70)));
    const fresh = await issueChallenge("signin");
    expect(await pruneChallenges()).toBeGreaterThanOrEqual(1);
    expect(await raw.authChallenge.count({ where: { challengeHash: sha256(old) } })).toBe(0);
    expect(await raw.authChallenge.count({ where: { challengeHash: sha256(fresh) } })).toBe(1);
  });
});

describe("what a refusal says", () => {
  it("each sign-in error code reads its own message; the neutral one stays neutral", () => {
    expect(PASSKEY_SIGNIN_MESSAGES[PASSKEY_SIGNIN_ERRORS.rejected]).toBe(PASSKEY_MESSAGES.rejected);
    expect(PASSKEY_SIGNIN_MESSAGES[PASSKEY_SIGNIN_ERRORS.challenge_used]).toBe(PASSKEY_MESSAGES.challenge_used);
    expect(PASSKEY_SIGNIN_MESSAGES[PASSKEY_SIGNIN_ERRORS.challenge_expired]).toBe(PASSKEY_MESSAGES.challenge_expired);
    expect(PASSKEY_SIGNIN_MESSAGES[PASSKEY_SIGNIN_ERRORS.counter]).toBe(PASSKEY_MESSAGES.counter);
    expect(new Set(Object.values(PASSKEY_MESSAGES)).size).toBe(Object.keys(PASSKEY_MESSAGES).length);
  });
});

describe("the signature counter", () => {
  it("must grow where either side counts; authenticators that never count are not judged", () => {
    expect(counterWentBack(0, 0)).toBe(false);
    expect(counterWentBack(0, 1)).toBe(false);
    expect(counterWentBack(5, 6)).toBe(false);
    expect(counterWentBack(5, 5)).toBe(true);
    expect(counterWentBack(5, 4)).toBe(true);
    // A counting key that suddenly reports 0: cloned or reset, refused.
    expect(counterWentBack(5, 0)).toBe(true);
  });
});

describe("passkey answers", () => {
  it("refuse junk with one message and change nothing", async () => {
    const before = await raw.authChallenge.count({ where: { usedAt: { not: null } } });
    for (const junk of [null, 42, "not json", "{}", { id: "x" }, [], { response: "x" }, "[".repeat(10)]) {
      expect(await verifyPasskeyAssertion(junk, "signin", {})).toEqual({ ok: false, reason: "malformed" });
    }
    // A well-formed answer whose clientDataJSON is not JSON.
    const bad = { ...answerFor("x", "AAAA"), response: { ...answerFor("x", "AAAA").response, clientDataJSON: "AAAA" } };
    expect(await verifyPasskeyAssertion(bad, "signin", {})).toEqual({ ok: false, reason: "malformed" });
    expect(await raw.authChallenge.count({ where: { usedAt: { not: null } } })).toBe(before);
  });

  it("refuse an unknown key, someone else's key and a forged signature alike; the challenge stays spent", async () => {
    const a = await person();
    const b = await person();
    const bKey = await passkeyOf(b.id);
    const aKey = await passkeyOf(a.id);

    const unknown = await passkeyAuthenticationOptions("signin", {});
    expect(await verifyPasskeyAssertion(answerFor(unknown.challenge, "bm9wZQ"), "signin", {})).toEqual({
      ok: false,
      reason: "rejected",
    });
    // Replaying the same answer: its challenge is spent.
    expect(await verifyPasskeyAssertion(answerFor(unknown.challenge, "bm9wZQ"), "signin", {})).toEqual({
      ok: false,
      reason: "challenge_used",
    });

    const bind = { userId: a.id, sessionId: "sa" };
    const mine = await passkeyAuthenticationOptions("second_factor", bind);
    // The options list only the person's own keys.
    expect(mine.allowCredentials?.map((c) => c.id)).toEqual([aKey.credentialId]);
    expect(await verifyPasskeyAssertion(answerFor(mine.challenge, bKey.credentialId), "second_factor", bind)).toEqual({
      ok: false,
      reason: "rejected",
    });
    const forged = await passkeyAuthenticationOptions("second_factor", bind);
    expect(await verifyPasskeyAssertion(answerFor(forged.challenge, aKey.credentialId), "second_factor", bind)).toEqual(
      {
        ok: false,
        reason: "rejected",
        userId: a.id,
      },
    );
    // Nothing was stamped on either key.
    const keys = await raw.webAuthnCredential.findMany({ where: { id: { in: [aKey.id, bKey.id] } } });
    expect(keys.map((k) => [k.counter, k.lastUsedAt])).toEqual([
      [0n, null],
      [0n, null],
    ]);
    expect(await raw.auditEvent.count({ where: { subjectUserId: a.id, action: "auth.passkey.used" } })).toBe(0);
  });

  it("for a second factor or step-up need a passkey", async () => {
    const p = await person();
    await expect(passkeyAuthenticationOptions("step_up", { userId: p.id, sessionId: "s" })).rejects.toThrow(
      ValidationError,
    );
  });
});

describe("signing in with a passkey", () => {
  it("counts failed answers per address and refuses before verifying past the limit, audited once", async () => {
    const ip = `198.51.100.${Math.floor(Math.random() * 200) + 1}`;
    await raw.rateLimitBucket.deleteMany({ where: { key: { contains: ip } } });
    for (let i = 0; i < IP_FAILURE_LIMIT.limit; i++) {
      const r = await signInWithPasskey("junk", ip);
      expect(r).toEqual({ ok: false, reason: "malformed" });
    }
    expect(await signInWithPasskey("junk", ip)).toEqual({ ok: false, reason: "rate_limited" });
    expect(await signInWithPasskey("junk", ip)).toEqual({ ok: false, reason: "rate_limited" });
    const limited = await raw.auditEvent.findMany({ where: { action: "auth.login.rate_limited", ip } });
    expect(limited).toHaveLength(1);
    expect(limited[0]!.data).toMatchObject({ method: "passkey" });
    // Another address is not affected.
    expect(await signInWithPasskey("junk", "192.0.2.55")).toEqual({ ok: false, reason: "malformed" });
  });

  it("audits a refused real answer (an unknown key) as a failed sign-in", async () => {
    const ip = "203.0.113.77";
    const o = await passkeyAuthenticationOptions("signin", {});
    expect(await signInWithPasskey(JSON.stringify(answerFor(o.challenge, "dW5rbm93bg")), ip)).toEqual({
      ok: false,
      reason: "rejected",
    });
    const failed = await raw.auditEvent.findMany({ where: { action: "auth.login.failed", ip } });
    expect(failed.at(-1)?.data).toMatchObject({ method: "passkey", why: "rejected" });
  });
});

describe("managing one's passkeys", () => {
  it("renames only one's own, audited; a bad name names the field", async () => {
    const a = await person();
    const b = await person();
    const key = await passkeyOf(a.id, "Old name");
    await expect(renamePasskey(b.id, key.id, "Mine now")).rejects.toThrow(NotFoundError);
    await expect(renamePasskey(a.id, key.id, "  ")).rejects.toMatchObject({ fieldErrors: { name: expect.any(Array) } });
    await expect(renamePasskey(a.id, key.id, "x".repeat(61))).rejects.toThrow(ValidationError);
    expect(await renamePasskey(a.id, key.id, " Work laptop ")).toEqual({ changed: true });
    expect(await renamePasskey(a.id, key.id, "Work laptop")).toEqual({ changed: false });
    expect((await raw.webAuthnCredential.findUniqueOrThrow({ where: { id: key.id } })).name).toBe("Work laptop");
    const events = await raw.auditEvent.findMany({ where: { subjectUserId: a.id, action: "auth.passkey.renamed" } });
    expect(events.map((e) => e.data)).toEqual([{ from: "Old name", to: "Work laptop" }]);
  });

  it("removes only one's own, after a step-up with the passkey; audited and mailed", async () => {
    const a = await person();
    const b = await person();
    const key = await passkeyOf(a.id, "Phone");
    // A password sign-in is no longer the strongest factor once a passkey exists.
    await expect(removePasskey(await activeSession(a.id, [AMR.password]), key.id)).rejects.toThrow(StepUpRequiredError);
    await expect(removePasskey(await activeSession(b.id, [AMR.password]), key.id)).rejects.toThrow(NotFoundError);
    expect(await raw.webAuthnCredential.count({ where: { id: key.id } })).toBe(1);

    expect(await removePasskey(await activeSession(a.id, [AMR.passkey]), key.id)).toEqual({ name: "Phone" });
    expect(await raw.webAuthnCredential.count({ where: { id: key.id } })).toBe(0);
    expect(await raw.auditEvent.count({ where: { subjectUserId: a.id, action: "auth.passkey.removed" } })).toBe(1);
    const mail = await raw.outboxMessage.findMany({ where: { userId: a.id, template: "passkey-removed" } });
    expect(mail.map((m) => m.to)).toEqual([a.email]);
    expect(mail[0]!.text).toContain('"Phone"');
  });

  it("refuses a registration answer that is junk, or not for this session's challenge, and stores nothing", async () => {
    const a = await person();
    const s = await activeSession(a.id);
    await expect(registerPasskey(s, "register", "junk", "Laptop")).rejects.toThrow(PASSKEY_MESSAGES.malformed);
    await expect(registerPasskey(s, "register", "junk", "")).rejects.toMatchObject({
      fieldErrors: { name: expect.any(Array) },
    });
    // An answer carrying a challenge issued to another session.
    const other = await issueChallenge("register", { userId: a.id, sessionId: "another-session" });
    const answer = {
      id: "AAAA",
      rawId: "AAAA",
      type: "public-key",
      clientExtensionResults: {},
      response: {
        clientDataJSON: Buffer.from(JSON.stringify({ type: "webauthn.create", challenge: other })).toString(
          "base64url",
        ),
        attestationObject: "AAAA",
      },
    };
    await expect(registerPasskey(s, "register", answer, "Laptop")).rejects.toThrow(PASSKEY_MESSAGES.challenge_unknown);
    // A step-up is needed when the sign-in is old.
    const old = { ...s, authenticatedAt: new Date(Date.now() - minutes(20)) };
    await expect(registerPasskey(old, "register", answer, "Laptop")).rejects.toThrow(StepUpRequiredError);
    expect(await raw.webAuthnCredential.count({ where: { userId: a.id } })).toBe(0);
    expect(await raw.outboxMessage.count({ where: { userId: a.id } })).toBe(0);
  });
});
