// The SSO console's lib side on the real database and a real OpenID provider (the local IdP,
// started here): saving a connection (secret sealed, never audited, a new one needs it, another
// municipality's admin gets "not found"), providers built from the database per request, Test
// connection audited, Try sign-in through the real code flow (creates nothing; a wrong secret, a
// refused code, a provider's refusal and a try from another session each answered in words), and
// the mapping rows validated against the group files with a message per row.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testPrisma } from "@/test/fixtures/db";
import { freshMunicipality } from "@/test/fixtures/municipalities";
import { freshViewer } from "@/test/fixtures/viewers";
import { freePort } from "@/test/fixtures/free-port";
import { startIdp } from "@/lib/idp/server";
import { devIdpClientSecret, open } from "@/lib/crypto/secret-box";
import { env } from "@/lib/env";
import { ValidationError, NotFoundError } from "@/lib/errors";
import type { Viewer } from "@/lib/identity/viewer";
import { ssoProviders } from "@/lib/auth/sso";
import { signInProviders } from "@/lib/auth/providers";
import {
  finishTrySignIn,
  mappingsFromRows,
  oidcConnectionInput,
  saveMappingRows,
  saveOidcConnectionFromConsole,
  ssoConsoleView,
  startTrySignIn,
  testOidcConnection,
} from "./sso-console";

const raw = testPrisma();
let idp: Awaited<ReturnType<typeof startIdp>>;
let town: Awaited<ReturnType<typeof freshMunicipality>>;
let admin: Viewer;
let adminId: string;
const SESSION = "sso-console-test-session";

const form = (over: Record<string, string> = {}) =>
  oidcConnectionInput.parse({
    displayName: "",
    issuer: idp.issuer,
    clientId: `gatehouse-${town.slug}`,
    clientSecret: devIdpClientSecret(env().AUTH_SECRET, town.slug),
    scopes: "openid email profile groups",
    groupsClaim: "job_codes",
    mfaAmrValues: "mfa",
    mfaAcrValues: "",
    enabled: "on",
    ...over,
  });

const audits = (action: string) =>
  raw.auditEvent.findMany({ where: { action, municipalityId: town.id }, orderBy: { seq: "asc" } });

beforeAll(async () => {
  idp = await startIdp({ port: await freePort(), appUrl: env().APP_URL, authSecret: env().AUTH_SECRET });
  town = await freshMunicipality();
  // The domain its provider speaks for (set in the platform console); the local IdP's quinn is of riverton.test.
  await raw.municipality.update({ where: { id: town.id }, data: { emailDomains: [`${town.slug}.test`] } });
  admin = await freshViewer(town.id, ["municipality_admin"]);
  adminId = (admin.principal as { userId: string }).userId;
});
afterAll(async () => idp.stop());

/** Plays the browser at the local IdP: follows the authorization URL, signs in as `login`, consents; returns the callback's query. */
async function authorizeAt(url: string, login: string): Promise<string> {
  const jar = new Map<string, string>();
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair!.indexOf("=");
      jar.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
  };
  let next = url;
  for (let hop = 0; hop < 12; hop++) {
    if (next.startsWith(env().APP_URL)) return new URL(next).search;
    const res = await fetch(next, { redirect: "manual", headers: { cookie: cookie() } });
    keep(res);
    const location = res.headers.get("location");
    if (location) {
      next = new URL(location, next).href;
      continue;
    }
    const html = await res.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    if (!action) throw new Error(`no form at ${next}: ${html.slice(0, 200)}`);
    const isLogin = html.includes('name="login"');
    const body = new URLSearchParams(isLogin ? { prompt: "login", login, password: "any" } : { prompt: "consent" });
    const post = await fetch(new URL(action, next), {
      method: "POST",
      redirect: "manual",
      headers: { cookie: cookie(), "content-type": "application/x-www-form-urlencoded" },
      body,
    });
    keep(post);
    next = new URL(post.headers.get("location")!, next).href;
  }
  throw new Error("the authorization flow did not come back");
}

