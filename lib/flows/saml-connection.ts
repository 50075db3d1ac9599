// Saving a municipality's SAML connection from the admin form: the IdP's entity id, SSO URL and
// signing certificates come from its metadata (fetched from a URL, or an uploaded file) or are
// typed by hand; each is checked (real XML parser, X.509 certificates) and a problem is named on
// the field it came from. Signed assertions are always required: there is no setting to turn that off.
import "server-only";
import { z } from "zod";
import { ValidationError } from "@/lib/errors";
import {
  checkedUrl,
  fetchIdpMetadata,
  parseCertificates,
  parseIdpMetadata,
  type IdpMetadata,
} from "@/lib/auth/saml-metadata";
import { attributeNamesField, DEFAULT_SAML_ATTRIBUTES, SAML_CLAIMS } from "@/lib/auth/saml-claims";
import { saveSamlConnection } from "@/lib/data/saml-connections";
import type { Viewer } from "@/lib/identity/viewer";

export const SAML_SOURCES = {
  url: "From the identity provider's metadata address",
  upload: "From a metadata file",
  manual: "Typed by hand",
} as const;

const text = (max: number) => z.string().trim().max(max, `at most ${max} characters`);

export const samlConnectionForm = z.object({
  source: z.enum(["url", "upload", "manual"], { message: "Choose where the identity provider's settings come from." }),
  displayName: text(100).default(""),
  metadataUrl: text(2000).default(""),
  metadataFile: z.unknown().optional(),
  entityId: text(500).default(""),
  ssoUrl: text(2000).default(""),
  certificates: z.string().max(100_000).default(""),
  clockSkewSeconds: z.coerce
    .number({ message: "Enter a number of seconds." })
    .int("Enter whole seconds.")
    .min(0, "At least 0 seconds.")
    .max(600, "At most 600 seconds (10 minutes)."),
  attr_email: attributeNamesField,
  attr_name: attributeNamesField,
  attr_groups: attributeNamesField,
  attr_job_codes: attributeNamesField,
  mfaAcrValues: attributeNamesField,
  enabled: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
});
export type SamlConnectionForm = z.infer<typeof samlConnectionForm>;

const bad = (field: string, message: string) => new ValidationError(message, { [field]: [message] });

async function idpSettings(input: SamlConnectionForm): Promise<IdpMetadata & { metadataUrl: string | null }> {
  if (input.source === "url") {
    if (!input.metadataUrl) throw bad("metadataUrl", "Enter the metadata address.");
    return { ...(await fetchIdpMetadata(input.metadataUrl, "metadataUrl")), metadataUrl: input.metadataUrl };
  }
  if (input.source === "upload") {
    const f = input.metadataFile;
    if (!(f instanceof File) || f.size === 0) throw bad("metadataFile", "Choose the metadata file (XML).");
    if (f.size > 512 * 1024) throw bad("metadataFile", "That file is too large (512 KB at most).");
    return { ...parseIdpMetadata(await f.text(), "metadataFile"), metadataUrl: null };
  }
  if (!input.entityId) throw bad("entityId", "Enter the identity provider's entity id.");
  const certificates = parseCertificates(input.certificates, "certificates");
  if (certificates.length === 0) throw bad("certificates", "Paste at least one signing certificate.");
  return {
    entityId: input.entityId,
    ssoUrl: checkedUrl(input.ssoUrl, "ssoUrl"),
    certificates,
    metadataUrl: null,
  };
}

/** Reads the IdP's settings from where the (parsed) form says and saves them; what was saved comes back for the page. */
export async function saveSamlConnectionFromForm(viewer: Viewer, municipalityId: string, input: SamlConnectionForm) {
  const idp = await idpSettings(input);
  const samlAttributeMap = Object.fromEntries(
    SAML_CLAIMS.map((c) => {
      const typed = input[`attr_${c}`];
      return [c, typed.length > 0 ? typed : DEFAULT_SAML_ATTRIBUTES[c]];
    }),
  );
  const result = await saveSamlConnection(viewer, municipalityId, {
    enabled: input.enabled,
    displayName: input.displayName || null,
    samlIdpEntityId: idp.entityId,
    samlIdpSsoUrl: idp.ssoUrl,
    samlIdpCertificates: idp.certificates,
    samlMetadataUrl: idp.metadataUrl,
    samlClockSkewSeconds: input.clockSkewSeconds,
    samlAttributeMap,
    mfaAcrValues: input.mfaAcrValues,
  });
  return { ...result, entityId: idp.entityId, certificates: idp.certificates.length };
}
