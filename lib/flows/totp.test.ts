// Authenticator apps and recovery codes on the real database: a set-up counts only once confirmed,
// the secret is never stored readable, a code is accepted once (also when the same code arrives
// twice at the same moment), one step of clock drift either side is fine and older codes are
// "expired", recovery codes work once each (in parallel too) whatever their case and spacing, code
// attempts are limited, and every change is audited and mailed.
import { afterAll, describe, expect, it } from "vitest";
import { generate } from "otplib";
import { testPrisma } from "@/test/fixtures/db";
import { freshMunicipality } from "@/test/fixtures/municipalities";
import { freshPerson } from "@/test/fixtures/people";
import { uniq } from "@/test/fixtures/unique";
import { createSession, checkSession } from "@/lib/auth/session-store";
import { AMR, stageAfterFirstFactor } from "@/lib/auth/assurance";
import { TOTP_MESSAGES } from "@/lib/auth/totp";
import { RECOVERY_MESSAGES } from "@/lib/auth/recovery-codes";
import { confirmTotpSetup, removeTotp, renewRecoveryCodes, startTotpSetup } from "./totp";
import { passSecondFactor, redeemRecoveryCode, redeemTotpCode, stepUpWithTotp } from "./second-factor";
import { isRecentlyAuthenticated } from "@/lib/auth/step-up";

const raw = testPrisma();
afterAll(() => raw.$disconnect());

const step = 30;
const codeAt = (secret: string, offsetSteps = 0) =>
  generate({ secret, epoch: Math.floor(Date.now() / 1000) + offsetSteps * step });
/** A fresh rate-limit key: each attempt here is its own "session" unless a test says otherwise. */
const who = (userId: string, sessionId = `s-${uniq()}`) => ({ userId, sessionId });
const plain = (spaced: string) => spaced.replace(/ /g, "");

async function personWithTotp() {
  const p = await freshPerson((await freshMunicipality()).id, ["viewer"]);
  const setup = await startTotpSetup(p.id);
  const secret = plain(setup.secret);
  const { recoveryCodes } = await confirmTotpSetup(who(p.id), await codeAt(secret));
  return { p, secret, recoveryCodes: recoveryCodes! };
}

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => "accepted",
    (e: Error) => e.message,
  );

describe("setting up an authenticator app", () => {
  it("counts only once confirmed, keeps the secret sealed, and comes with ten recovery codes shown once", async () => {
    const p = await freshPerson((await freshMunicipality()).id, ["viewer"]);
    const setup = await startTotpSetup(p.id);
    expect(setup.qrDataUrl).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(setup.uri).toContain(`otpauth://totp/Gatehouse:${encodeURIComponent(p.email)}`);
    const secret = plain(setup.secret);
    const row = await raw.totpFactor.findUniqueOrThrow({ where: { userId: p.id } });
    expect(row.secretCipher).not.toContain(secret);
    expect(row.confirmedAt).toBeNull();
    // Not confirmed: not a factor yet.
    expect(await stageAfterFirstFactor(p.id, [AMR.password])).toBe("COMPLETE");

    expect(await refusal(confirmTotpSetup(who(p.id), "000000"))).toBe(TOTP_MESSAGES.wrong);
    expect(await refusal(confirmTotpSetup(who(p.id), await codeAt(secret, -3)))).toBe(TOTP_MESSAGES.expired);
    expect((await raw.totpFactor.findUniqueOrThrow({ where: { userId: p.id } })).confirmedAt).toBeNull();

    const { recoveryCodes } = await confirmTotpSetup(who(p.id), await codeAt(secret));
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    const stored = await raw.recoveryCode.findMany({ where: { userId: p.id } });
    expect(stored).toHaveLength(10);
    for (const c of recoveryCodes!) expect(stored.some((s) => s.codeHash.includes(plain(c)))).toBe(false);
    expect(await stageAfterFirstFactor(p.id, [AMR.password])).toBe("SECOND_FACTOR");

    // A second set-up while one is confirmed is refused; the confirmed one stays.
    expect(await refusal(startTotpSetup(p.id))).toMatch(/already set up/);
    expect(await raw.auditEvent.count({ where: { subjectUserId: p.id, action: "auth.mfa.totp_added" } })).toBe(1);
    expect(await raw.outboxMessage.count({ where: { userId: p.id, template: "mfa-totp-added" } })).toBe(1);
  });

  it("removing it voids the recovery codes too (no factor left), audited and mailed", async () => {
    const { p } = await personWithTotp();
    await removeTotp(p.id);
    expect(await raw.totpFactor.count({ where: { userId: p.id } })).toBe(0);
    expect(await raw.recoveryCode.count({ where: { userId: p.id } })).toBe(0);
    expect(await stageAfterFirstFactor(p.id, [AMR.password])).toBe("COMPLETE");
    expect(await refusal(removeTotp(p.id))).toBe(TOTP_MESSAGES.noFactor);
    expect(await raw.auditEvent.count({ where: { subjectUserId: p.id, action: "auth.mfa.totp_removed" } })).toBe(1);
    expect(await raw.outboxMessage.count({ where: { userId: p.id, template: "mfa-totp-removed" } })).toBe(1);
  });
});

