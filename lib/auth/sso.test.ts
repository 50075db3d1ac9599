// Municipal SSO sign-in on the real database: just-in-time membership, groups re-synced to the
// claims at every sign-in, refusals, and the identity rules that stop an IdP from becoming
// someone it does not speak for. Uses its own municipality and mapping.
import { beforeAll, describe, expect, it } from "vitest";
import { testPrisma } from "@/test/fixtures/db";
import { freshMunicipality } from "@/test/fixtures/municipalities";
import { freshUser } from "@/test/fixtures/people";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { loadUserPrincipal } from "./load-principal";
import type { UserPrincipal } from "@/lib/identity/principal";
import { open, seal } from "@/lib/crypto/secret-box";
import { applySsoSignIn } from "./sso";
import { hashPassword } from "@/lib/crypto/password";
import { newSecret, sha256 } from "@/lib/crypto/tokens";
import { acceptInvitation, prepareProviderSignIn } from "@/lib/flows/onboarding";
import { loadSsoMap, type SsoMap } from "./sso-map";
import { uniq } from "@/test/fixtures/unique";

const raw = testPrisma();

const tag = uniq();
const slug = `sso-${tag}`;
const domain = `sso-${tag}.test`;
let muni: string;

const map: SsoMap = {
  municipalities: {
    [slug]: {
      requireMappedClaim: true,
      emailDomains: [domain],
      claims: {
        job_codes: { OPS: ["operator"], MGR: ["manager"], READ: ["viewer"] },
        groups: { analysts: ["analyst"] },
      },
    },
  },
};
const sign = (sub: string, claims: Record<string, unknown>) => applySsoSignIn(slug, { sub, ...claims }, { map });
const groupsOf = async (userId: string) =>
  ((await loadUserPrincipal(userId)) as UserPrincipal).memberships.find((m) => m.municipalityId === muni)?.groups;
const trail = async (userId: string) =>
  await raw.auditEvent.findMany({
    where: { subjectUserId: userId },
    orderBy: { seq: "asc" },
    select: { action: true, data: true },
  });

beforeAll(async () => {
  muni = (await freshMunicipality({ slug, name: `SSO ${tag}` })).id;
});

