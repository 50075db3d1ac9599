// Linking an external identity from the account page, on the real database: the signed-in person
// runs the provider's flow carrying a single-use link intent bound to their session, and the
// identity joins *their* account — never someone else's, never one already linked elsewhere.
// Unlinking is refused when it would leave no way to sign in. Google/Microsoft sign-in follows
// the same joining rule as SSO. Uses its own municipality, mapping and people.
import { beforeAll, describe, expect, it } from "vitest";
import { testPrisma } from "@/test/fixtures/db";
import { freshMunicipality } from "@/test/fixtures/municipalities";
import { freshUser } from "@/test/fixtures/people";
import { ConflictError, NotFoundError } from "@/lib/errors";
import {
  consumeLinkIntent,
  createLinkIntent,
  linkableProviders,
  linkIdentity,
  listOwnIdentities,
  unlinkIdentity,
} from "./identity-links";
import { applyOAuthSignIn } from "./oauth";
import { hashPassword } from "@/lib/crypto/password";
import { createSession, checkSession } from "./session-store";
import { applySsoSignIn } from "./sso";
import type { SsoMap } from "./sso-map";
import { uniq } from "@/test/fixtures/unique";

const raw = testPrisma();

const tag = uniq();
const slug = `link-${tag}`;
const provider = `sso-${slug}`;
const domain = `link-${tag}.test`;
const map: SsoMap = {
  municipalities: {
    [slug]: { requireMappedClaim: true, emailDomains: [domain], claims: { job_codes: { OPS: ["operator"] } } },
  },
};

/** Links an identity at the municipality's IdP (or the named provider) with an empty profile. */
const linkAs = (userId: string, identity: { provider?: string; providerAccountId: string; email: string }) =>
  linkIdentity(userId, { provider, profile: {}, ...identity }, { map });
let passwordHash: string;

beforeAll(async () => {
  passwordHash = await hashPassword("a-long-enough-password");
  const m = await freshMunicipality({ slug, name: `Link ${tag}` });
  await raw.ssoConnection.create({
    data: { municipalityId: m.id, issuer: "http://127.0.0.1:1", clientId: "test", clientSecretCipher: "not-used-here" },
  });
});

async function passwordPerson(name: string, extra: { platformGroups?: string[]; noPassword?: boolean } = {}) {
  const email = `${name}@${domain}`;
  const u = await freshUser({
    email,
    name,
    passwordHash: extra.noPassword ? null : passwordHash,
    platformGroups: extra.platformGroups,
  });
  const sid = await createSession(u.id, {});
  const s = await checkSession(sid);
  if (s.status !== "active") throw new Error("no session");
  return { id: u.id, email, session: { userId: u.id, sessionId: s.sessionId } };
}
const events = async (userId: string, action: string) =>
  await raw.auditEvent.findMany({
    where: { subjectUserId: userId, action },
    orderBy: { seq: "asc" },
    select: { actorId: true, actorType: true, data: true },
  });

describe("link intents", () => {
  it("are single-use, bound to the session and the provider that started them, and expire", async () => {
    const p = await passwordPerson("ida");
    const other = await passwordPerson("ole");
    const secret = await createLinkIntent(p.session, provider);
    // Another provider, another person's session, another session of the same person: not this intent.
    expect(await consumeLinkIntent(secret, "google", p.session)).toBeNull();
    expect(await consumeLinkIntent(secret, provider, other.session)).toBeNull();
    expect(await consumeLinkIntent(secret, provider, { userId: p.id, sessionId: "another-session" })).toBeNull();
    expect(await consumeLinkIntent(secret, provider, null)).toBeNull();
    expect(await consumeLinkIntent(undefined, provider, p.session)).toBeNull();
    expect(await consumeLinkIntent(secret, provider, p.session)).toBe(p.id);
    expect(await consumeLinkIntent(secret, provider, p.session)).toBeNull();
    // Only the hash is stored.
    expect(await raw.verificationToken.count({ where: { token: secret } })).toBe(0);

    const late = await createLinkIntent(p.session, provider);
    await raw.verificationToken.updateMany({
      where: { identifier: { startsWith: `link:${provider}:${p.id}:` } },
      data: { expires: new Date(Date.now() - 1000) },
    });
    expect(await consumeLinkIntent(late, provider, p.session)).toBeNull();
  });
});

