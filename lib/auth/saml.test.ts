// SAML sign-in against a real SAML IdP started locally (lib/idp/saml-server.ts, samlify): its
// signed responses, taken from its HTTP-POST page as a browser would, go to our assertion consumer
// service (handleSamlResponse). A good one signs the person in with the mapped groups; an unsigned
// one, one signed with another key, an expired, a replayed and one for another audience are each
// refused and on record; whatever bytes arrive, an answer (never a throw).
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { deflateRawSync, inflateRawSync } from "node:zlib";
import { testPrisma } from "@/test/fixtures/db";
import { freshMunicipality } from "@/test/fixtures/municipalities";
import { freePort } from "@/test/fixtures/free-port";
import { freshUser } from "@/test/fixtures/people";
import { uniq } from "@/test/fixtures/unique";
import { MFA_CONTEXT, samlIdpKeys, startSamlIdp, type SamlIdp } from "@/lib/idp/saml-server";
import type { SsoMap } from "./sso-map";
import { fetchIdpMetadata } from "./saml-metadata";
import { handleSamlResponse, redeemSamlTicket, samlEndpoints, serviceProviderMetadata, startSamlLogin } from "./saml";

const raw = testPrisma();
const tag = uniq();
const slug = `saml-${tag}`;
const domain = `saml-${tag}.test`;
let muni: string;
let idp: SamlIdp;

const map: SsoMap = {
  municipalities: {
    [slug]: {
      requireMappedClaim: true,
      emailDomains: [domain],
      claims: { job_codes: { OPS: ["operator"], READ: ["viewer"] }, groups: { analysts: ["analyst"] } },
    },
  },
};

const people = [
  { nameId: `sam-${tag}`, email: `sam@${domain}`, name: "Sam SAML", jobCodes: ["OPS"], groups: ["analysts"], note: "" },
  { nameId: `mia-${tag}`, email: `mia@${domain}`, name: "Mia MFA", jobCodes: ["READ"], mfa: true, note: "" },
  { nameId: `olaf-${tag}`, email: `olaf@elsewhere-${tag}.test`, name: "Olaf", jobCodes: ["OPS"], note: "" },
  { nameId: `pat-${tag}`, email: `pat@${domain}`, name: "Pat Password", jobCodes: ["OPS"], note: "" },
  { nameId: `pia-${tag}`, email: `pia@${domain}`, name: "Pia Platform", jobCodes: ["OPS"], note: "" },
  { nameId: `jo-${tag}`, email: `jo@${domain}`, name: "Jo Invited", jobCodes: ["READ"], note: "" },
];

type Posted = { SAMLResponse: string; RelayState: string; action: string };

/** The browser binding of the latest sign-in started (the cookie the login route sets). */
let binding = "";
const redeem = (ticket: string) => redeemSamlTicket(ticket, binding);

/** Starts a sign-in, picks `person` on the IdP's page and returns what its page would POST to us. */
async function signInAtIdp(person: string, opts: { tamper?: (xml: string) => string } = {}): Promise<Posted> {
  const start = await startSamlLogin(slug, "/w/somewhere", "192.0.2.7");
  if (!start.ok) throw new Error(start.reason);
  binding = start.binding;
  const url = new URL(start.url);
  expect(`${url.origin}${url.pathname}`).toBe(idp.ssoUrl);
  let request = url.searchParams.get("SAMLRequest")!;
  if (opts.tamper)
    request = deflateRawSync(opts.tamper(inflateRawSync(Buffer.from(request, "base64")).toString("utf8"))).toString(
      "base64",
    );
  const page = await fetch(`${idp.ssoUrl}?${new URLSearchParams({ SAMLRequest: request })}`);
  expect(page.status).toBe(200);
  const res = await fetch(idp.ssoUrl, {
    method: "POST",
    body: new URLSearchParams({ SAMLRequest: request, RelayState: url.searchParams.get("RelayState") ?? "", person }),
  });
  const html = await res.text();
  const field = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? "";
  const action = /action="([^"]+)"/.exec(html)?.[1] ?? "";
  return { SAMLResponse: field("SAMLResponse"), RelayState: field("RelayState").replace(/&amp;/g, "&"), action };
}

