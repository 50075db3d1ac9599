// "Last sign-in" is written by every way of signing in (password, municipal SSO, Google/Microsoft
// OAuth, and recordSignIn for the others, e.g. passkeys), and by no refused attempt: the people
// list and the inactive-accounts job (lib/flows/inactivity.ts) rely on it.
import { afterAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { testPrisma } from "@/test/fixtures/db";
import { freshMunicipality } from "@/test/fixtures/municipalities";
import { freshUser } from "@/test/fixtures/people";
import { verifyCredentials } from "./credentials";
import { applyOAuthSignIn } from "./oauth";
import { applySsoSignIn } from "./sso";
import type { SsoMap } from "./sso-map";
import { recordSignIn } from "./sign-in-record";

const raw = testPrisma();
afterAll(() => raw.$disconnect());

const tag = randomBytes(4).toString("hex");
const PASSWORD = "a-long-enough-password";
const lastLogin = async (userId: string) =>
  (await raw.user.findUniqueOrThrow({ where: { id: userId }, select: { lastLoginAt: true } })).lastLoginAt;

describe("last sign-in", () => {
  it("a password sign-in records it; a wrong password does not", async () => {
    const p = await freshUser({ email: `pw-${tag}@signin.test`, password: PASSWORD });
    expect(await verifyCredentials(p.email, "wrong password", "10.9.0.1")).toMatchObject({ ok: false });
    expect(await lastLogin(p.id)).toBeNull();
    const before = Date.now();
    expect(await verifyCredentials(p.email, PASSWORD, "10.9.0.1")).toEqual({ ok: true, userId: p.id });
    expect((await lastLogin(p.id))!.getTime()).toBeGreaterThanOrEqual(before - 1000);
  });

  it("a Google sign-in records it, at the first join and by the linked subject after; a refusal does not", async () => {
    const p = await freshUser({ email: `g-${tag}@signin.test`, name: null });
    expect(await applyOAuthSignIn("google", `sub-${tag}`, p.email, { email_verified: false }, null)).toMatchObject({
      ok: false,
    });
    expect(await lastLogin(p.id)).toBeNull();
    expect(await applyOAuthSignIn("google", `sub-${tag}`, p.email, { email_verified: true }, null)).toEqual({
      ok: true,
      userId: p.id,
    });
    const first = await lastLogin(p.id);
    expect(first).not.toBeNull();
    await raw.user.update({ where: { id: p.id }, data: { lastLoginAt: new Date(Date.now() - 40 * 86_400_000) } });
    expect(await applyOAuthSignIn("google", `sub-${tag}`, p.email, { email_verified: true }, null)).toEqual({
      ok: true,
      userId: p.id,
    });
    expect(Date.now() - (await lastLogin(p.id))!.getTime()).toBeLessThan(60_000);
  });

  it("a municipal SSO sign-in records it", async () => {
    const slug = `lsi-${tag}`;
    const domain = `lsi-${tag}.test`;
    await freshMunicipality({ slug });
    const map: SsoMap = {
      municipalities: {
        [slug]: { requireMappedClaim: true, emailDomains: [domain], claims: { job_codes: { OPS: ["operator"] } } },
      },
    };
    const r = await applySsoSignIn(slug, { sub: `s-${tag}`, email: `sam@${domain}`, job_codes: ["OPS"] }, { map });
    expect(r.ok).toBe(true);
    expect(await lastLogin(r.ok ? r.userId : "")).not.toBeNull();
  });

  it("recordSignIn (for passkeys and other methods) writes it, inside a caller's transaction too", async () => {
    const p = await freshUser();
    const at = new Date("2026-06-01T10:00:00Z");
    await recordSignIn(p.id, { at });
    expect(await lastLogin(p.id)).toEqual(at);
    const later = new Date("2026-06-02T10:00:00Z");
    await raw.$transaction((tx) => recordSignIn(p.id, { tx, at: later }));
    expect(await lastLogin(p.id)).toEqual(later);
  });
});
