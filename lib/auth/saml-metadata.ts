// Reading an identity provider's SAML 2.0 metadata (what ADFS publishes at
// /FederationMetadata/2007-06/FederationMetadata.xml and Entra ID per application): its entity id,
// its single sign-on URL for the HTTP-Redirect binding, and the certificates that sign its
// assertions. A real XML parser (@xmldom/xmldom, namespace-aware), never regular expressions; a
// document type declaration is refused outright (entity expansion has no place in metadata).
// Each certificate is parsed as X.509, so a broken one is named before anyone tries to sign in.
import { X509Certificate } from "node:crypto";
import { DOMParser, type Element } from "@xmldom/xmldom";
import { ValidationError } from "@/lib/errors";
import { issuerProblem } from "./oidc-checks";

const MD = "urn:oasis:names:tc:SAML:2.0:metadata";
const DS = "http://www.w3.org/2000/09/xmldsig#";
export const REDIRECT_BINDING = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";

export type IdpMetadata = { entityId: string; ssoUrl: string; certificates: string[] };

/** Metadata is small; anything bigger is not what an IdP publishes. */
export const MAX_METADATA_BYTES = 512 * 1024;

const bad = (field: string, message: string) => new ValidationError(message, { [field]: [message] });

/** A certificate in PEM form (64-character lines), or null when it is not an X.509 certificate. */
export function normalizeCertificate(text: string): string | null {
  const body = text
    .replace(/-----(BEGIN|END) CERTIFICATE-----/g, "")
    .replace(/\s+/g, "")
    .trim();
  if (!/^[A-Za-z0-9+/]+=*$/.test(body) || body.length < 100) return null;
  const pem = `-----BEGIN CERTIFICATE-----\n${body.match(/.{1,64}/g)!.join("\n")}\n-----END CERTIFICATE-----\n`;
  try {
    new X509Certificate(pem);
    return pem;
  } catch {
    return null;
  }
}

/** One or more PEM certificates pasted into a field, each checked. */
export function parseCertificates(text: string, field = "certificates"): string[] {
  const blocks =
    text.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? (text.trim() ? [text] : []);
  const out: string[] = [];
  for (const [i, b] of blocks.entries()) {
    const pem = normalizeCertificate(b);
    if (!pem) throw bad(field, `Certificate ${i + 1} is not a valid X.509 certificate (PEM or base64).`);
    if (!out.includes(pem)) out.push(pem);
  }
  return out;
}

/** Facts from a certificate for the admin page: subject, expiry, fingerprint. */
export function describeCertificate(pem: string): {
  subject: string;
  validTo: string;
  fingerprint: string;
  expired: boolean;
} {
  const c = new X509Certificate(pem);
  return {
    subject: c.subject.replace(/\n/g, ", "),
    validTo: new Date(c.validTo).toISOString().slice(0, 10),
    fingerprint: c.fingerprint256,
    expired: new Date(c.validTo).getTime() < Date.now(),
  };
}

/** describeCertificate, or null for a stored certificate that no longer parses (shown as unreadable). */
export function certificateFactsOrNull(pem: string): ReturnType<typeof describeCertificate> | null {
  try {
    return describeCertificate(pem);
  } catch {
    return null;
  }
}

