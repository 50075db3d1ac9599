// Google and Microsoft sign-in on the real database: OAuth never creates accounts, and joins an
// existing one by email only under the rule SSO follows (DESIGN.md trust rules): the provider
// vouches for the address, and the account has no password and no other identity.
import { beforeAll, describe, expect, it } from "vitest";
import { testPrisma } from "@/test/fixtures/db";
import { freshUser } from "@/test/fixtures/people";
import { applyOAuthSignIn } from "./oauth";
import { hashPassword } from "@/lib/crypto/password";
import { uniq } from "@/test/fixtures/unique";

const raw = testPrisma();

const tag = uniq();
const provider = `sso-oauth-${tag}`;
let passwordHash: string;
beforeAll(async () => {
  passwordHash = await hashPassword("a-long-enough-password");
});

describe("Google sign-in joins existing accounts by the same rule as SSO", () => {
  it("joins a verified Google identity only to an account with no password and no identity", async () => {
    const bare = await freshUser({ email: `yan-${tag}@example.test`, name: null });
    expect(
      await applyOAuthSignIn("google", `g-${tag}-yan`, `yan-${tag}@example.test`, { email_verified: false }, null),
    ).toEqual({ ok: false, error: "OAuthEmailUnverified" });
    expect(
      await applyOAuthSignIn("google", `g-${tag}-yan`, `yan-${tag}@example.test`, { email_verified: true }, null),
    ).toEqual({ ok: true, userId: bare.id });

    const withPassword = await freshUser({ email: `zoe-${tag}@example.test`, passwordHash, name: null });
    expect(
      await applyOAuthSignIn("google", `g-${tag}-zoe`, `zoe-${tag}@example.test`, { email_verified: true }, null),
    ).toEqual({ ok: false, error: "OAuthLinkRequired" });
    expect(await raw.account.count({ where: { userId: withPassword.id } })).toBe(0);

    const withSso = await raw.user.create({
      data: {
        email: `abe-${tag}@example.test`,
        accounts: { create: { type: "oauth", provider, providerAccountId: "abe-1" } },
      },
      select: { id: true },
    });
    expect(
      await applyOAuthSignIn("google", `g-${tag}-abe`, `abe-${tag}@example.test`, { email_verified: true }, null),
    ).toEqual({ ok: false, error: "OAuthLinkRequired" });
    expect(await raw.account.count({ where: { userId: withSso.id } })).toBe(1);
  });

  it("signs in by the linked subject afterwards, and never creates accounts", async () => {
    const bare = await freshUser({ email: `cai-${tag}@example.test`, name: null });
    expect(
      await applyOAuthSignIn("google", `g-${tag}-cai`, `cai-${tag}@example.test`, { email_verified: true }, null),
    ).toEqual({ ok: true, userId: bare.id });
    // The provider now says another address: still this person, by subject.
    expect(
      await applyOAuthSignIn("google", `g-${tag}-cai`, `cai.new-${tag}@example.test`, { email_verified: true }, null),
    ).toEqual({ ok: true, userId: bare.id });
    expect(
      await applyOAuthSignIn("google", `g-${tag}-nobody`, `nobody-${tag}@example.test`, { email_verified: true }, null),
    ).toEqual({ ok: false, error: "OAuthNotInvited" });
    expect(await raw.user.count({ where: { email: `nobody-${tag}@example.test` } })).toBe(0);
  });

  it("refuses Microsoft Entra sign-in unless the tenant is the configured one (Entra sends no email_verified)", async () => {
    await freshUser({ email: `dag-${tag}@example.test`, name: null });
    // No tenant configured in the test environment: nothing from Entra is accepted.
    expect(
      await applyOAuthSignIn(
        "azure-ad",
        `e-${tag}-dag`,
        `dag-${tag}@example.test`,
        { tid: "00000000-0000-0000-0000-000000000000" },
        null,
      ),
    ).toEqual({ ok: false, error: "OAuthWrongTenant" });
  });
});