describe("authenticator codes at sign-in", () => {
  it("accepts a code once: the same code again, or an earlier step's code, is 'already used'", async () => {
    const { p, secret } = await personWithTotp();
    // The confirming code's step is used already.
    expect(await refusal(redeemTotpCode(who(p.id), await codeAt(secret)))).toBe(TOTP_MESSAGES.reused);
    const next = await codeAt(secret, 1);
    await redeemTotpCode(who(p.id), next);
    expect(await refusal(redeemTotpCode(who(p.id), next))).toBe(TOTP_MESSAGES.reused);
    expect(await refusal(redeemTotpCode(who(p.id), await codeAt(secret)))).toBe(TOTP_MESSAGES.reused);
    expect(await raw.auditEvent.count({ where: { subjectUserId: p.id, action: "auth.mfa.code_refused" } })).toBe(3);
  });

  it("lets exactly one of several parallel submits of the same code through", async () => {
    const { p, secret } = await personWithTotp();
    const code = await codeAt(secret, 1);
    const outcomes = await Promise.all(Array.from({ length: 8 }, () => refusal(redeemTotpCode(who(p.id), code))));
    expect(outcomes.filter((o) => o === "accepted")).toHaveLength(1);
    expect(outcomes.filter((o) => o === TOTP_MESSAGES.reused)).toHaveLength(7);
  });

  it("tolerates one step of clock drift either side; older codes are expired, others wrong", async () => {
    const ahead = await personWithTotp();
    // The confirming code used the current step: a phone one step ahead is still accepted.
    await redeemTotpCode(who(ahead.p.id), await codeAt(ahead.secret, 1));

    const behind = await personWithTotp();
    await raw.totpFactor.update({ where: { userId: behind.p.id }, data: { lastUsedStep: null } });
    await redeemTotpCode(who(behind.p.id), await codeAt(behind.secret, -1));

    const far = await personWithTotp();
    expect(await refusal(redeemTotpCode(who(far.p.id), await codeAt(far.secret, -3)))).toBe(TOTP_MESSAGES.expired);
    expect(await refusal(redeemTotpCode(who(far.p.id), await codeAt(far.secret, 3)))).toBe(TOTP_MESSAGES.wrong);
    expect(await refusal(redeemTotpCode(who(far.p.id), "12345"))).toBe(TOTP_MESSAGES.wrong);
  });

  it("limits attempts per session and wrong codes per account", async () => {
    const { p, secret } = await personWithTotp();
    const s = who(p.id);
    for (let i = 0; i < 5; i++) expect(await refusal(redeemTotpCode(s, "000000"))).toBe(TOTP_MESSAGES.wrong);
    // The sixth attempt in this session is refused before the code is looked at, right or not.
    expect(await refusal(redeemTotpCode(s, await codeAt(secret, 1)))).toMatch(/Too many attempts/);
    // Five more wrong codes from another session reach the account's limit of ten.
    const other = who(p.id);
    for (let i = 0; i < 5; i++) expect(await refusal(redeemTotpCode(other, "000000"))).toBe(TOTP_MESSAGES.wrong);
    expect(await refusal(redeemTotpCode(who(p.id), await codeAt(secret, 1)))).toMatch(/Too many attempts/);
    expect((await raw.totpFactor.findUniqueOrThrow({ where: { userId: p.id } })).lastUsedStep).toBeLessThan(
      Math.floor(Date.now() / 1000 / step) + 1,
    );
  });

  it("finishes a SECOND_FACTOR session with the code", async () => {
    const { p, secret } = await personWithTotp();
    const sid = await createSession(p.id, {}, { stage: "SECOND_FACTOR", authMethods: [AMR.password] });
    const partial = await checkSession(sid);
    if (partial.status !== "partial") throw new Error("expected a partial session");
    await passSecondFactor(partial, { method: "totp", code: await codeAt(secret, 1) });
    expect(await checkSession(sid)).toMatchObject({ status: "active", authMethods: [AMR.password, AMR.totp] });
  });
});