const xmlOf = (p: Posted) => Buffer.from(p.SAMLResponse, "base64").toString("utf8");
const withXml = (p: Posted, xml: string): Posted => ({ ...p, SAMLResponse: Buffer.from(xml).toString("base64") });
const acs = (p: Partial<Posted>) => handleSamlResponse(slug, p, { ip: "192.0.2.7", map });
const lastRefusal = async () =>
  (
    await raw.auditEvent.findFirst({
      where: { action: "auth.saml.refused", municipalityId: muni },
      orderBy: { seq: "desc" },
      select: { data: true },
    })
  )?.data as { reason?: string } | undefined;

beforeAll(async () => {
  muni = (await freshMunicipality({ slug, name: `SAML ${tag}` })).id;
  await raw.municipality.update({ where: { id: muni }, data: { emailDomains: [domain] } });
  idp = await startSamlIdp({ port: await freePort(), people });
  // Configured from the IdP's published metadata, as the admin page does.
  const md = await fetchIdpMetadata(idp.metadataUrl);
  await raw.ssoConnection.create({
    data: {
      municipalityId: muni,
      protocol: "SAML",
      samlIdpEntityId: md.entityId,
      samlIdpSsoUrl: md.ssoUrl,
      samlIdpCertificates: md.certificates,
      samlMetadataUrl: idp.metadataUrl,
      mfaAcrValues: [MFA_CONTEXT],
    },
  });
});
afterAll(async () => {
  await idp?.stop();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("SAML sign-in against the local IdP", () => {
  it("signs a person in with the groups their attributes map to, through a one-time ticket", async () => {
    const posted = await signInAtIdp(people[0]!.nameId);
    expect(posted.action).toBe(samlEndpoints(slug).acsUrl);
    const r = await acs(posted);
    expect(r).toMatchObject({ ok: true, next: "/w/somewhere" });
    if (!r.ok) return;
    const user = await raw.user.findUniqueOrThrow({
      where: { email: people[0]!.email },
      select: { id: true, name: true, accounts: { select: { provider: true, providerAccountId: true } } },
    });
    expect(user.name).toBe("Sam SAML");
    expect(user.accounts).toEqual([{ provider: `saml-${slug}`, providerAccountId: people[0]!.nameId }]);
    const membership = await raw.membership.findUniqueOrThrow({
      where: { userId_municipalityId: { userId: user.id, municipalityId: muni } },
      select: { groups: true, status: true },
    });
    expect(membership).toEqual({ groups: ["analyst", "operator"], status: "ACTIVE" });
    // Another browser (no binding, or someone else's) cannot redeem it, and does not use it up.
    expect(await redeemSamlTicket(r.ticket, null)).toBeNull();
    expect(await redeemSamlTicket(r.ticket, "x".repeat(43))).toBeNull();
    expect(await redeem(r.ticket)).toEqual({ userId: user.id, amr: ["fed"] });
    // Once only.
    expect(await redeem(r.ticket)).toBeNull();
    const login = await raw.auditEvent.findFirst({
      where: { action: "auth.login", subjectUserId: user.id },
      select: { data: true },
    });
    expect(login?.data).toMatchObject({ method: `saml:${slug}`, groups: ["analyst", "operator"] });
  });

  it("counts the IdP's multi-factor authentication context where the connection trusts it", async () => {
    const r = await acs(await signInAtIdp(people[1]!.nameId));
    expect(r.ok).toBe(true);
    if (r.ok) expect((await redeem(r.ticket))?.amr).toEqual(["fed", "mfa"]);
  });

  it("refuses an assertion whose signature was removed", async () => {
    const posted = await signInAtIdp(people[0]!.nameId);
    const stripped = xmlOf(posted).replace(/<ds:Signature[\s\S]*?<\/ds:Signature>/, "");
    expect(stripped).not.toContain("Signature");
    expect(await acs(withXml(posted, stripped))).toEqual({ ok: false, kind: "protocol", reason: "unsigned" });
    expect(await lastRefusal()).toMatchObject({ reason: "unsigned" });
  });

  it("refuses an assertion changed after signing", async () => {
    const posted = await signInAtIdp(people[0]!.nameId);
    const forged = xmlOf(posted).replace(">OPS<", ">ADMIN<");
    expect(forged).not.toBe(xmlOf(posted));
    expect(await acs(withXml(posted, forged))).toEqual({ ok: false, kind: "protocol", reason: "bad_signature" });
  });

  it("refuses a response signed with a key other than the configured certificate", async () => {
    const connection = await raw.ssoConnection.findFirstOrThrow({ where: { municipalityId: muni, protocol: "SAML" } });
    const other = await samlIdpKeys("Someone else");
    await raw.ssoConnection.update({
      where: { id: connection.id },
      data: { samlIdpCertificates: [other.certificate] },
    });
    try {
      const r = await acs(await signInAtIdp(people[0]!.nameId));
      expect(r).toEqual({ ok: false, kind: "protocol", reason: "bad_signature" });
      expect(await lastRefusal()).toMatchObject({ reason: "bad_signature" });
    } finally {
      await raw.ssoConnection.update({
        where: { id: connection.id },
        data: { samlIdpCertificates: connection.samlIdpCertificates },
      });
    }
  });

  it("refuses an expired response (past NotOnOrAfter and the clock skew)", async () => {
    const posted = await signInAtIdp(people[0]!.nameId);
    // The IdP's assertion is good for 5 minutes, the connection allows 60 s of skew; 7 minutes on.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 7 * 60_000);
    expect(await acs(posted)).toEqual({ ok: false, kind: "protocol", reason: "expired" });
    vi.useRealTimers();
    expect(await lastRefusal()).toMatchObject({ reason: "expired" });
  });

  it("refuses a replayed response, and one answering no request of ours", async () => {
    const posted = await signInAtIdp(people[0]!.nameId);
    expect((await acs(posted)).ok).toBe(true);
    expect(await acs(posted)).toEqual({ ok: false, kind: "protocol", reason: "replayed" });
    expect(await lastRefusal()).toMatchObject({ reason: "replayed" });
    // Two servers racing with the same fresh response: exactly one signs in.
    const fresh = await signInAtIdp(people[0]!.nameId);
    const both = await Promise.all([acs(fresh), acs(fresh)]);
    expect(both.filter((r) => r.ok)).toHaveLength(1);
  });

  it("refuses a response the IdP issued for another service provider (audience)", async () => {
    const posted = await signInAtIdp(people[0]!.nameId, {
      tamper: (xml) => xml.replace(samlEndpoints(slug).entityId, "https://other-sp.example/metadata"),
    });
    expect(xmlOf(posted)).toContain("<saml:Audience>https://other-sp.example/metadata</saml:Audience>");
    expect(await acs(posted)).toEqual({ ok: false, kind: "protocol", reason: "wrong_audience" });
    expect(await lastRefusal()).toMatchObject({ reason: "wrong_audience" });
  });

  it("refuses an address outside the municipality's email domains (the same rule as OIDC)", async () => {
    expect(await acs(await signInAtIdp(people[2]!.nameId))).toEqual({
      ok: false,
      kind: "trust",
      reason: "email_domain",
    });
  });

  it("joins an existing account by email only when nobody can sign in to it yet; never a platform account", async () => {
    await freshUser({ email: `pat@${domain}`, password: "a long password 123" });
    expect(await acs(await signInAtIdp(`pat-${tag}`))).toEqual({ ok: false, kind: "trust", reason: "link_required" });
    await freshUser({ email: `pia@${domain}`, platformGroups: ["platform_admin"] });
    expect(await acs(await signInAtIdp(`pia-${tag}`))).toEqual({
      ok: false,
      kind: "trust",
      reason: "platform_account",
    });
    // No password, no other identity (an invited person's account): the signed assertion joins it.
    const jo = await freshUser({ email: `jo@${domain}` });
    const r = await acs(await signInAtIdp(`jo-${tag}`));
    expect(r.ok && (await redeem(r.ticket))?.userId).toBe(jo.id);
  });

  it("refuses a municipality without an enabled SAML connection, and hostile bytes, with an answer", async () => {
    const posted = await signInAtIdp(people[0]!.nameId);
    expect(await handleSamlResponse(`nope-${tag}`, posted, { map })).toEqual({
      ok: false,
      kind: "protocol",
      reason: "unknown_connection",
    });
    for (const junk of [
      undefined,
      "",
      "%%%not-base64",
      Buffer.from("<not xml").toString("base64"),
      Buffer.from('<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>').toString("base64"),
      Buffer.from("<samlp:Response xmlns:samlp='urn:oasis:names:tc:SAML:2.0:protocol'/>").toString("base64"),
      "A".repeat(500_000),
      { nested: ["x"] },
    ])
      expect((await acs({ SAMLResponse: junk as string })).ok).toBe(false);
  });

  it("publishes SP metadata with our entity id and ACS URL", () => {
    const xml = serviceProviderMetadata(slug);
    expect(xml).toContain(`entityID="${samlEndpoints(slug).entityId}"`);
    expect(xml).toContain(`Location="${samlEndpoints(slug).acsUrl}"`);
    expect(xml).toContain('WantAssertionsSigned="true"');
  });
});