describe("linking from the account page", () => {
  it("attaches the SSO identity to the signed-in person, audited; then SSO alone signs them in", async () => {
    const p = await passwordPerson("pia");
    // Before linking, SSO sign-in is refused: the account has a password.
    expect(
      await applySsoSignIn(slug, { sub: "pia-1", email: p.email, email_verified: true, job_codes: ["OPS"] }, { map }),
    ).toEqual({ ok: false, reason: "link_required" });
    expect(
      await linkIdentity(
        p.id,
        { provider, providerAccountId: "pia-1", email: p.email, profile: { sub: "pia-1", email: p.email } },
        { map },
      ),
    ).toEqual({ ok: true, alreadyLinked: false });
    const [ev] = await events(p.id, "auth.identity.linked");
    expect(ev).toMatchObject({ actorId: p.id, actorType: "user", data: { provider, providerAccountId: "pia-1" } });
    expect(await applySsoSignIn(slug, { sub: "pia-1", email: p.email, job_codes: ["OPS"] }, { map })).toMatchObject({
      ok: true,
      userId: p.id,
      groups: ["operator"],
    });
    // Linking again is a no-op.
    expect(await linkAs(p.id, { providerAccountId: "pia-1", email: p.email })).toEqual({
      ok: true,
      alreadyLinked: true,
    });
    expect(await listOwnIdentities(p.id)).toEqual({
      hasPassword: true,
      identities: [expect.objectContaining({ provider, canUnlink: true })],
    });
  });

  it("refuses an identity already linked to someone else, a second identity at the same provider, and a different address", async () => {
    const a = await passwordPerson("quin");
    const b = await passwordPerson("rolf");
    expect((await linkAs(a.id, { providerAccountId: "quin-1", email: a.email })).ok).toBe(true);
    // b signs in at the IdP as quin and tries to attach quin's identity to b's account.
    expect(await linkAs(b.id, { providerAccountId: "quin-1", email: a.email })).toEqual({
      ok: false,
      reason: "identity_taken",
    });
    expect(await linkAs(a.id, { providerAccountId: "quin-2", email: a.email })).toEqual({
      ok: false,
      reason: "provider_already_linked",
    });
    expect(await linkAs(b.id, { providerAccountId: "rolf-1", email: `someone.else@${domain}` })).toEqual({
      ok: false,
      reason: "email_mismatch",
    });
    expect(await raw.account.count({ where: { userId: b.id } })).toBe(0);
    expect(
      (await events(b.id, "auth.identity.link_refused")).map((e) => (e.data as { reason: string }).reason),
    ).toEqual(["identity_taken", "email_mismatch"]);
  });

  it("keeps the municipal rules: the IdP's domain, no platform accounts, no unknown provider", async () => {
    const root = await passwordPerson("sven", { platformGroups: ["superuser"] });
    expect(await linkAs(root.id, { providerAccountId: "sven-1", email: root.email })).toEqual({
      ok: false,
      reason: "platform_account",
    });
    const outsider = await freshUser({ email: `tara-${tag}@elsewhere.test`, passwordHash, name: null });
    expect(await linkAs(outsider.id, { providerAccountId: "tara-1", email: `tara-${tag}@elsewhere.test` })).toEqual({
      ok: false,
      reason: "email_domain",
    });
    const p = await passwordPerson("uwe");
    expect(await linkAs(p.id, { provider: "sso-no-such-town", providerAccountId: "uwe-1", email: p.email })).toEqual({
      ok: false,
      reason: "not_available",
    });
    expect(await linkAs(p.id, { provider: "github", providerAccountId: "uwe-1", email: p.email })).toEqual({
      ok: false,
      reason: "not_available",
    });
  });

  it("offers a municipality's IdP only to addresses in its domains, never to platform accounts, and not once linked", async () => {
    const p = await passwordPerson("yuki");
    const mine = async (userId: string) =>
      (await linkableProviders(userId, map)).map((x) => x.id).filter((id) => id.startsWith("sso-"));
    expect(await mine(p.id)).toEqual([provider]);
    const root = await passwordPerson("zeno", { platformGroups: ["platform_admin"] });
    expect(await mine(root.id)).toEqual([]);
    const outsider = await freshUser({ email: `yuki-${tag}@elsewhere.test`, passwordHash, name: null });
    expect(await mine(outsider.id)).toEqual([]);
    await linkAs(p.id, { providerAccountId: "yuki-1", email: p.email });
    expect(await mine(p.id)).toEqual([]);
  });

  it("unlinks, audited; refuses to remove the last way to sign in and anyone else's identity", async () => {
    const p = await passwordPerson("vera");
    await linkAs(p.id, { providerAccountId: "vera-1", email: p.email });
    const accountId = (await raw.account.findFirstOrThrow({ where: { userId: p.id } })).id;
    const other = await passwordPerson("walt");
    await expect(unlinkIdentity(other.id, accountId)).rejects.toBeInstanceOf(NotFoundError);
    expect(await unlinkIdentity(p.id, accountId)).toEqual({ provider });
    expect(await raw.account.count({ where: { userId: p.id } })).toBe(0);
    expect(await events(p.id, "auth.identity.unlinked")).toEqual([
      expect.objectContaining({
        actorId: p.id,
        data: expect.objectContaining({ provider, providerAccountId: "vera-1" }),
      }),
    ]);

    // A person created by SSO has no password: their only identity stays.
    const jit = await applySsoSignIn(slug, { sub: "xena-1", email: `xena@${domain}`, job_codes: ["OPS"] }, { map });
    const jitId = jit.ok ? jit.userId : "";
    const only = (await raw.account.findFirstOrThrow({ where: { userId: jitId } })).id;
    await expect(unlinkIdentity(jitId, only)).rejects.toBeInstanceOf(ConflictError);
    expect(await raw.account.count({ where: { userId: jitId } })).toBe(1);
    expect((await listOwnIdentities(jitId)).identities).toEqual([
      expect.objectContaining({ provider, canUnlink: false }),
    ]);
    // With a second identity, either one may go.
    await raw.account.create({
      data: { userId: jitId, type: "oauth", provider: "google", providerAccountId: `g-${tag}-xena` },
    });
    expect(await unlinkIdentity(jitId, only)).toEqual({ provider });
  });
});

describe("Google from the account page", () => {
  it("links Google from the account page for a password account; then Google alone signs in", async () => {
    const p = await passwordPerson("bea");
    expect(
      await linkIdentity(
        p.id,
        { provider: "google", providerAccountId: `g-${tag}-bea`, email: p.email, profile: { email_verified: true } },
        { map },
      ),
    ).toEqual({ ok: true, alreadyLinked: false });
    expect(await applyOAuthSignIn("google", `g-${tag}-bea`, p.email, { email_verified: true }, null)).toEqual({
      ok: true,
      userId: p.id,
    });
  });
});