describe("SSO sign-in", () => {
  it("creates the person and membership just in time with the mapped groups, and re-syncs them each time", async () => {
    const email = `olga@${domain}`;
    const first = await sign("olga-1", { email, name: "Olga", job_codes: ["OPS"], groups: ["analysts"] });
    expect(first).toMatchObject({ ok: true, groups: ["analyst", "operator"] });
    const userId = first.ok ? first.userId : "";
    expect(await groupsOf(userId)).toEqual(["analyst", "operator"]);

    const second = await sign("olga-1", { email, job_codes: ["MGR"] });
    expect(second).toMatchObject({ ok: true, userId, groups: ["manager"] });
    expect(await groupsOf(userId)).toEqual(["manager"]);
    const syncs = (await trail(userId)).filter((e) => e.action === "membership.sso_sync").map((e) => e.data);
    expect(syncs).toEqual([
      expect.objectContaining({ created: true, added: ["analyst", "operator"], removed: [] }),
      expect.objectContaining({ created: false, added: ["manager"], removed: ["analyst", "operator"] }),
    ]);
    // Nothing changed: a sign-in, but no sync event.
    await sign("olga-1", { email, job_codes: ["MGR"] });
    expect((await trail(userId)).filter((e) => e.action === "membership.sso_sync")).toHaveLength(2);
    expect((await trail(userId)).filter((e) => e.action === "auth.login")).toHaveLength(3);
  });

  it("refuses a person whose claims map to nothing, and takes away groups they held before", async () => {
    expect(await sign("nomad", { email: `nomad@${domain}`, job_codes: ["UNKNOWN"] })).toEqual({
      ok: false,
      reason: "no_mapped_claim",
    });
    expect(await raw.user.count({ where: { email: `nomad@${domain}` } })).toBe(0);

    const had = await sign("paul-1", { email: `paul@${domain}`, job_codes: ["READ"] });
    const userId = had.ok ? had.userId : "";
    expect(await sign("paul-1", { email: `paul@${domain}`, job_codes: [] })).toEqual({
      ok: false,
      reason: "no_mapped_claim",
    });
    expect(await groupsOf(userId)).toEqual([]);
    expect((await trail(userId)).map((e) => e.action)).toEqual(
      expect.arrayContaining(["membership.sso_sync", "auth.sso.refused"]),
    );
  });

  it("refuses addresses outside the municipality's domains, and missing emails", async () => {
    expect(await sign("eve", { email: "eve@elsewhere.test", job_codes: ["OPS"] })).toEqual({
      ok: false,
      reason: "email_domain",
    });
    expect(await sign("anon", { job_codes: ["OPS"] })).toEqual({ ok: false, reason: "no_email" });
    expect(await applySsoSignIn("no-such-town", { sub: "x", email: `x@${domain}` }, { map })).toEqual({
      ok: false,
      reason: "not_configured",
    });
  });

  it("links an existing account by email once, then by subject; another subject with that email is refused", async () => {
    const email = `rita@${domain}`;
    const user = await freshUser({ email, name: "Rita" });
    const linked = await sign("rita-1", { email, email_verified: true, job_codes: ["READ"] });
    expect(linked).toMatchObject({ ok: true, userId: user.id });
    expect(await sign("rita-2", { email, email_verified: true, job_codes: ["READ"] })).toEqual({
      ok: false,
      reason: "identity_conflict",
    });
    // The IdP changed her address: still her, recognised by subject.
    expect(await sign("rita-1", { email: `rita.new@${domain}`, job_codes: ["READ"] })).toMatchObject({
      ok: true,
      userId: user.id,
    });
  });

  it("never signs in a platform account or a deactivated one through a municipal IdP", async () => {
    await freshUser({ email: `root@${domain}`, platformGroups: ["superuser"], name: null });
    expect(await sign("root", { email: `root@${domain}`, job_codes: ["OPS"] })).toEqual({
      ok: false,
      reason: "platform_account",
    });
    await freshUser({ email: `gone@${domain}`, isActive: false, name: null });
    expect(await sign("gone", { email: `gone@${domain}`, job_codes: ["OPS"] })).toEqual({
      ok: false,
      reason: "deactivated",
    });
  });

  it("keeps a suspended membership suspended: the IdP decides groups, not status", async () => {
    const ok = await sign("sue-1", { email: `sue@${domain}`, job_codes: ["OPS"] });
    const userId = ok.ok ? ok.userId : "";
    await raw.membership.updateMany({ where: { userId, municipalityId: muni }, data: { status: "SUSPENDED" } });
    await sign("sue-1", { email: `sue@${domain}`, job_codes: ["MGR"] });
    const m = await raw.membership.findFirstOrThrow({ where: { userId, municipalityId: muni } });
    expect(m).toMatchObject({ status: "SUSPENDED", groups: ["manager"] });
    expect(await groupsOf(userId)).toBeUndefined();
  });
});

