// Sign-in, sessions, API tokens and deactivation on the real database. Each test creates its own
// municipality and people (random names), so files running in parallel do not disturb each other.
import { beforeAll, describe, expect, it } from "vitest";
import { testPrisma } from "@/test/fixtures/db";
import { freshMunicipality } from "@/test/fixtures/municipalities";
import { addMembership, freshPerson, freshUser } from "@/test/fixtures/people";
import { randomBytes } from "node:crypto";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { deactivateUser, reactivateUser, suspendMembership, reactivateMembership } from "@/lib/flows/deactivation";
import { hitRateLimit } from "@/lib/rate-limit";
import { createApiToken, principalFromBearer, revokeApiToken } from "./api-token";
import {
  verifyCredentials,
  MAX_FAILED_LOGINS,
  IP_FAILURE_LIMIT,
  PAIR_DAILY_LIMIT,
  STRICT_LOCKOUT,
} from "./credentials";
import { signInLockOf, unlockSignIn } from "@/lib/flows/sign-in-lock";
import { loadUserPrincipal } from "./load-principal";
import { hashPassword } from "@/lib/crypto/password";
import type { UserPrincipal } from "@/lib/identity/principal";
import { checkSession, createSession, listOwnSessions, revokeOwnSessions } from "./session-store";
import { sha256 } from "@/lib/crypto/tokens";
import { viewerFor } from "./viewer";
import { subjectOf } from "@/lib/policy/casl";
import { uniq } from "@/test/fixtures/unique";

const raw = testPrisma();

const tag = uniq();
const PASSWORD = "correct horse battery";
let passwordHash: string;
let muni: string;

beforeAll(async () => {
  passwordHash = await hashPassword(PASSWORD);
  muni = (await freshMunicipality({ slug: `auth-${tag}`, name: `Auth test ${tag}` })).id;
});

async function person(
  name: string,
  groups: string[],
  opts: { isActive?: boolean; isServiceAccount?: boolean; platformGroups?: string[] } = {},
) {
  const email = `${name}-${tag}-${randomBytes(3).toString("hex")}@auth.test`;
  const user = groups.length
    ? await freshPerson(muni, groups, { ...opts, email, name, passwordHash })
    : await freshUser({ ...opts, email, name, passwordHash });
  return { id: user.id, email, membershipId: user.memberships[0]?.id ?? null };
}

async function sessionViewer(userId: string) {
  const p = await loadUserPrincipal(userId, "session");
  expect(p.kind).toBe("user");
  return viewerFor(p);
}

/** A token the person creates for themselves in the test municipality, from a session. */
async function tokenOf(
  userId: string,
  name: string,
  groups = ["viewer"],
  more: Partial<Parameters<typeof createApiToken>[1]> = {},
) {
  return createApiToken(await sessionViewer(userId), { name, municipalityId: muni, groups, ...more });
}

const actions = async (userId: string) =>
  await raw.auditEvent.findMany({
    where: { subjectUserId: userId },
    orderBy: { seq: "asc" },
    select: { action: true, data: true },
  });

