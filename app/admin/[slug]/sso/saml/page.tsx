import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireAdminPage } from "@/lib/people/admin-scope";
import { orNotFound } from "@/lib/pages/scope";
import { canManageSaml, samlConnectionOf } from "@/lib/data/saml-connections";
import { samlEndpoints } from "@/lib/auth/saml";
import { certificateFactsOrNull } from "@/lib/auth/saml-metadata";
import { attributeMapOf, SAML_CLAIMS } from "@/lib/auth/saml-claims";
import { TitledSection } from "@/app/_components/titled-section";
import { AdminNav } from "../../admin-nav";
import { SamlForm, type SamlFormValues } from "./saml-form";

export const metadata: Metadata = { title: "SAML sign-in" };

/**
 * The municipality's SAML 2.0 connection: what to give the identity provider (our SP metadata,
 * entity id and ACS URL) and what Gatehouse knows of it. Platform admins and the municipality's
 * own admins only (SsoConnection manage); anyone else gets "not found".
 */
export default async function SamlConnectionPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { viewer, muni } = await requireAdminPage(slug);
  if (!canManageSaml(viewer, muni.id)) notFound();
  const connection = await orNotFound(samlConnectionOf(viewer, muni.id));
  const sp = samlEndpoints(slug);
  const map = attributeMapOf(connection?.samlAttributeMap);
  const initial: SamlFormValues = {
    source: connection?.samlMetadataUrl ? "url" : connection ? "manual" : "url",
    displayName: connection?.displayName ?? "",
    metadataUrl: connection?.samlMetadataUrl ?? "",
    entityId: connection?.samlIdpEntityId ?? "",
    ssoUrl: connection?.samlIdpSsoUrl ?? "",
    certificates: connection?.samlIdpCertificates.join("\n") ?? "",
    clockSkewSeconds: String(connection?.samlClockSkewSeconds ?? 60),
    attributes: Object.fromEntries(SAML_CLAIMS.map((c) => [c, map[c].join(", ")])) as SamlFormValues["attributes"],
    mfaAcrValues: connection?.mfaAcrValues.join(", ") ?? "",
    enabled: connection?.enabled ?? true,
  };
  const certs = (connection?.samlIdpCertificates ?? []).map(certificateFactsOrNull);
  return (
    <div className="space-y-6">
      <AdminNav slug={slug} name={muni.name} current="sso" />
      <div className="space-y-1">
        <Link href={`/admin/${slug}/sso`} className="text-sm text-brand-700 underline">
          ← Sign-in (SSO)
        </Link>
        <h1 className="text-2xl font-semibold text-brand-900">SAML sign-in for {muni.name}</h1>
        <p className="text-sm text-slate-600">
          For ADFS, Entra ID or any SAML 2.0 identity provider. Gatehouse accepts only signed assertions, for itself,
          within their validity period, each answering a sign-in started here — once.
        </p>
      </div>
      <div className="grid gap-6 lg:grid-cols-2">
        <div className="min-w-0">
          <TitledSection id="saml-sp" title="1. Give these to your identity provider">
            <dl className="space-y-2 text-sm">
              <div>
                <dt className="font-medium">Entity id (Identifier, audience)</dt>
                <dd className="break-all font-mono text-xs">{sp.entityId}</dd>
              </div>
              <div>
                <dt className="font-medium">Assertion consumer service URL (Reply URL, HTTP-POST)</dt>
                <dd className="break-all font-mono text-xs">{sp.acsUrl}</dd>
              </div>
              <div>
                <dt className="font-medium">Name ID</dt>
                <dd>A stable identifier of the person (persistent); the email goes in its own attribute.</dd>
              </div>
            </dl>
            <a
              href={`/api/saml/${slug}/metadata?download=1`}
              download
              className="inline-block rounded-md border border-slate-300 px-3 py-2 text-sm font-medium hover:bg-slate-50"
            >
              Download SP metadata (XML)
            </a>
            <div className="space-y-1 border-t border-slate-100 pt-3 text-sm">
              <h3 className="font-medium">Status</h3>
              {!connection ? (
                <p className="text-slate-600">Not set up yet.</p>
              ) : (
                <>
                  <p>
                    {connection.enabled ? "Offered on the sign-in page" : "Switched off"} · identity provider{" "}
                    <span className="break-all font-mono text-xs">{connection.samlIdpEntityId}</span>
                  </p>
                  <ul className="space-y-1">
                    {certs.map((c, i) => (
                      <li key={i} className={c?.expired ? "text-red-700" : "text-slate-700"}>
                        {c ? (
                          <>
                            Certificate {c.subject}, valid until {c.validTo}
                            {c.expired ? " (expired)" : ""}
                            <span className="block break-all font-mono text-xs text-slate-500">
                              SHA-256 {c.fingerprint}
                            </span>
                          </>
                        ) : (
                          "A stored certificate could not be read: replace it."
                        )}
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </div>
          </TitledSection>
        </div>
        <div className="min-w-0">
          <TitledSection id="saml-idp" title="2. Tell Gatehouse about your identity provider">
            <SamlForm slug={slug} initial={initial} />
          </TitledSection>
        </div>
      </div>
    </div>
  );
}
