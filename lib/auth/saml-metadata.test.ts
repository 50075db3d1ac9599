// IdP metadata as ADFS and Entra ID publish it, read with a real XML parser: entity id, the
// HTTP-Redirect sign-on URL and the signing certificates (encryption keys ignored); whatever is
// missing or broken is named on the field it came from. Attribute maps fall back to the defaults.
import { describe, expect, it } from "vitest";
import { samlIdpKeys } from "@/lib/idp/saml-server";
import { ValidationError } from "@/lib/errors";
import { describeCertificate, fetchIdpMetadata, parseCertificates, parseIdpMetadata } from "./saml-metadata";
import { attributeMapOf, claimsFromAttributes, DEFAULT_SAML_ATTRIBUTES } from "./saml-claims";

const body = (pem: string) => pem.replace(/-----(BEGIN|END) CERTIFICATE-----|\s/g, "");

const metadata = (signing: string, encryption: string) => `<?xml version="1.0"?>
<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="http://adfs.city.example/adfs/services/trust">
  <RoleDescriptor xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="fed:SecurityTokenServiceType" protocolSupportEnumeration="http://docs.oasis-open.org/wsfed/federation/200706"/>
  <IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <KeyDescriptor use="encryption"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${body(encryption)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></KeyDescriptor>
    <KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>
      ${body(signing)}
    </ds:X509Certificate></ds:X509Data></ds:KeyInfo></KeyDescriptor>
    <SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://adfs.city.example/adfs/ls/post"/>
    <SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://adfs.city.example/adfs/ls/"/>
  </IDPSSODescriptor>
</EntityDescriptor>`;

const fieldOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof ValidationError) return { message: e.message, fields: Object.keys(e.fieldErrors) };
    throw e;
  }
  return null;
};

describe("IdP metadata", () => {
  it("reads entity id, the HTTP-Redirect sign-on URL and only the signing certificate", async () => {
    const [signing, encryption] = await Promise.all([samlIdpKeys("signing"), samlIdpKeys("encryption")]);
    const md = parseIdpMetadata(metadata(signing.certificate, encryption.certificate));
    expect(md.entityId).toBe("http://adfs.city.example/adfs/services/trust");
    expect(md.ssoUrl).toBe("https://adfs.city.example/adfs/ls/");
    expect(md.certificates).toHaveLength(1);
    expect(body(md.certificates[0]!)).toBe(body(signing.certificate));
    expect(describeCertificate(md.certificates[0]!)).toMatchObject({ subject: "CN=signing", expired: false });
  });

  it("refuses what is not IdP metadata, names the field, and never expands entities", async () => {
    const { certificate } = await samlIdpKeys();
    const cases: [string, RegExp][] = [
      ["not xml <", /well-formed/],
      ['<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>', /document type/],
      ["<root/>", /not SAML 2.0 metadata/],
      [metadata(certificate, certificate).replace(/HTTP-Redirect/, "HTTP-Artifact"), /HTTP-Redirect/],
      [
        metadata(certificate, certificate).replace(
          /use="signing"[\s\S]*?<\/KeyDescriptor>/,
          'use="signing"></KeyDescriptor>',
        ),
        /signing certificate/,
      ],
      [metadata(certificate, certificate).replace(/entityID="[^"]*"/, ""), /entityID/],
      [metadata(certificate.replace(/[A-Z]/g, "Q"), certificate), /not a valid X.509/],
    ];
    for (const [xml, message] of cases) {
      const r = fieldOf(() => parseIdpMetadata(xml, "metadataFile"));
      expect(r?.fields, xml.slice(0, 60)).toEqual(["metadataFile"]);
      expect(r?.message).toMatch(message);
    }
  });

  it("takes pasted certificates, one or several, PEM or bare base64, and refuses a broken one", async () => {
    const [a, b] = await Promise.all([samlIdpKeys("a"), samlIdpKeys("b")]);
    expect(parseCertificates(`${a.certificate}\n${b.certificate}\n${a.certificate}`)).toHaveLength(2);
    expect(parseCertificates(body(a.certificate))).toHaveLength(1);
    expect(fieldOf(() => parseCertificates("-----BEGIN CERTIFICATE-----\nnope\n-----END CERTIFICATE-----"))).toEqual({
      message: "Certificate 1 is not a valid X.509 certificate (PEM or base64).",
      fields: ["certificates"],
    });
  });
});

describe("IdP metadata by address", () => {
  it("fetches only https addresses, or one on this machine while Gatehouse runs locally", async () => {
    const refused = (url: string) =>
      fetchIdpMetadata(url).then(
        () => null,
        (e: unknown) => (e instanceof ValidationError ? e.fieldErrors : e),
      );
    expect(await refused("http://idp.example/metadata")).toEqual({
      metadataUrl: ["The metadata address must use https (plain http only for a provider on this machine)."],
    });
    expect(await refused("ftp://idp.example/metadata")).toEqual({
      metadataUrl: ["Enter an http:// or https:// address."],
    });
    // Loopback passes the rule here (the tests' APP_URL is local) and fails only on the fetch.
    expect(await refused("http://127.0.0.1:9/metadata")).toEqual({
      metadataUrl: [expect.stringMatching(/Could not fetch the metadata/)],
    });
  });
});

describe("SAML attributes → claims", () => {
  it("reads ADFS/Entra claim URIs by default, the first attribute present wins, the NameID stands in for a missing email", () => {
    const map = attributeMapOf({ groups: ["memberOf"], email: "not a list" });
    expect(map.email).toEqual(DEFAULT_SAML_ATTRIBUTES.email);
    expect(map.groups).toEqual(["memberOf"]);
    expect(
      claimsFromAttributes(
        "p-1",
        {
          "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress": "Pia@City.Example",
          memberOf: ["a", "b"],
          "http://schemas.microsoft.com/ws/2008/06/identity/claims/role": "OPS",
        },
        map,
      ),
    ).toEqual({ sub: "p-1", email: "pia@city.example", name: undefined, groups: ["a", "b"], job_codes: ["OPS"] });
    expect(claimsFromAttributes("olga@city.example", {}, map).email).toBe("olga@city.example");
  });
});