describe("joining an existing account by email (DESIGN.md trust rules)", () => {
  const accountsOf = (userId: string) =>
    raw.account.findMany({ where: { userId }, select: { provider: true, providerAccountId: true } });

  it("refuses to join an account that has a password, even with a verified email: the person links it from /account", async () => {
    // The attack of issue 13: someone set a password on an account for this address before
    // the real person ever signed in; the IdP's word must not hand that account over.
    const email = `hanna@${domain}`;
    const user = await freshUser({ email, name: "Hanna", passwordHash: await hashPassword("set-by-someone-else") });
    expect(await sign("hanna-1", { email, email_verified: true, job_codes: ["OPS"] })).toEqual({
      ok: false,
      reason: "link_required",
    });
    expect(await accountsOf(user.id)).toEqual([]);
    expect(await raw.membership.count({ where: { userId: user.id } })).toBe(0);
    expect(await raw.user.count({ where: { email } })).toBe(1);
    const refused = (await trail(user.id)).find((e) => e.action === "auth.sso.refused");
    expect(refused?.data).toMatchObject({ reason: "link_required", sub: "hanna-1" });
  });

  it("refuses to join an account that already has another identity (any provider)", async () => {
    const email = `ines@${domain}`;
    const user = await raw.user.create({
      data: {
        email,
        name: "Ines",
        accounts: { create: { type: "oauth", provider: "google", providerAccountId: `g-${tag}-ines` } },
      },
      select: { id: true },
    });
    expect(await sign("ines-1", { email, email_verified: true, job_codes: ["OPS"] })).toEqual({
      ok: false,
      reason: "link_required",
    });
    expect(await accountsOf(user.id)).toEqual([{ provider: "google", providerAccountId: `g-${tag}-ines` }]);
  });

  it("joins an account with no password and no identity only when the IdP asserts email_verified: true", async () => {
    const email = `jon@${domain}`;
    const user = await freshUser({ email, name: "Jon" });
    expect(await sign("jon-1", { email, job_codes: ["OPS"] })).toEqual({ ok: false, reason: "email_unverified" });
    expect(await sign("jon-1", { email, email_verified: false, job_codes: ["OPS"] })).toEqual({
      ok: false,
      reason: "email_unverified",
    });
    expect(await sign("jon-1", { email, email_verified: "true", job_codes: ["OPS"] })).toEqual({
      ok: false,
      reason: "email_unverified",
    });
    expect(await accountsOf(user.id)).toEqual([]);
    expect(await sign("jon-1", { email, email_verified: true, job_codes: ["OPS"] })).toMatchObject({
      ok: true,
      userId: user.id,
      groups: ["operator"],
    });
    expect(await accountsOf(user.id)).toEqual([{ provider: `sso-${slug}`, providerAccountId: "jon-1" }]);
  });

  it("still creates new people just in time without email_verified (no existing account to join)", async () => {
    const r = await sign("kim-1", { email: `kim@${domain}`, job_codes: ["READ"] });
    expect(r).toMatchObject({ ok: true, groups: ["viewer"] });
  });

  it("refuses a linked account that gained a platform group since, at every later SSO sign-in", async () => {
    const email = `lars@${domain}`;
    const first = await sign("lars-1", { email, job_codes: ["OPS"] });
    expect(first.ok).toBe(true);
    const userId = first.ok ? first.userId : "";
    await raw.user.update({ where: { id: userId }, data: { platformGroups: ["platform_admin"] } });
    expect(await sign("lars-1", { email, job_codes: ["OPS"] })).toEqual({ ok: false, reason: "platform_account" });
    const last = (await trail(userId)).filter((e) => e.action === "auth.sso.refused").at(-1);
    expect(last?.data).toMatchObject({ reason: "platform_account" });
  });

  it("an invitation accepted with a password is not handed to the IdP later; a bare OAuth hand-off row is, when verified", async () => {
    // Onboarding follows the same rule: lib/flows/onboarding.ts creates either a password account
    // (acceptInvitation) or a bare row for a provider hand-off (prepareProviderSignIn).
    const invite = async (email: string) => {
      const token = newSecret(32);
      await raw.invitation.create({
        data: {
          municipalityId: muni,
          email,
          groups: ["viewer"],
          allowedCategories: [],
          tokenHash: sha256(token),
          expiresAt: new Date(Date.now() + 86_400_000),
          invitedById: "test",
        },
      });
      return token;
    };
    const withPassword = `mona@${domain}`;
    await acceptInvitation(await invite(withPassword), {
      name: "Mona",
      password: "a-long-enough-password",
      confirm: "a-long-enough-password",
    });
    expect(await sign("mona-1", { email: withPassword, email_verified: true, job_codes: ["OPS"] })).toEqual({
      ok: false,
      reason: "link_required",
    });

    const handOff = `nils@${domain}`;
    await prepareProviderSignIn(await invite(handOff));
    expect(await sign("nils-1", { email: handOff, email_verified: false, job_codes: ["OPS"] })).toEqual({
      ok: false,
      reason: "email_unverified",
    });
    const ok = await sign("nils-1", { email: handOff, email_verified: true, job_codes: ["OPS"] });
    expect(ok).toMatchObject({ ok: true });
    expect((await raw.user.findUniqueOrThrow({ where: { email: handOff }, select: { id: true } })).id).toBe(
      ok.ok ? ok.userId : "",
    );
  });
});

