// A local SAML 2.0 identity provider (samlify) for development and tests, so Gatehouse's SAML
// service provider (lib/auth/saml.ts) is exercised against real, signed responses: the
// HTTP-Redirect AuthnRequest comes in, a person is picked, and a signed assertion goes back by
// HTTP-POST, as ADFS or Entra ID would send it (their attribute URIs included). Loopback only, and
// it signs anyone in who is picked from its list: never something to run beside a real app.
// It answers only service providers whose assertion consumer service is on this machine.
import http from "node:http";
import { inflateRawSync } from "node:zlib";
import { DOMParser } from "@xmldom/xmldom";
import * as samlify from "samlify";
import { generate } from "selfsigned";

/** The attribute names Entra ID and ADFS use, which Gatehouse's defaults read (lib/auth/saml-claims.ts). */
export const SAML_ATTRIBUTES = {
  email: "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
  name: "http://schemas.microsoft.com/identity/claims/displayname",
  groups: "http://schemas.microsoft.com/ws/2008/06/identity/claims/groups",
  jobCodes: "jobCode",
} as const;

export type SamlIdpPerson = {
  nameId: string;
  email: string;
  name: string;
  groups?: string[];
  jobCodes?: string[];
  /** The IdP's sign-in was multi-factor: AuthnContextClassRef says so. */
  mfa?: boolean;
  note: string;
};

/** Not the OIDC IdP's people (lib/idp/server.ts): a person linked to one provider cannot join by email through another. */
export const SAML_IDP_PEOPLE: SamlIdpPerson[] = [
  {
    nameId: "sara",
    email: "sara.saml@riverton.test",
    name: "Sara Operator (SAML)",
    jobCodes: ["RIV-PW-OPS"],
    groups: ["riverton-analysts"],
    note: "job code + group → operator, analyst",
  },
  {
    nameId: "ines",
    email: "ines.saml@riverton.test",
    name: "Ines Reader (SAML)",
    jobCodes: ["RIV-READ"],
    mfa: true,
    note: "job code → viewer; the IdP says it did multi-factor",
  },
  {
    nameId: "nils",
    email: "nils.saml@riverton.test",
    name: "Nils Nomap (SAML)",
    jobCodes: ["XYZ-UNKNOWN"],
    note: "no mapped claim → refused",
  },
  {
    nameId: "bea",
    email: "bea.clerk@brookfield.test",
    name: "Bea Clerk (SAML)",
    jobCodes: ["BF-CLERK"],
    note: "Brookfield (set up in the browser): job code BF-CLERK, mapped in its console",
  },
  {
    nameId: "erin",
    email: "erin@elsewhere.test",
    name: "Erin Outsider (SAML)",
    jobCodes: ["RIV-PW-OPS"],
    note: "foreign email domain → refused",
  },
];

export const MFA_CONTEXT = "http://schemas.microsoft.com/claims/multipleauthn";
const PASSWORD_CONTEXT = "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport";

export type SamlIdpKeys = { privateKey: string; certificate: string };

/** A fresh RSA key and self-signed certificate (what an IdP publishes in its metadata). */
export async function samlIdpKeys(commonName = "Gatehouse local SAML IdP"): Promise<SamlIdpKeys> {
  const pems = await generate([{ name: "commonName", value: commonName }], { keySize: 2048, algorithm: "sha256" });
  return { privateKey: pems.private, certificate: pems.cert };
}

export type SamlIdp = {
  entityId: string;
  metadataUrl: string;
  ssoUrl: string;
  certificate: string;
  stop(): Promise<void>;
};

let validatorSet = false;

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}button{display:block;width:100%;text-align:left;margin:.5rem 0;padding:.6rem;font-size:1rem}small{color:#555}</style></head><body>${body}</body></html>`;
}

const isLoopback = (url: string) => {
  try {
    const u = new URL(url);
    return ["localhost", "127.0.0.1", "[::1]"].includes(u.hostname) && /^https?:$/.test(u.protocol);
  } catch {
    return false;
  }
};