describe("password sign-in", () => {
  it("signs in with the right password and records the sign-in", async () => {
    const p = await person("pat", ["viewer"]);
    expect(await verifyCredentials(p.email.toUpperCase(), PASSWORD, "10.0.0.1")).toEqual({ ok: true, userId: p.id });
    expect((await actions(p.id)).map((a) => a.action)).toContain("auth.login");
  });

  it("gives the same answer for a wrong password, an unknown email and a deactivated account", async () => {
    const p = await person("quinn", ["viewer"]);
    const off = await person("rae", ["viewer"], { isActive: false });
    expect(await verifyCredentials(p.email, "wrong", "10.0.0.2")).toEqual({ ok: false, reason: "invalid" });
    expect(await verifyCredentials(`nobody-${tag}@auth.test`, "wrong", "10.0.0.2")).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(await verifyCredentials(off.email, PASSWORD, "10.0.0.2")).toEqual({ ok: false, reason: "invalid" });
    expect((await actions(off.id)).map((a) => a.action)).toContain("auth.login.refused");
  });

  it("locks the account and address pair after ten wrong passwords; the right password then fails there too, not from elsewhere; all audited", async () => {
    const p = await person("sam", ["viewer"]);
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) {
      expect((await verifyCredentials(p.email, `wrong-${i}`, "10.0.0.3")).ok).toBe(false);
    }
    expect(await verifyCredentials(p.email, PASSWORD, "10.0.0.3")).toEqual({ ok: false, reason: "locked" });
    const trail = (await actions(p.id)).map((a) => a.action);
    expect(trail.filter((a) => a === "auth.login.failed")).toHaveLength(MAX_FAILED_LOGINS);
    expect(trail).toContain("auth.lockout");
    expect(trail.at(-1)).toBe("auth.login.locked");
    // Someone else's failures from 10.0.0.3 do not refuse the owner elsewhere (the old lockout
    // locked the account itself: anyone could lock anyone out).
    expect(await verifyCredentials(p.email, PASSWORD, "10.0.1.3")).toEqual({ ok: true, userId: p.id });
    expect(
      await raw.user.findUniqueOrThrow({ where: { id: p.id }, select: { lockedUntil: true, signInLockedAt: true } }),
    ).toEqual({ lockedUntil: null, signInLockedAt: null });
  });

  it("a right password in between resets the count: only failures in a row lock", async () => {
    const p = await person("tove", ["viewer"]);
    for (let i = 0; i < MAX_FAILED_LOGINS - 1; i++) await verifyCredentials(p.email, "wrong", "10.0.0.4");
    expect((await verifyCredentials(p.email, PASSWORD, "10.0.0.4")).ok).toBe(true);
    await verifyCredentials(p.email, "wrong", "10.0.0.4");
    expect((await verifyCredentials(p.email, PASSWORD, "10.0.0.4")).ok).toBe(true);
  });

  it("parallel wrong guesses cannot slip past the lockout: no more than the limit are even checked", async () => {
    const p = await person("uma", ["viewer"]);
    const answers = await Promise.all(
      Array.from({ length: MAX_FAILED_LOGINS + 3 }, () => verifyCredentials(p.email, "wrong", "10.0.0.5")),
    );
    expect(answers.filter((a) => !a.ok && a.reason === "invalid")).toHaveLength(MAX_FAILED_LOGINS);
    expect(await verifyCredentials(p.email, PASSWORD, "10.0.0.5")).toEqual({ ok: false, reason: "locked" });
  });

  it("refuses an address over its failure limit, whatever the account; successes do not count", async () => {
    const ip = `10.9.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;
    const p = await person("vic", ["viewer"]);
    for (let i = 0; i < 3; i++) expect((await verifyCredentials(p.email, PASSWORD, ip)).ok).toBe(true);
    expect(await raw.rateLimitBucket.findUnique({ where: { key: `login:ip:${ip}` } })).toBeNull();
    await raw.rateLimitBucket.create({
      data: { key: `login:ip:${ip}`, windowStart: new Date(), count: IP_FAILURE_LIMIT.limit },
    });
    expect(await verifyCredentials(p.email, PASSWORD, ip)).toEqual({ ok: false, reason: "rate_limited" });
    expect((await verifyCredentials(p.email, PASSWORD, "10.0.0.6")).ok).toBe(true);
  });

  it("40 failures on one account from many addresses do not refuse its owner's right password (they did, for a day)", async () => {
    const p = await person("wren", ["viewer"]);
    // Spread so that no one address reaches its own limits.
    for (let i = 0; i < 45; i++)
      expect((await verifyCredentials(p.email, `wrong-${i}`, `10.7.${Math.floor(i / 5)}.${i % 5}`)).ok).toBe(false);
    expect(await verifyCredentials(p.email, PASSWORD, "10.7.200.1")).toEqual({ ok: true, userId: p.id });
    // Noticed once (for the audit log), not refused.
    expect((await actions(p.id)).filter((a) => a.action === "auth.login.many_failures")).toHaveLength(1);
  });

  it("slow guessing from one address is capped per day for that account and address, for unknown emails too", async () => {
    const email = `ghost-${tag}@auth.test`;
    await raw.rateLimitBucket.create({
      data: { key: `login:pairday:${sha256(email)}:10.0.0.7`, windowStart: new Date(), count: PAIR_DAILY_LIMIT.limit },
    });
    expect(await verifyCredentials(email, "x", "10.0.0.7")).toEqual({ ok: false, reason: "rate_limited" });
    expect(await verifyCredentials(email, "x", "10.0.0.8")).toEqual({ ok: false, reason: "invalid" });
  });

  it("a refused attempt that was rate limited is audited once per window, not once per attempt", async () => {
    const ip = `10.8.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;
    const p = await person("xan", ["viewer"]);
    await raw.rateLimitBucket.create({
      data: { key: `login:ip:${ip}`, windowStart: new Date(), count: IP_FAILURE_LIMIT.limit },
    });
    for (let i = 0; i < 20; i++)
      expect(await verifyCredentials(p.email, PASSWORD, ip)).toEqual({ ok: false, reason: "rate_limited" });
    const limited = await raw.auditEvent.count({ where: { action: "auth.login.rate_limited", ip } });
    expect(limited).toBe(1);
    // The pair lock likewise: its refusals after the lockout are recorded once.
    const q = await person("yara", ["viewer"]);
    for (let i = 0; i < MAX_FAILED_LOGINS + 15; i++) await verifyCredentials(q.email, "wrong", "10.0.0.9");
    expect((await actions(q.id)).filter((a) => a.action === "auth.login.locked")).toHaveLength(1);
  });

  it("counts IPv6 addresses per /64: one host's 2^64 addresses are one address for the limits", async () => {
    const p = await person("zed", ["viewer"]);
    for (let i = 0; i < MAX_FAILED_LOGINS; i++)
      await verifyCredentials(p.email, "wrong", `2001:db8:1:2::${(i + 1).toString(16)}`);
    expect(await verifyCredentials(p.email, PASSWORD, "2001:db8:1:2:ffff::1")).toEqual({ ok: false, reason: "locked" });
    expect((await verifyCredentials(p.email, PASSWORD, "2001:db8:1:3::1")).ok).toBe(true);
  });
});

