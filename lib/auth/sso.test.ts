// Municipal SSO sign-in on the real database: just-in-time membership, groups re-synced to the
// claims at every sign-in, refusals, and the identity rules that stop an IdP from becoming
// someone it does not speak for. Uses its own municipality and mapping.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { loadUserPrincipal } from "./load-principal";
import type { UserPrincipal } from "./principal";
import { open, seal } from "./secret-box";
import { applySsoSignIn } from "./sso";
import { loadSsoMap, type SsoMap } from "./sso-map";

const raw = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL! }) });
afterAll(() => raw.$disconnect());

const tag = randomBytes(4).toString("hex");
const slug = `sso-${tag}`;
const domain = `sso-${tag}.test`;
let muni: string;

const map: SsoMap = {
  municipalities: {
    [slug]: {
      requireMappedClaim: true,
      emailDomains: [domain],
      claims: { job_codes: { OPS: ["operator"], MGR: ["manager"], READ: ["viewer"] }, groups: { analysts: ["analyst"] } },
    },
  },
};
const sign = (sub: string, claims: Record<string, unknown>) => applySsoSignIn(slug, { sub, ...claims }, { map });
const groupsOf = async (userId: string) => ((await loadUserPrincipal(userId)) as UserPrincipal).memberships.find((m) => m.municipalityId === muni)?.groups;
const trail = async (userId: string) => (await raw.auditEvent.findMany({ where: { subjectUserId: userId }, orderBy: { seq: "asc" }, select: { action: true, data: true } }));

beforeAll(async () => {
  muni = (await raw.municipality.create({ data: { slug, name: `SSO ${tag}` }, select: { id: true } })).id;
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
    expect(await sign("nomad", { email: `nomad@${domain}`, job_codes: ["UNKNOWN"] })).toEqual({ ok: false, reason: "no_mapped_claim" });
    expect(await raw.user.count({ where: { email: `nomad@${domain}` } })).toBe(0);

    const had = await sign("paul-1", { email: `paul@${domain}`, job_codes: ["READ"] });
    const userId = had.ok ? had.userId : "";
    expect(await sign("paul-1", { email: `paul@${domain}`, job_codes: [] })).toEqual({ ok: false, reason: "no_mapped_claim" });
    expect(await groupsOf(userId)).toEqual([]);
    expect((await trail(userId)).map((e) => e.action)).toEqual(expect.arrayContaining(["membership.sso_sync", "auth.sso.refused"]));
  });

  it("refuses addresses outside the municipality's domains, and missing emails", async () => {
    expect(await sign("eve", { email: "eve@elsewhere.test", job_codes: ["OPS"] })).toEqual({ ok: false, reason: "email_domain" });
    expect(await sign("anon", { job_codes: ["OPS"] })).toEqual({ ok: false, reason: "no_email" });
    expect(await applySsoSignIn("no-such-town", { sub: "x", email: `x@${domain}` }, { map })).toEqual({ ok: false, reason: "not_configured" });
  });

  it("links an existing account by email once, then by subject; another subject with that email is refused", async () => {
    const email = `rita@${domain}`;
    const user = await raw.user.create({ data: { email, name: "Rita" }, select: { id: true } });
    const linked = await sign("rita-1", { email, job_codes: ["READ"] });
    expect(linked).toMatchObject({ ok: true, userId: user.id });
    expect(await sign("rita-2", { email, job_codes: ["READ"] })).toEqual({ ok: false, reason: "identity_conflict" });
    // The IdP changed her address: still her, recognised by subject.
    expect(await sign("rita-1", { email: `rita.new@${domain}`, job_codes: ["READ"] })).toMatchObject({ ok: true, userId: user.id });
  });

  it("never signs in a platform account or a deactivated one through a municipal IdP", async () => {
    await raw.user.create({ data: { email: `root@${domain}`, platformGroups: ["superuser"] } });
    expect(await sign("root", { email: `root@${domain}`, job_codes: ["OPS"] })).toEqual({ ok: false, reason: "platform_account" });
    await raw.user.create({ data: { email: `gone@${domain}`, isActive: false } });
    expect(await sign("gone", { email: `gone@${domain}`, job_codes: ["OPS"] })).toEqual({ ok: false, reason: "deactivated" });
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
    expect(() => loadSsoMap(file("a.yaml", "municipalities:\n  x:\n    emailDomains: [x.test]\n    claims:\n      job_codes:\n        A: [operatr]\n"))).toThrow(/x\.claims\.job_codes\.A: "operatr"/);
    expect(() => loadSsoMap(file("b.yaml", "municipalities:\n  x:\n    emailDomains: [x.test]\n    claims:\n      job_codes:\n        A: [superuser]\n"))).toThrow(/not a municipality group/);
    expect(() => loadSsoMap(file("c.yaml", "municipalities:\n  x:\n    claims:\n      job_codes:\n        A: [operator]\n"))).toThrow(/emailDomains/);
    expect(() => loadSsoMap(file("d.yaml", "municipalities:\n  x:\n    emailDomains: [x.test]\n    requireMapedClaim: false\n    claims: {}\n"))).toThrow(/sso\.yaml/);
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