/** The AuthnRequest's issuer, id and ACS URL, from the HTTP-Redirect encoding (base64 of raw DEFLATE). */
function readRequest(encoded: string): { issuer: string; acs: string } | null {
  try {
    const xml = inflateRawSync(Buffer.from(encoded, "base64")).toString("utf8");
    const doc = new DOMParser().parseFromString(xml, "text/xml");
    const root = doc.documentElement;
    if (!root || root.localName !== "AuthnRequest") return null;
    const issuer = root.getElementsByTagNameNS("urn:oasis:names:tc:SAML:2.0:assertion", "Issuer")[0]?.textContent;
    const acs = root.getAttribute("AssertionConsumerServiceURL");
    return issuer && acs ? { issuer: issuer.trim(), acs } : null;
  } catch {
    return null;
  }
}

/** samlify's template placeholders `{Tag}`, each replaced by its escaped value. */
const fillTags = (template: string, tags: Record<string, string>) =>
  template.replace(/\{(\w+)\}/g, (whole, tag: string) => (Object.hasOwn(tags, tag) ? esc(tags[tag]!) : whole));

function attributeStatement(p: SamlIdpPerson): string {
  const attr = (name: string, values: string[]) =>
    values.length === 0
      ? ""
      : `<saml:Attribute Name="${esc(name)}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri">${values
          .map((v) => `<saml:AttributeValue xsi:type="xs:string">${esc(v)}</saml:AttributeValue>`)
          .join("")}</saml:Attribute>`;
  return `<saml:AttributeStatement>${attr(SAML_ATTRIBUTES.email, [p.email])}${attr(SAML_ATTRIBUTES.name, [p.name])}${attr(
    SAML_ATTRIBUTES.groups,
    p.groups ?? [],
  )}${attr(SAML_ATTRIBUTES.jobCodes, p.jobCodes ?? [])}</saml:AttributeStatement>`;
}