describe("policies/sso.yaml", () => {
  it("loads and maps the app's file", () => {
    expect(Object.keys(loadSsoMap().municipalities)).toContain("riverton");
  });

  it("refuses unknown groups, platform groups and a municipality without email domains, naming the place", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "sso-map-"));
    const file = (name: string, text: string) => {
      const f = path.join(dir, name);
      writeFileSync(f, text);
      return f;
    };
    expect(() =>
      loadSsoMap(
        file(
          "a.yaml",
          "municipalities:\n  x:\n    emailDomains: [x.test]\n    claims:\n      job_codes:\n        A: [operatr]\n",
        ),
      ),
    ).toThrow(/x\.claims\.job_codes\.A: "operatr"/);
    expect(() =>
      loadSsoMap(
        file(
          "b.yaml",
          "municipalities:\n  x:\n    emailDomains: [x.test]\n    claims:\n      job_codes:\n        A: [superuser]\n",
        ),
      ),
    ).toThrow(/not a municipality group/);
    expect(() =>
      loadSsoMap(file("c.yaml", "municipalities:\n  x:\n    claims:\n      job_codes:\n        A: [operator]\n")),
    ).toThrow(/emailDomains/);
    expect(() =>
      loadSsoMap(
        file(
          "d.yaml",
          "municipalities:\n  x:\n    emailDomains: [x.test]\n    requireMapedClaim: false\n    claims: {}\n",
        ),
      ),
    ).toThrow(/sso\.yaml/);
  });

  it("refuses an email domain claimed by two municipalities, naming both and the domain", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "sso-map-"));
    const f = path.join(dir, "dup.yaml");
    writeFileSync(
      f,
      "municipalities:\n  northby:\n    emailDomains: [north.test, shared.test]\n    claims: {}\n  southby:\n    emailDomains: [shared.test]\n    claims: {}\n",
    );
    expect(() => loadSsoMap(f)).toThrow(/"shared\.test".*northby.*southby/);
    // The same domain twice in one municipality's own list is only untidy, not a conflict.
    writeFileSync(f, "municipalities:\n  northby:\n    emailDomains: [north.test, north.test]\n    claims: {}\n");
    expect(() => loadSsoMap(f)).not.toThrow();
  });
});

describe("an invited person who signs in through SSO", () => {
  it("accepts their open invitation: active membership with the mapped groups and the invitation's department, the invitation used", async () => {
    const email = `ina-${tag}@${domain}`;
    const inviter = await freshUser({ email: `inviter-${tag}@${domain}`, name: "Inviter" });
    const works = await raw.department.findFirstOrThrow({ where: { municipalityId: muni, name: "Works" } });
    const invitation = await raw.invitation.create({
      data: {
        municipalityId: muni,
        email,
        groups: ["municipality_admin"],
        departmentId: works.id,
        tokenHash: sha256(newSecret()),
        expiresAt: new Date(Date.now() + 86_400_000),
        invitedById: inviter.id,
      },
    });
    const r = await sign(`ina-${tag}`, { email, email_verified: true, job_codes: ["MGR"] });
    expect(r).toMatchObject({ ok: true, groups: ["manager"] });
    const userId = r.ok ? r.userId : "";
    const m = await raw.membership.findUniqueOrThrow({
      where: { userId_municipalityId: { userId, municipalityId: muni } },
    });
    // The IdP decides the groups (as at every sign-in); the invitation's department applies.
    expect(m).toMatchObject({ status: "ACTIVE", groups: ["manager"], departmentId: works.id });
    expect(await raw.invitation.findUniqueOrThrow({ where: { id: invitation.id } })).toMatchObject({
      acceptedUserId: userId,
      acceptedAt: expect.any(Date),
    });
    const accepted = (await trail(userId)).filter((e) => e.action === "invitation.accept");
    expect(accepted.map((e) => e.data)).toEqual([expect.objectContaining({ invitationId: invitation.id, via: "sso" })]);
    // Its signed-in principal is the municipality's manager at once.
    expect(await groupsOf(userId)).toEqual(["manager"]);
  });
});

describe("secret box", () => {
  it("round-trips, and refuses a tampered ciphertext or another key", () => {
    const secret = "s3cret-client-value";
    const key = "k".repeat(40);
    const sealed = seal(secret, key);
    expect(sealed).not.toContain(secret);
    expect(seal(secret, key)).not.toBe(sealed); // fresh IV each time
    expect(open(sealed, key)).toBe(secret);
    expect(() => open(sealed, "x".repeat(40))).toThrow();
    const parts = sealed.split(".");
    const flipped = Buffer.from(parts[3]!, "base64url");
    flipped[0] = flipped[0]! ^ 1;
    expect(() => open([parts[0], parts[1], parts[2], flipped.toString("base64url")].join("."), key)).toThrow();
  });
});