/** The IdP's entity id, SSO URL (HTTP-Redirect) and signing certificates, or a ValidationError naming what is missing. */
export function parseIdpMetadata(xml: string, field = "metadata"): IdpMetadata {
  if (Buffer.byteLength(xml, "utf8") > MAX_METADATA_BYTES)
    throw bad(field, "That metadata is too large (512 KB at most).");
  if (/<!DOCTYPE|<!ENTITY/i.test(xml))
    throw bad(field, "That metadata declares a document type, which IdP metadata never needs.");
  let root: Element | null = null;
  try {
    const doc = new DOMParser({
      onError: (level, msg) => {
        if (level !== "warning") throw new Error(msg);
      },
    }).parseFromString(xml, "text/xml");
    root = doc.documentElement;
  } catch {
    throw bad(field, "That is not well-formed XML.");
  }
  if (!root || root.namespaceURI !== MD || !["EntityDescriptor", "EntitiesDescriptor"].includes(root.localName ?? ""))
    throw bad(field, "That is not SAML 2.0 metadata (no EntityDescriptor).");
  const entities =
    root.localName === "EntityDescriptor" ? [root] : Array.from(root.getElementsByTagNameNS(MD, "EntityDescriptor"));
  const entity = entities.find((e) => e.getElementsByTagNameNS(MD, "IDPSSODescriptor").length > 0);
  if (!entity) throw bad(field, "That metadata describes no identity provider (no IDPSSODescriptor).");
  const entityId = entity.getAttribute("entityID")?.trim() ?? "";
  if (!entityId) throw bad(field, "That metadata has no entityID.");
  const idp = entity.getElementsByTagNameNS(MD, "IDPSSODescriptor")[0]!;
  const sso = Array.from(idp.getElementsByTagNameNS(MD, "SingleSignOnService")).find(
    (s) => s.getAttribute("Binding") === REDIRECT_BINDING,
  );
  const ssoUrl = sso?.getAttribute("Location")?.trim() ?? "";
  if (!ssoUrl) throw bad(field, "That metadata has no single sign-on URL for the HTTP-Redirect binding.");
  const certificates: string[] = [];
  for (const kd of Array.from(idp.getElementsByTagNameNS(MD, "KeyDescriptor"))) {
    const use = kd.getAttribute("use");
    if (use && use !== "signing") continue;
    for (const x of Array.from(kd.getElementsByTagNameNS(DS, "X509Certificate"))) {
      const pem = normalizeCertificate(x.textContent ?? "");
      if (!pem) throw bad(field, "A signing certificate in that metadata is not a valid X.509 certificate.");
      if (!certificates.includes(pem)) certificates.push(pem);
    }
  }
  if (certificates.length === 0) throw bad(field, "That metadata has no signing certificate.");
  return { entityId: entityId.slice(0, 500), ssoUrl: checkedUrl(ssoUrl, field), certificates };
}

/** An http(s) URL, or a ValidationError on `field`. */
export function checkedUrl(value: string, field: string): string {
  try {
    const u = new URL(value);
    if (u.protocol === "https:" || u.protocol === "http:") return u.toString().slice(0, 2000);
  } catch {
    /* below */
  }
  throw bad(field, "Enter an http:// or https:// address.");
}

/**
 * The metadata at `url`: one GET, no redirects followed, 5 seconds and 512 KB at most, and only
 * a plain-words reason when it fails (never the body of whatever answered).
 */
export async function fetchIdpMetadata(url: string, field = "metadataUrl"): Promise<IdpMetadata> {
  const target = checkedUrl(url, field);
  // The OIDC console's rule for addresses the server fetches: https, or a provider on this
  // machine only while Gatehouse itself runs locally (no probing the server's own ports).
  const problem = issuerProblem(new URL(target), undefined, "The metadata address");
  if (problem) throw bad(field, problem);
  let res: Response;
  try {
    res = await fetch(target, {
      redirect: "error",
      signal: AbortSignal.timeout(5_000),
      headers: { accept: "application/samlmetadata+xml, application/xml, text/xml" },
    });
  } catch {
    throw bad(field, "Could not fetch the metadata: the address did not answer (or redirected elsewhere).");
  }
  if (!res.ok) throw bad(field, `Could not fetch the metadata: the server answered ${res.status}.`);
  const declared = Number(res.headers.get("content-length") ?? 0);
  if (declared > MAX_METADATA_BYTES) throw bad(field, "That metadata is too large (512 KB at most).");
  const body = await res.text();
  return parseIdpMetadata(body, field);
}