export async function startSamlIdp(opts: {
  port: number;
  keys?: SamlIdpKeys;
  people?: SamlIdpPerson[];
}): Promise<SamlIdp> {
  if (!validatorSet) {
    // samlify asks for a schema validator before it parses a request. This test IdP only reads
    // AuthnRequests from our own SP on this machine; it asks for well-formed XML, no more.
    samlify.setSchemaValidator({
      validate: async (xml: string) => {
        const doc = new DOMParser({
          onError: (level, msg) => {
            if (level !== "warning") throw new Error(msg);
          },
        }).parseFromString(xml, "text/xml");
        if (!doc.documentElement) throw new Error("not XML");
        return "ok";
      },
    });
    validatorSet = true;
  }
  const base = `http://127.0.0.1:${opts.port}`;
  const keys = opts.keys ?? (await samlIdpKeys());
  const people = opts.people ?? SAML_IDP_PEOPLE;
  const idp = samlify.IdentityProvider({
    entityID: `${base}/metadata`,
    signingCert: keys.certificate,
    privateKey: keys.privateKey,
    nameIDFormat: ["urn:oasis:names:tc:SAML:2.0:nameid-format:persistent"],
    singleSignOnService: [{ Binding: samlify.Constants.namespace.binding.redirect, Location: `${base}/sso` }],
  });
  const spFor = (r: { issuer: string; acs: string }) =>
    samlify.ServiceProvider({
      entityID: r.issuer,
      wantAssertionsSigned: true,
      assertionConsumerService: [{ Binding: samlify.Constants.namespace.binding.post, Location: r.acs }],
    });

  async function respond(encoded: string, relayState: string, person: SamlIdpPerson): Promise<string> {
    const r = readRequest(encoded)!;
    const sp = spFor(r);
    const parsed = await idp.parseLoginRequest(sp, "redirect", {
      query: { SAMLRequest: encoded, RelayState: relayState },
      octetString: "",
    });
    const requestId = String(parsed.extract?.request?.id ?? "");
    const now = new Date();
    const later = new Date(now.getTime() + 5 * 60_000).toISOString();
    const authn = `<saml:AuthnStatement AuthnInstant="${now.toISOString()}" SessionIndex="${esc(
      `_s${Date.now()}`,
    )}"><saml:AuthnContext><saml:AuthnContextClassRef>${person.mfa ? MFA_CONTEXT : PASSWORD_CONTEXT}</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>`;
    const { context } = await idp.createLoginResponse(
      sp,
      parsed as never,
      "post",
      { email: person.email },
      {
        relayState,
        customTagReplacement: (template: string) => {
          const id = `_${crypto.randomUUID()}`;
          const filled = fillTags(
            template.replace("{AuthnStatement}", authn).replace("{AttributeStatement}", attributeStatement(person)),
            {
              ID: id,
              AssertionID: `_${crypto.randomUUID()}`,
              Destination: r.acs,
              Audience: r.issuer,
              SubjectRecipient: r.acs,
              Issuer: `${base}/metadata`,
              IssueInstant: now.toISOString(),
              StatusCode: "urn:oasis:names:tc:SAML:2.0:status:Success",
              ConditionsNotBefore: now.toISOString(),
              ConditionsNotOnOrAfter: later,
              SubjectConfirmationDataNotOnOrAfter: later,
              NameIDFormat: "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent",
              NameID: person.nameId,
              InResponseTo: requestId,
            },
          );
          return { id, context: filled };
        },
      },
    );
    return page(
      "Signing you in",
      `<p>Signing you in to the service provider…</p><form method="post" action="${esc(r.acs)}" id="saml-post">
<input type="hidden" name="SAMLResponse" value="${esc(context)}"><input type="hidden" name="RelayState" value="${esc(relayState)}">
<button type="submit">Continue</button></form><script>document.getElementById("saml-post").submit()</script>`,
    );
  }

  const server = http.createServer(async (req, res) => {
    const send = (status: number, type: string, body: string) => {
      res.writeHead(status, { "content-type": `${type}; charset=utf-8`, "cache-control": "no-store" });
      res.end(body);
    };
    try {
      const url = new URL(req.url ?? "/", base);
      if (req.method === "GET" && url.pathname === "/metadata") return send(200, "application/xml", idp.getMetadata());
      if (url.pathname !== "/sso") return send(404, "text/plain", "not found");
      let form: URLSearchParams;
      if (req.method === "POST") {
        const chunks: Buffer[] = [];
        for await (const c of req) chunks.push(c as Buffer);
        form = new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
      } else form = url.searchParams;
      const encoded = form.get("SAMLRequest") ?? "";
      const relayState = form.get("RelayState") ?? "";
      const request = readRequest(encoded);
      if (!request) return send(400, "text/plain", "SAMLRequest missing or not an AuthnRequest");
      if (!isLoopback(request.acs))
        return send(400, "text/plain", "this IdP answers service providers on this machine only");
      if (req.method === "POST") {
        const person = people.find((p) => p.nameId === form.get("person"));
        if (!person) return send(400, "text/plain", "unknown person");
        return send(200, "text/html", await respond(encoded, relayState, person));
      }
      const buttons = people
        .map(
          (p) =>
            `<form method="post" action="/sso"><input type="hidden" name="SAMLRequest" value="${esc(encoded)}"><input type="hidden" name="RelayState" value="${esc(
              relayState,
            )}"><input type="hidden" name="person" value="${esc(p.nameId)}"><button type="submit">Sign in as ${esc(
              p.name,
            )} <small>${esc(p.email)} — ${esc(p.note)}</small></button></form>`,
        )
        .join("");
      return send(
        200,
        "text/html",
        page(
          "Local SAML IdP",
          `<h1>Local SAML IdP</h1><p>Signing in to <code>${esc(request.issuer)}</code>.</p>${buttons}`,
        ),
      );
    } catch (e) {
      send(500, "text/plain", `saml idp: ${(e as Error).message}`);
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, "127.0.0.1", () => resolve());
  });
  return {
    entityId: `${base}/metadata`,
    metadataUrl: `${base}/metadata`,
    ssoUrl: `${base}/sso`,
    certificate: keys.certificate,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