describe("strict lockout (a municipality's setting)", () => {
  async function strictPerson(name: string) {
    const p = await person(name, ["viewer"]);
    const strict = await freshMunicipality({
      slug: `strict-${tag}-${name}`,
      name: `Strict ${name}`,
      lockoutUntilUnlocked: true,
    });
    // Under it when any of their memberships' municipalities has it on.
    await addMembership(p.id, strict.id, ["viewer"], { status: "SUSPENDED" });
    return p;
  }

  it("five failures in fifteen minutes lock the account until an administrator unlocks it, whatever the address", async () => {
    const p = await strictPerson("abe");
    for (let i = 0; i < STRICT_LOCKOUT.limit; i++)
      expect(await verifyCredentials(p.email, `wrong-${i}`, `10.6.0.${i}`)).toEqual({ ok: false, reason: "invalid" });
    const locked = await raw.user.findUniqueOrThrow({ where: { id: p.id }, select: { signInLockedAt: true } });
    expect(locked.signInLockedAt).not.toBeNull();
    expect(await verifyCredentials(p.email, PASSWORD, "10.6.1.1")).toEqual({ ok: false, reason: "locked" });
    // It does not end by itself: the rate-limit windows running out changes nothing.
    await raw.rateLimitBucket.deleteMany({
      where: { OR: [{ key: { contains: sha256(p.email) } }, { key: { contains: p.id } }] },
    });
    expect(await verifyCredentials(p.email, PASSWORD, "10.6.1.2")).toEqual({ ok: false, reason: "locked" });
    const trail = await actions(p.id);
    const lockout = trail.find((a) => a.action === "auth.lockout");
    expect(lockout?.data).toMatchObject({ mode: "until_unlocked", after: STRICT_LOCKOUT.limit });
    // Whether the refused password was right is not written down (admins read these events).
    for (const e of trail) expect(Object.keys(e.data as object)).not.toContain("passwordCorrect");
  });

  it("someone without the setting is not locked by five failures", async () => {
    const p = await person("bea", ["viewer"]);
    for (let i = 0; i < STRICT_LOCKOUT.limit + 1; i++) await verifyCredentials(p.email, "wrong", `10.6.2.${i}`);
    expect((await verifyCredentials(p.email, PASSWORD, "10.6.3.1")).ok).toBe(true);
  });

  it("an administrator of one of the person's municipalities unlocks it, audited; others cannot; nobody unlocks themselves", async () => {
    const p = await strictPerson("cy");
    for (let i = 0; i < STRICT_LOCKOUT.limit; i++) await verifyCredentials(p.email, "wrong", "10.6.4.1");
    const admin = await person("dee", ["municipality_admin"]);
    const viewer = await person("eli", ["viewer"]);
    const adminViewer = await sessionViewer(admin.id);
    await expect(unlockSignIn(await sessionViewer(viewer.id), p.membershipId!)).rejects.toBeInstanceOf(NotFoundError);
    await expect(unlockSignIn(adminViewer, admin.membershipId!)).rejects.toBeInstanceOf(ForbiddenError);
    expect(await signInLockOf(adminViewer, p.membershipId!)).toMatchObject({
      locked: true,
      canUnlock: true,
      strict: true,
    });
    expect(await unlockSignIn(adminViewer, p.membershipId!)).toEqual({ unlocked: true });
    expect(await unlockSignIn(adminViewer, p.membershipId!)).toEqual({ unlocked: false });
    const unlock = await raw.auditEvent.findMany({ where: { subjectUserId: p.id, action: "auth.unlock" } });
    expect(unlock).toHaveLength(1);
    expect(unlock[0]!.actorId).toBe(admin.id);
    expect((await verifyCredentials(p.email, PASSWORD, "10.6.4.1")).ok).toBe(true);
  });
});

