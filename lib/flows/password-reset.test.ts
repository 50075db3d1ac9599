// "Forgot password" on the real database: the neutral answer, the one-use 30-minute link stored
// hashed and sealed in the outbox, every session ended, second factors kept, and one clear message
// for each bad link — with nothing changed.
import { afterAll, describe, expect, it } from "vitest";
import { testPrisma } from "@/test/fixtures/db";
import { freshMunicipality } from "@/test/fixtures/municipalities";
import { freshPerson, freshUser } from "@/test/fixtures/people";
import { accountTokenFromMail } from "@/test/fixtures/mail";
import { uniq } from "@/test/fixtures/unique";
import { sha256 } from "@/lib/crypto/tokens";
import { verifyPassword } from "@/lib/crypto/password";
import { checkSession, createSession } from "@/lib/auth/session-store";
import { AMR } from "@/lib/auth/assurance";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { LINK_PLACEHOLDER } from "@/lib/mail/templates";
import {
  MIN_ANSWER_MS,
  requestPasswordReset,
  resetLink,
  resetPassword,
  RESET_LINK_MESSAGES,
  RESET_REQUESTS_PER_EMAIL,
  RESET_REQUESTS_PER_IP,
  TooManyAttemptsError,
} from "./password-reset";

const raw = testPrisma();
afterAll(() => raw.$disconnect());
const ip = () => `10.77.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
const NEW = "lantern orchard violet";

async function personWithPassword() {
  const town = await freshMunicipality();
  const email = `reset.${uniq()}@example.test`;
  const p = await freshPerson(town.id, ["viewer"], { email, password: "the old long password" });
  return { ...p, email };
}

describe("asking for a reset link", () => {
  it("mails a one-use link valid 30 minutes, stored only as a hash, never readable in the outbox", async () => {
    const p = await personWithPassword();
    expect(await requestPasswordReset({ email: p.email.toUpperCase() }, ip())).toBe("sent");
    const mail = await raw.outboxMessage.findFirstOrThrow({ where: { to: p.email, template: "password-reset" } });
    expect(mail.text).toContain(LINK_PLACEHOLDER);
    expect(mail.linkCipher).toBeTruthy();
    const token = await accountTokenFromMail(p.email, "password-reset");
    expect(mail.text).not.toContain(token);
    const row = await raw.accountToken.findFirstOrThrow({ where: { userId: p.id, purpose: "password_reset" } });
    expect(row.tokenHash).toBe(sha256(token));
    expect(JSON.stringify(row)).not.toContain(token);
    const minutes = (row.expiresAt.getTime() - row.createdAt.getTime()) / 60_000;
    expect(minutes).toBeCloseTo(30, 0);
    expect(await resetLink(token)).toMatchObject({ state: "valid", email: p.email });
    const trail = await raw.auditEvent.findMany({
      where: { subjectUserId: p.id, action: { startsWith: "auth.password_reset" } },
    });
    expect(trail.map((e) => e.action)).toEqual(["auth.password_reset.requested"]);
    expect(JSON.stringify(trail.map((e) => e.data))).not.toContain(token);
  });

  it("answers alike for unknown, deactivated, service and SSO-only accounts, and mails none of them", async () => {
    const town = await freshMunicipality();
    const gone = await freshPerson(town.id, ["viewer"], {
      email: `gone.${uniq()}@example.test`,
      password: "x-old-password-x",
      isActive: false,
    });
    const bot = await freshUser({
      email: `bot.${uniq()}@example.test`,
      password: "x-old-password-x",
      isServiceAccount: true,
    });
    const sso = await freshUser({ email: `sso.${uniq()}@example.test` });
    const unknown = `nobody.${uniq()}@example.test`;
    for (const email of [gone.email, bot.email, sso.email, unknown]) {
      const started = Date.now();
      expect(await requestPasswordReset({ email }, ip())).toBe("not_sent");
      expect(Date.now() - started).toBeGreaterThanOrEqual(MIN_ANSWER_MS - 5);
      expect(await raw.outboxMessage.count({ where: { to: email } })).toBe(0);
    }
    // Refusals about real accounts are in the trail (not for an address nobody has).
    expect(
      await raw.auditEvent.count({
        where: { action: "auth.password_reset.not_sent", subjectUserId: { in: [gone.id, bot.id, sso.id] } },
      }),
    ).toBe(3);
    expect(await raw.accountToken.count({ where: { userId: { in: [gone.id, bot.id, sso.id] } } })).toBe(0);
  });

  it("takes about the same time whether a mail was sent or not", async () => {
    const p = await personWithPassword();
    const time = async (email: string) => {
      const t = Date.now();
      await requestPasswordReset({ email }, ip());
      return Date.now() - t;
    };
    const sent = await time(p.email);
    const none = await time(`nobody.${uniq()}@example.test`);
    expect(sent).toBeGreaterThanOrEqual(MIN_ANSWER_MS - 5);
    expect(none).toBeGreaterThanOrEqual(MIN_ANSWER_MS - 5);
    expect(Math.abs(sent - none)).toBeLessThan(MIN_ANSWER_MS);
  });

  it("limits requests per address (a clear answer) and per email (silently: no mail, same answer)", async () => {
    const p = await personWithPassword();
    const here = ip();
    for (let i = 0; i < RESET_REQUESTS_PER_EMAIL.limit; i++)
      expect(await requestPasswordReset({ email: p.email }, ip())).toBe("sent");
    expect(await requestPasswordReset({ email: p.email }, ip())).toBe("not_sent");
    expect(await raw.outboxMessage.count({ where: { to: p.email, template: "password-reset" } })).toBe(
      RESET_REQUESTS_PER_EMAIL.limit,
    );
    // Only the newest link works: each new one ends the ones before and withdraws their waiting mail.
    const open = await raw.accountToken.count({ where: { userId: p.id, usedAt: null, revokedAt: null } });
    expect(open).toBe(1);
    expect(
      await raw.outboxMessage.count({ where: { to: p.email, template: "password-reset", linkCipher: { not: null } } }),
    ).toBe(1);

    for (let i = 0; i < RESET_REQUESTS_PER_IP.limit; i++)
      await requestPasswordReset({ email: `n${i}.${uniq()}@example.test` }, here);
    await expect(requestPasswordReset({ email: p.email }, here)).rejects.toBeInstanceOf(TooManyAttemptsError);
  });
});

describe("using the link", () => {
  it("sets the new password, ends every session, keeps second factors, mails and audits; the link works once", async () => {
    const p = await personWithPassword();
    const laptop = await createSession(p.id, {}, { authMethods: [AMR.password] });
    const phone = await createSession(p.id, {}, { authMethods: [AMR.password] });
    await raw.totpFactor.create({ data: { userId: p.id, secretCipher: "sealed-for-test", confirmedAt: new Date() } });
    await requestPasswordReset({ email: p.email }, ip());
    const token = await accountTokenFromMail(p.email, "password-reset");

    const r = await resetPassword(token, { password: NEW, confirm: NEW }, ip());
    expect(r.sessionsEnded).toBe(2);
    expect((await checkSession(laptop)).status).toBe("revoked");
    expect((await checkSession(phone)).status).toBe("revoked");
    const u = await raw.user.findUniqueOrThrow({ where: { id: p.id }, omit: { passwordHash: false } });
    expect(await verifyPassword(u.passwordHash!, NEW)).toBe(true);
    expect(u.passwordChangedAt).toBeTruthy();
    // The reset is for the password only: the authenticator app is still there and still asked for.
    expect(await raw.totpFactor.count({ where: { userId: p.id } })).toBe(1);
    expect(await raw.outboxMessage.count({ where: { to: p.email, template: "password-changed" } })).toBe(1);
    expect(
      await raw.auditEvent.count({ where: { subjectUserId: p.id, action: "auth.password_reset.completed" } }),
    ).toBe(1);

    // Used: its own message, and nothing changes.
    await expect(
      resetPassword(token, { password: "another long phrase here", confirm: "another long phrase here" }, ip()),
    ).rejects.toThrow(RESET_LINK_MESSAGES.used);
    expect(await resetLink(token)).toMatchObject({ state: "used", message: RESET_LINK_MESSAGES.used });
    const after = await raw.user.findUniqueOrThrow({ where: { id: p.id }, omit: { passwordHash: false } });
    expect(after.passwordHash).toBe(u.passwordHash);
  });

  it("one reset wins when the link is submitted twice at once", async () => {
    const p = await personWithPassword();
    await requestPasswordReset({ email: p.email }, ip());
    const token = await accountTokenFromMail(p.email, "password-reset");
    const results = await Promise.allSettled([
      resetPassword(token, { password: NEW, confirm: NEW }, ip()),
      resetPassword(token, { password: "second long passphrase", confirm: "second long passphrase" }, ip()),
    ]);
    expect(results.filter((x) => x.status === "fulfilled")).toHaveLength(1);
    expect(results.filter((x) => x.status === "rejected" && x.reason instanceof ConflictError)).toHaveLength(1);
    expect(
      await raw.auditEvent.count({ where: { subjectUserId: p.id, action: "auth.password_reset.completed" } }),
    ).toBe(1);
  });

  it("wrong, expired and replaced links and a weak password each get one clear message and change nothing", async () => {
    const p = await personWithPassword();
    const before = (await raw.user.findUniqueOrThrow({ where: { id: p.id }, omit: { passwordHash: false } }))
      .passwordHash;
    const s = await createSession(p.id, {}, { authMethods: [AMR.password] });
    const good = { password: NEW, confirm: NEW };

    await expect(resetPassword("not-a-token", good, ip())).rejects.toThrow(RESET_LINK_MESSAGES.invalid);
    await expect(resetPassword("A".repeat(43), good, ip())).rejects.toBeInstanceOf(NotFoundError);

    await requestPasswordReset({ email: p.email }, ip());
    const first = await accountTokenFromMail(p.email, "password-reset");
    await requestPasswordReset({ email: p.email }, ip());
    const second = await accountTokenFromMail(p.email, "password-reset");
    await expect(resetPassword(first, good, ip())).rejects.toThrow(RESET_LINK_MESSAGES.replaced);

    // A weak password: a field message; the link still works afterwards.
    const weak = await resetPassword(second, { password: "password1234", confirm: "password1234" }, ip()).catch(
      (e) => e,
    );
    expect(weak).toBeInstanceOf(ValidationError);
    expect((weak as ValidationError).fieldErrors.password?.[0]).toMatch(/commonly used|easy to guess/i);
    const mismatch = await resetPassword(second, { password: NEW, confirm: NEW + "x" }, ip()).catch((e) => e);
    expect((mismatch as ValidationError).fieldErrors.confirm).toEqual(["The two passwords differ."]);
    expect(await resetLink(second)).toMatchObject({ state: "valid" });

    // Expired: the clock moved past the 30 minutes.
    await raw.accountToken.updateMany({
      where: { tokenHash: sha256(second) },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    await expect(resetPassword(second, good, ip())).rejects.toThrow(RESET_LINK_MESSAGES.expired);

    const after = (await raw.user.findUniqueOrThrow({ where: { id: p.id }, omit: { passwordHash: false } }))
      .passwordHash;
    expect(after).toBe(before);
    expect((await checkSession(s)).status).toBe("active");
  });

  it("a link of an account deactivated after it was sent does not work", async () => {
    const p = await personWithPassword();
    await requestPasswordReset({ email: p.email }, ip());
    const token = await accountTokenFromMail(p.email, "password-reset");
    await raw.user.update({ where: { id: p.id }, data: { isActive: false } });
    await expect(resetPassword(token, { password: NEW, confirm: NEW }, ip())).rejects.toThrow(
      RESET_LINK_MESSAGES.invalid,
    );
  });

  it("limits link attempts per address", async () => {
    const here = ip();
    const tries = await Promise.allSettled(
      Array.from({ length: 31 }, () => resetPassword("B".repeat(43), { password: NEW, confirm: NEW }, here)),
    );
    expect(tries.some((t) => t.status === "rejected" && t.reason instanceof TooManyAttemptsError)).toBe(true);
  });
});
