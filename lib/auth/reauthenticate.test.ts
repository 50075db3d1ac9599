// Password step-up on the real database: the right password makes the session's authentication
// recent (and audited); a wrong one changes nothing and is counted, ten lock further tries for the
// window; a strict lockout refuses even the right password; people with a stronger factor are
// sent to that factor instead.
import { afterAll, describe, expect, it } from "vitest";
import { testPrisma } from "@/test/fixtures/db";
import { freshMunicipality } from "@/test/fixtures/municipalities";
import { DEMO_PASSWORD, freshPerson } from "@/test/fixtures/people";
import { checkSession, createSession, type ActiveSession } from "./session-store";
import { reauthenticateWithPassword, REAUTH_LIMIT } from "./reauthenticate";
import { isRecentlyAuthenticated } from "./step-up";

const raw = testPrisma();
afterAll(() => raw.$disconnect());

/** A person with a password and a session that authenticated 20 minutes ago. */
async function staleSession(): Promise<{ userId: string; session: ActiveSession }> {
  const p = await freshPerson((await freshMunicipality()).id, ["viewer"], { password: DEMO_PASSWORD });
  const sid = await createSession(p.id, {}, { authMethods: ["pwd"] });
  await raw.session.updateMany({
    where: { userId: p.id },
    data: { authenticatedAt: new Date(Date.now() - 20 * 60_000) },
  });
  const s = await checkSession(sid);
  if (s.status !== "active") throw new Error("no active session");
  const { status: _s, ...session } = s;
  return { userId: p.id, session };
}

const events = (userId: string, action: string) => raw.auditEvent.count({ where: { action, subjectUserId: userId } });

describe("reauthenticateWithPassword", () => {
  it("the right password makes the session recent again, audited once", async () => {
    const { userId, session } = await staleSession();
    expect(await isRecentlyAuthenticated(session)).toBe(false);
    expect(await reauthenticateWithPassword(session, DEMO_PASSWORD, "192.0.2.10")).toEqual({ ok: true });
    const row = await raw.session.findUniqueOrThrow({ where: { id: session.sessionId } });
    expect(Date.now() - row.authenticatedAt.getTime()).toBeLessThan(60_000);
    expect(row.authMethods).toEqual(["pwd"]);
    expect(await isRecentlyAuthenticated({ ...session, authenticatedAt: row.authenticatedAt })).toBe(true);
    expect(await events(userId, "auth.step_up")).toBe(1);
  });

  it("a wrong password changes nothing and is audited; after ten, even the right one waits for the window", async () => {
    const { userId, session } = await staleSession();
    const before = (await raw.session.findUniqueOrThrow({ where: { id: session.sessionId } })).authenticatedAt;
    expect(await reauthenticateWithPassword(session, "wrong-password-1", null)).toEqual({
      ok: false,
      reason: "invalid",
    });
    for (let i = 2; i <= REAUTH_LIMIT.limit; i++) await reauthenticateWithPassword(session, `wrong-${i}`, null);
    expect(await events(userId, "auth.step_up.failed")).toBe(REAUTH_LIMIT.limit);
    expect(await reauthenticateWithPassword(session, DEMO_PASSWORD, null)).toEqual({ ok: false, reason: "locked" });
    expect((await raw.session.findUniqueOrThrow({ where: { id: session.sessionId } })).authenticatedAt).toEqual(before);
    expect(await events(userId, "auth.step_up")).toBe(0);
    // The refusals that were never checked are recorded once per window, not once each.
    await reauthenticateWithPassword(session, DEMO_PASSWORD, null);
    expect(await events(userId, "auth.step_up.locked")).toBe(1);
  });

  it("a strict lockout refuses the right password too", async () => {
    const { userId, session } = await staleSession();
    await raw.user.update({ where: { id: userId }, data: { signInLockedAt: new Date() } });
    expect(await reauthenticateWithPassword(session, DEMO_PASSWORD, null)).toEqual({ ok: false, reason: "locked" });
    expect(await events(userId, "auth.step_up")).toBe(0);
  });

  it("someone with an authenticator app or a passkey cannot step up with the password", async () => {
    const { userId, session } = await staleSession();
    await raw.totpFactor.create({ data: { userId, secretCipher: "x", confirmedAt: new Date() } });
    expect(await reauthenticateWithPassword(session, DEMO_PASSWORD, null)).toEqual({
      ok: false,
      reason: "not_password",
    });
    expect(await events(userId, "auth.step_up")).toBe(0);
  });
});