describe("rate limit buckets", () => {
  it("count concurrent hits exactly (one atomic upsert each)", async () => {
    const key = `test:${tag}:concurrent`;
    const results = await Promise.all(Array.from({ length: 25 }, () => hitRateLimit(key, 20, 60)));
    expect(results.map((r) => r.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(results.filter((r) => !r.allowed)).toHaveLength(5);
  });
});

describe("server-side sessions", () => {
  it("are checked on every request: revoked, expired and deactivated sessions stop working", async () => {
    const p = await person("wes", ["viewer"]);
    const a = await createSession(p.id, { ip: "10.1.1.1", userAgent: "test" });
    const b = await createSession(p.id, {});
    const stateA = await checkSession(a);
    expect(stateA).toMatchObject({ status: "active", userId: p.id });
    expect(await raw.session.count({ where: { sessionToken: a } })).toBe(0); // only the hash is stored
    expect(await checkSession("not-a-session")).toEqual({ status: "none" });

    // "Sign out everywhere else" keeps this browser's session.
    const current = stateA.status === "active" ? stateA.sessionId : null;
    expect(await listOwnSessions(p.id, current)).toHaveLength(2);
    expect(await revokeOwnSessions(p.id, { keepSessionId: current })).toBe(1);
    expect((await checkSession(a)).status).toBe("active");
    expect((await checkSession(b)).status).toBe("revoked");
    expect((await actions(p.id)).map((x) => x.action)).toContain("auth.sessions.revoked");

    await raw.session.updateMany({
      where: { userId: p.id, revokedAt: null },
      data: { expires: new Date(Date.now() - 1000) },
    });
    expect((await checkSession(a)).status).toBe("expired");

    const c = await createSession(p.id, {});
    await raw.user.update({ where: { id: p.id }, data: { isActive: false } });
    expect((await checkSession(c)).status).toBe("deactivated");
  });

  it("read the principal fresh: a suspended membership or removed group counts at the next request", async () => {
    const p = await person("xan", ["operator", "viewer"]);
    const before = await loadUserPrincipal(p.id);
    expect(before.kind === "user" && before.memberships[0]!.groups).toEqual(["operator", "viewer"]);
    await raw.membership.update({ where: { id: p.membershipId! }, data: { groups: ["viewer"] } });
    const fewer = await loadUserPrincipal(p.id);
    expect(fewer.kind === "user" && fewer.memberships[0]!.groups).toEqual(["viewer"]);
    await raw.membership.update({ where: { id: p.membershipId! }, data: { status: "SUSPENDED" } });
    const none = await loadUserPrincipal(p.id);
    expect(none.kind === "user" && none.memberships).toEqual([]);
    await raw.user.update({ where: { id: p.id }, data: { isActive: false } });
    expect((await loadUserPrincipal(p.id)).kind).toBe("anonymous");
  });
});

describe("API tokens", () => {
  it("are shown once, stored hashed, bounded by the creator's groups, and stop at revocation", async () => {
    const p = await person("yara", ["operator", "viewer"]);
    const viewer = await sessionViewer(p.id);
    await expect(
      createApiToken(viewer, { name: "Too wide", municipalityId: muni, groups: ["manager"] }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    const t = await createApiToken(viewer, {
      name: "Export",
      municipalityId: muni,
      groups: ["viewer"],
      expiresInDays: 30,
    });
    const row = await raw.apiToken.findUniqueOrThrow({ where: { id: t.id } });
    expect(row.tokenHash).toBe(sha256(t.token));
    expect(JSON.stringify(row)).not.toContain(t.token.slice(3));

    const used = await principalFromBearer(`Bearer ${t.token}`, "10.2.0.1");
    expect(used.presented).toBe(true);
    const principal = used.principal as UserPrincipal;
    expect(principal).toMatchObject({ kind: "user", userId: p.id, via: "token", tokenId: t.id });
    expect(principal.memberships.map((m) => m.groups)).toEqual([["viewer"]]);
    expect((await raw.apiToken.findUniqueOrThrow({ where: { id: t.id } })).lastUsedAt).not.toBeNull();
    expect((await principalFromBearer(`bearer ${t.token}`, "10.2.0.1")).principal.kind).toBe("user");

    // A token cannot mint tokens.
    await expect(
      createApiToken(await viewerFor(principal), { name: "Child", municipalityId: muni, groups: ["viewer"] }),
    ).rejects.toBeInstanceOf(ForbiddenError);

    await revokeApiToken(viewer, t.id);
    expect(await principalFromBearer(`Bearer ${t.token}`, "10.2.0.1")).toEqual({
      principal: { kind: "anonymous" },
      presented: true,
    });
    const trail = (await raw.auditEvent.findMany({ where: { targetId: t.id }, orderBy: { seq: "asc" } })).map(
      (e) => e.action,
    );
    expect(trail).toEqual(["token.create", "token.use", "token.revoke", "token.rejected"]);
  });

  it("act with no more than the holder has now: a removed group or a suspension ends them at once", async () => {
    const p = await person("zed", ["operator", "viewer"]);
    const t = await tokenOf(p.id, "Both", ["operator", "viewer"]);
    await raw.membership.update({ where: { id: p.membershipId! }, data: { groups: ["viewer"] } });
    const narrowed = (await principalFromBearer(`Bearer ${t.token}`, null)).principal as UserPrincipal;
    expect(narrowed.memberships.map((m) => m.groups)).toEqual([["viewer"]]);
    await raw.membership.update({ where: { id: p.membershipId! }, data: { status: "SUSPENDED" } });
    const suspended = (await principalFromBearer(`Bearer ${t.token}`, null)).principal as UserPrincipal;
    expect(suspended.memberships).toEqual([]);
  });

  it("refuse unknown, malformed and expired tokens; a missing header is not a presentation", async () => {
    expect(await principalFromBearer(null, null)).toEqual({ principal: { kind: "anonymous" }, presented: false });
    expect((await principalFromBearer("Bearer gh_unknown", null)).presented).toBe(true);
    expect((await principalFromBearer("Bearer", null)).presented).toBe(true);
    expect((await principalFromBearer("Basic abc", null)).presented).toBe(false);
    const p = await person("abe", ["viewer"]);
    const t = await tokenOf(p.id, "Short", ["viewer"], { expiresInDays: 1 });
    await raw.apiToken.update({ where: { id: t.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await principalFromBearer(`Bearer ${t.token}`, null)).principal.kind).toBe("anonymous");
  });

  it("a busy token is recorded once per window, and still stops at the very next request after revocation or deactivation", async () => {
    const p = await person("fay", ["viewer"]);
    const t = await tokenOf(p.id, "Busy");
    for (let i = 0; i < 5; i++)
      expect((await principalFromBearer(`Bearer ${t.token}`, "10.4.0.1")).principal.kind).toBe("user");
    const uses = async () => (await raw.auditEvent.findMany({ where: { targetId: t.id, action: "token.use" } })).length;
    expect(await uses()).toBe(1);
    // Five requests, one bucket write: the repeats were answered from this process's memory.
    expect((await raw.rateLimitBucket.findUniqueOrThrow({ where: { key: `token-use:${t.id}:10.4.0.1` } })).count).toBe(
      1,
    );
    // The memory is about bookkeeping only: revocation is read fresh with the token every time.
    await raw.apiToken.update({ where: { id: t.id }, data: { revokedAt: new Date() } });
    expect((await principalFromBearer(`Bearer ${t.token}`, "10.4.0.1")).principal.kind).toBe("anonymous");
    await raw.apiToken.update({ where: { id: t.id }, data: { revokedAt: null } });
    expect((await principalFromBearer(`Bearer ${t.token}`, "10.4.0.1")).principal.kind).toBe("user");
    await raw.user.update({ where: { id: p.id }, data: { isActive: false } });
    expect((await principalFromBearer(`Bearer ${t.token}`, "10.4.0.1")).principal.kind).toBe("anonymous");
  });

  it("read the module switches with the principal, fresh on every request", async () => {
    const p = await person("gus", ["viewer"]);
    const t = await tokenOf(p.id, "Modules");
    const canReadRequests = async () =>
      (await viewerFor((await principalFromBearer(`Bearer ${t.token}`, null)).principal)).ability.can(
        "read",
        subjectOf("ServiceRequest", { municipalityId: muni }),
      );
    expect(await canReadRequests()).toBe(true);
    await raw.municipality.update({ where: { id: muni }, data: { disabledModules: ["service_requests"] } });
    try {
      expect(await canReadRequests()).toBe(false);
      expect(
        (await viewerFor(await loadUserPrincipal(p.id))).ability.can(
          "read",
          subjectOf("ServiceRequest", { municipalityId: muni }),
        ),
      ).toBe(false);
    } finally {
      await raw.municipality.update({ where: { id: muni }, data: { disabledModules: [] } });
    }
    expect(await canReadRequests()).toBe(true);
  });

  it("an admin creates tokens for a service account of their municipality only, within both their groups", async () => {
    const admin = await person("ada", ["municipality_admin", "viewer"]);
    const bot = await person("bot", ["viewer", "operator"], { isServiceAccount: true });
    const human = await person("hal", ["viewer"]);
    const adminViewer = await sessionViewer(admin.id);
    const t = await createApiToken(adminViewer, {
      name: "GIS import",
      municipalityId: muni,
      groups: ["viewer"],
      forUserId: bot.id,
    });
    expect((await raw.apiToken.findUniqueOrThrow({ where: { id: t.id } })).userId).toBe(bot.id);
    // operator: the bot has it, the admin does not.
    await expect(
      createApiToken(adminViewer, { name: "Wider", municipalityId: muni, groups: ["operator"], forUserId: bot.id }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      createApiToken(adminViewer, { name: "Person", municipalityId: muni, groups: ["viewer"], forUserId: human.id }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    // A plain member may not create tokens for the bot at all.
    await expect(tokenOf(human.id, "Nope", ["viewer"], { forUserId: bot.id })).rejects.toBeInstanceOf(NotFoundError);
    // The admin can revoke the bot's token; another member cannot (and learns nothing).
    await expect(revokeApiToken(await sessionViewer(human.id), t.id)).rejects.toBeInstanceOf(NotFoundError);
    await revokeApiToken(adminViewer, t.id);
  });
});

describe("deactivation flows", () => {
  it("deactivating an account revokes its sessions and tokens and bumps accessVersion, in one audited step; reactivation restores sign-in", async () => {
    const admin = await person("amy", ["municipality_admin"]);
    const p = await person("ben", ["viewer"]);
    const sid = await createSession(p.id, {});
    const t = await tokenOf(p.id, "Mine");
    const before = await raw.user.findUniqueOrThrow({ where: { id: p.id }, select: { accessVersion: true } });
    const adminViewer = await sessionViewer(admin.id);

    await deactivateUser(adminViewer, p.id, "Left the municipality");
    const after = await raw.user.findUniqueOrThrow({
      where: { id: p.id },
      select: { accessVersion: true, isActive: true },
    });
    expect(after.isActive).toBe(false);
    expect(after.accessVersion).toBeGreaterThan(before.accessVersion);
    expect((await checkSession(sid)).status).toBe("deactivated");
    expect((await principalFromBearer(`Bearer ${t.token}`, null)).principal.kind).toBe("anonymous");
    expect(await verifyCredentials(p.email, PASSWORD, "10.3.0.1")).toEqual({ ok: false, reason: "invalid" });
    const ev = (await actions(p.id)).find((a) => a.action === "user.deactivate");
    expect(ev?.data).toMatchObject({ reason: "Left the municipality", sessionsRevoked: 1, tokensRevoked: 1 });

    await reactivateUser(adminViewer, p.id);
    expect((await verifyCredentials(p.email, PASSWORD, "10.3.0.1")).ok).toBe(true);
    // Old sessions and tokens stay revoked: reactivation is not a way back into them.
    expect((await checkSession(sid)).status).toBe("revoked");
    expect((await principalFromBearer(`Bearer ${t.token}`, null)).principal.kind).toBe("anonymous");
  });

  it("suspending a membership ends access in that municipality only, and is reversible", async () => {
    const admin = await person("ann", ["municipality_admin"]);
    const p = await person("cat", ["operator"]);
    const adminViewer = await sessionViewer(admin.id);
    await suspendMembership(adminViewer, p.membershipId!, "On leave");
    expect(((await loadUserPrincipal(p.id)) as UserPrincipal).memberships).toEqual([]);
    await reactivateMembership(adminViewer, p.membershipId!);
    expect(((await loadUserPrincipal(p.id)) as UserPrincipal).memberships.map((m) => m.groups)).toEqual([["operator"]]);
    expect((await actions(p.id)).map((a) => a.action)).toEqual(
      expect.arrayContaining(["membership.suspend", "membership.reactivate"]),
    );
  });

  it("a member without admin rights cannot deactivate anyone", async () => {
    const a = await person("dan", ["operator"]);
    const b = await person("eli", ["viewer"]);
    await expect(deactivateUser(await sessionViewer(a.id), b.id, "Because")).rejects.toThrow();
    expect((await raw.user.findUniqueOrThrow({ where: { id: b.id } })).isActive).toBe(true);
  });
});