describe("saving the connection", () => {
  it("needs a secret for a new connection, seals it, never audits it, and keeps it when left empty", async () => {
    await expect(saveOidcConnectionFromConsole(admin, adminId, town, form({ clientSecret: "" }))).rejects.toMatchObject(
      {
        fieldErrors: { clientSecret: ["A new connection needs the client secret."] },
      },
    );
    expect(await saveOidcConnectionFromConsole(admin, adminId, town, form())).toEqual({ created: true });
    const row = await raw.ssoConnection.findUniqueOrThrow({
      where: { municipalityId_protocol: { municipalityId: town.id, protocol: "OIDC" } },
    });
    const secret = devIdpClientSecret(env().AUTH_SECRET, town.slug);
    expect(row.clientSecretCipher).not.toContain(secret);
    expect(open(row.clientSecretCipher!, env().AUTH_SECRET)).toBe(secret);
    await saveOidcConnectionFromConsole(admin, adminId, town, form({ clientSecret: "", displayName: "Town Login" }));
    const again = await raw.ssoConnection.findUniqueOrThrow({ where: { id: row.id } });
    expect(again.clientSecretCipher).toBe(row.clientSecretCipher);
    expect(again.displayName).toBe("Town Login");
    const events = [...(await audits("sso.connection.created")), ...(await audits("sso.connection.updated"))];
    expect(events.map((e) => (e.data as { secretChanged: boolean }).secretChanged)).toEqual([true, false]);
    expect(JSON.stringify(events.map((e) => e.data))).not.toContain(secret);
    expect(
      (events[1]!.data as { before: { displayName: null }; after: { displayName: string } }).after.displayName,
    ).toBe("Town Login");
    // The page's view says only that a secret is set.
    const view = await ssoConsoleView(admin, town);
    expect(view.oidc).toMatchObject({ secretSet: true, issuer: idp.issuer, displayName: "Town Login" });
    expect(JSON.stringify(view)).not.toContain(row.clientSecretCipher);
  });

  it("refuses a plain-http issuer elsewhere than this machine, and scopes without openid, with field messages", () => {
    const r = oidcConnectionInput.safeParse({
      issuer: "http://login.example.gov",
      clientId: "x",
      scopes: "email",
      groupsClaim: "groups",
    });
    expect(r.success).toBe(false);
    const fields = Object.fromEntries(r.error!.issues.map((i) => [i.path.join("."), i.message]));
    expect(fields).toMatchObject({
      issuer: "The issuer must use https (plain http only for a provider on this machine).",
      scopes: "The scopes must include openid.",
    });
  });

  it("is built into next-auth's providers and the sign-in buttons from the database, per request (no restart)", async () => {
    const providers = await ssoProviders(env().AUTH_SECRET);
    const mine = providers.find((p) => p.id === `sso-${town.slug}`);
    expect(mine).toMatchObject({ name: "Town Login", clientId: `gatehouse-${town.slug}` });
    expect(mine!.authorization).toEqual({ params: { scope: "openid email profile groups" } });
    expect(await signInProviders()).toContainEqual({ id: `sso-${town.slug}`, name: "Town Login" });
  });

  it("is not found for another municipality's admin, who cannot see or change it", async () => {
    const other = await freshMunicipality();
    const stranger = await freshViewer(other.id, ["municipality_admin"]);
    const strangerId = (stranger.principal as { userId: string }).userId;
    await expect(ssoConsoleView(stranger, town)).rejects.toBeInstanceOf(NotFoundError);
    await expect(saveOidcConnectionFromConsole(stranger, strangerId, town, form())).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(testOidcConnection(stranger, strangerId, town)).rejects.toBeInstanceOf(NotFoundError);
    await expect(startTrySignIn(stranger, strangerId, town, SESSION)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("Test connection", () => {
  it("passes against the local provider and is audited", async () => {
    const r = await testOidcConnection(admin, adminId, town);
    expect(r.ok).toBe(true);
    expect((await audits("sso.connection.test_passed")).length).toBeGreaterThan(0);
  });
});

describe("Try sign-in", () => {
  const counts = async () => ({
    users: await raw.user.count({ where: { email: "quinn@riverton.test" } }),
    accounts: await raw.account.count({ where: { provider: `sso-${town.slug}` } }),
    memberships: await raw.membership.count({ where: { municipalityId: town.id } }),
  });

  it("runs the real code flow and shows the claims and mapped groups, creating nothing", async () => {
    await saveMappingRows(admin, adminId, town, [{ claim: "job_codes", value: "RIV-READ", groups: ["viewer"] }]);
    const before = await counts();
    const { url, cookie } = await startTrySignIn(admin, adminId, town, SESSION);
    const u = new URL(url);
    expect(u.searchParams.get("code_challenge_method")).toBe("S256");
    expect(u.searchParams.get("redirect_uri")).toBe(`${env().APP_URL}/admin/${town.slug}/sso/callback`);
    const search = await authorizeAt(url, "quinn");
    const result = await finishTrySignIn(admin, adminId, town, SESSION, cookie, search);
    expect(result).toMatchObject({
      ok: true,
      groups: ["viewer"],
      matched: ["job_codes=RIV-READ"],
      emailAccepted: false,
      claims: { sub: "quinn", email: "quinn@riverton.test", job_codes: ["RIV-READ", "RIV-CONSOLE-TEST"] },
    });
    // quinn is of riverton.test, not of this town's domain: the console says a real sign-in would be refused.
    expect(result!.wouldRefuse).toMatch(/riverton\.test is not one of the municipality's email domains/);
    expect(await counts()).toEqual(before);
    const [event] = await audits("sso.try.succeeded");
    expect(event!.data).toMatchObject({ sub: "quinn", groups: ["viewer"] });

    // The same code again: the provider refuses it (used), said in words and audited.
    const replay = await finishTrySignIn(admin, adminId, town, SESSION, cookie, search);
    expect(replay).toMatchObject({ ok: false, reason: "invalid_grant" });
    expect(replay!.problem).toMatch(/refused the authorization code/);
  });

  it("answers a wrong client secret with a plain message and an audit event", async () => {
    await saveOidcConnectionFromConsole(admin, adminId, town, form({ clientSecret: "not-the-secret" }));
    const { url, cookie } = await startTrySignIn(admin, adminId, town, SESSION);
    const result = await finishTrySignIn(admin, adminId, town, SESSION, cookie, await authorizeAt(url, "quinn"));
    expect(result).toMatchObject({
      ok: false,
      reason: "invalid_client",
      problem: "The provider refused the client id or secret.",
    });
    expect((await audits("sso.try.failed")).map((e) => (e.data as { reason: string }).reason)).toContain(
      "invalid_client",
    );
    await saveOidcConnectionFromConsole(admin, adminId, town, form());
  });

  it("refuses a try started in another session, and passes on the provider's own refusal", async () => {
    const { cookie } = await startTrySignIn(admin, adminId, town, SESSION);
    expect(await finishTrySignIn(admin, adminId, town, "another-session", cookie, "?code=x&state=y")).toBeNull();
    expect(await finishTrySignIn(admin, adminId, town, SESSION, undefined, "?code=x")).toBeNull();
    const state = new URL((await startTrySignIn(admin, adminId, town, SESSION)).url).searchParams.get("state")!;
    const { cookie: c2, url } = await startTrySignIn(admin, adminId, town, SESSION);
    const s2 = new URL(url).searchParams.get("state")!;
    expect(s2).not.toBe(state);
    const denied = await finishTrySignIn(
      admin,
      adminId,
      town,
      SESSION,
      c2,
      `?error=access_denied&error_description=${encodeURIComponent("The user said no")}&state=${s2}&iss=${encodeURIComponent(idp.issuer)}`,
    );
    expect(denied).toMatchObject({
      ok: false,
      problem: "The provider refused the sign-in: access_denied (The user said no).",
    });
  });

  it("says the provider cannot be reached when it is gone", async () => {
    await saveOidcConnectionFromConsole(admin, adminId, town, form({ issuer: `http://127.0.0.1:${await freePort()}` }));
    await expect(startTrySignIn(admin, adminId, town, SESSION)).rejects.toThrow(/run Test connection/);
    const r = await testOidcConnection(admin, adminId, town);
    expect(r.checks[0]).toMatchObject({ status: "fail", detail: expect.stringMatching(/refused the connection/) });
    expect((await audits("sso.connection.test_failed")).length).toBeGreaterThan(0);
    await saveOidcConnectionFromConsole(admin, adminId, town, form());
  });
});

describe("claim mapping rows", () => {
  const fieldErrorsOf = (rows: Parameters<typeof mappingsFromRows>[0]) => {
    try {
      mappingsFromRows(rows);
    } catch (e) {
      if (e instanceof ValidationError) return e.fieldErrors;
      throw e;
    }
    return null;
  };

  it("refuses platform groups, unknown groups, empty values, bad claim names and duplicates, naming each row", () => {
    expect(
      fieldErrorsOf([
        { claim: "groups", value: "it-admins", groups: ["platform_admin"] },
        { claim: "groups", value: "x", groups: ["nope"] },
        { claim: "groups", value: " ", groups: ["viewer"] },
        { claim: "__proto__", value: "a", groups: ["viewer"] },
        { claim: "groups", value: "it-admins", groups: ["viewer"] },
        { claim: "roles", value: "clerk", groups: [] },
      ]),
    ).toEqual({
      "rows.0.groups": ["Platform admin is a platform group: an identity provider can never grant it."],
      "rows.1.groups": ['"nope" is not a group of the policy files.'],
      "rows.2.value": ["Enter the claim value (for example a job code)."],
      "rows.3.claim": ["a claim name of letters, digits and _ : . / - (at most 100)"],
      "rows.4.value": ["groups = it-admins is already mapped above."],
      "rows.5.groups": ["Pick at least one group."],
    });
    expect(
      mappingsFromRows([
        { claim: "job_codes", value: "A", groups: ["viewer", "viewer"] },
        { claim: "job_codes", value: "B", groups: ["operator"] },
      ]),
    ).toEqual({ job_codes: { A: ["viewer"], B: ["operator"] } });
  });

  it("saves the rows with before and after in the audit trail, and a refused save changes nothing", async () => {
    await saveMappingRows(admin, adminId, town, [{ claim: "groups", value: "clerks", groups: ["document_editor"] }]);
    await expect(
      saveMappingRows(admin, adminId, town, [{ claim: "groups", value: "root", groups: ["superuser"] }]),
    ).rejects.toBeInstanceOf(ValidationError);
    const row = await raw.ssoConnection.findUniqueOrThrow({
      where: { municipalityId_protocol: { municipalityId: town.id, protocol: "OIDC" } },
    });
    expect(row.claimMappings).toEqual({ groups: { clerks: ["document_editor"] } });
    const events = await audits("sso.mappings.updated");
    expect(events.at(-1)!.data).toEqual({
      protocol: "OIDC",
      before: { job_codes: { "RIV-READ": ["viewer"] } },
      after: { groups: { clerks: ["document_editor"] } },
    });
  });
});