describe("step-up with the authenticator app", () => {
  it("makes the session's authentication fresh with otp, which a password alone no longer is", async () => {
    const { p, secret } = await personWithTotp();
    const sid = await createSession(p.id, {}, { authMethods: [AMR.password] });
    const s = await checkSession(sid);
    if (s.status !== "active") throw new Error("expected a session");
    // The app is the person's strongest factor now: a fresh password sign-in is not enough.
    expect(await isRecentlyAuthenticated(s)).toBe(false);
    expect(await refusal(stepUpWithTotp(s, "000000"))).toBe(TOTP_MESSAGES.wrong);
    await stepUpWithTotp(s, await codeAt(secret, 1));
    const after = await checkSession(sid);
    if (after.status !== "active") throw new Error("expected a session");
    expect(after.authMethods).toEqual([AMR.totp]);
    expect(await isRecentlyAuthenticated(after)).toBe(true);
  });
});

describe("recovery codes", () => {
  it("each works once, whatever its case and spacing; used ones are refused, audited and mailed", async () => {
    const { p, recoveryCodes } = await personWithTotp();
    const sid = await createSession(p.id, {}, { stage: "SECOND_FACTOR", authMethods: [AMR.password] });
    const partial = await checkSession(sid);
    if (partial.status !== "partial") throw new Error("expected a partial session");
    const typed = ` ${recoveryCodes[0]!.toUpperCase().replace(/-/g, " ")} `;
    expect(await passSecondFactor(partial, { method: "recovery", code: typed })).toEqual({ recoveryCodesLeft: 9 });
    expect(await checkSession(sid)).toMatchObject({ status: "active", authMethods: [AMR.password, AMR.recovery] });

    expect(await refusal(redeemRecoveryCode(who(p.id), recoveryCodes[0]!))).toBe(RECOVERY_MESSAGES.used);
    expect(await refusal(redeemRecoveryCode(who(p.id), "aaaa-bbbb-cccc-dddd"))).toBe(RECOVERY_MESSAGES.wrong);
    expect(await refusal(redeemRecoveryCode(who(p.id), "not a code"))).toBe(RECOVERY_MESSAGES.wrong);
    expect(await raw.auditEvent.count({ where: { subjectUserId: p.id, action: "auth.mfa.recovery_used" } })).toBe(1);
    const mail = await raw.outboxMessage.findFirstOrThrow({ where: { userId: p.id, template: "mfa-recovery-used" } });
    expect(mail.text).toContain("you have 9 left");
    expect(mail.text).not.toContain(plain(recoveryCodes[0]!));
  });

  it("a code submitted twice at once works once", async () => {
    const { p, recoveryCodes } = await personWithTotp();
    const outcomes = await Promise.all(
      Array.from({ length: 6 }, () => refusal(redeemRecoveryCode(who(p.id), recoveryCodes[3]!))),
    );
    expect(outcomes.filter((o) => o === "accepted")).toHaveLength(1);
    expect(outcomes.filter((o) => o === RECOVERY_MESSAGES.used)).toHaveLength(5);
    expect(await raw.recoveryCode.count({ where: { userId: p.id, usedAt: null } })).toBe(9);
  });

  it("renewing voids the old codes", async () => {
    const { p, recoveryCodes } = await personWithTotp();
    const fresh = await renewRecoveryCodes(p.id);
    expect(await refusal(redeemRecoveryCode(who(p.id), recoveryCodes[1]!))).toBe(RECOVERY_MESSAGES.wrong);
    expect(await redeemRecoveryCode(who(p.id), fresh[1]!)).toBe(9);
    expect(await raw.outboxMessage.count({ where: { userId: p.id, template: "mfa-recovery-renewed" } })).toBe(1);
    const none = await freshPerson((await freshMunicipality()).id, ["viewer"]);
    expect(await refusal(renewRecoveryCodes(none.id))).toMatch(/Set up an authenticator app or a passkey first/);
  });
});
