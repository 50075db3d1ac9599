"use client";

import { useActionState, useState } from "react";
import type { ActionResult } from "@/lib/action-result";
import { CheckboxField, fieldError, TextareaField, TextField } from "@/app/_components/form-field";
import { SubmitButton } from "@/app/_components/submit-button";
import { ActionOutcome } from "@/app/_components/form-alert";
import { SAML_CLAIMS, SAML_CLAIM_LABELS } from "@/lib/auth/saml-claims";
import { saveSamlConnectionAction } from "./actions";

type Source = "url" | "upload" | "manual";
const SOURCES: { value: Source; label: string; hint: string }[] = [
  {
    value: "url",
    label: "Fetch from a metadata address",
    hint: "Gatehouse fetches it now (ADFS: …/FederationMetadata/2007-06/FederationMetadata.xml).",
  },
  { value: "upload", label: "Upload a metadata file", hint: "The XML file your identity provider lets you download." },
  { value: "manual", label: "Enter by hand", hint: "Entity id, sign-on URL and signing certificate." },
];

/** What the form starts with: the saved connection, or empty fields with the ADFS/Entra defaults. */
export type SamlFormValues = {
  source: Source;
  displayName: string;
  metadataUrl: string;
  entityId: string;
  ssoUrl: string;
  certificates: string;
  clockSkewSeconds: string;
  attributes: Record<(typeof SAML_CLAIMS)[number], string>;
  mfaAcrValues: string;
  enabled: boolean;
};

/**
 * The SAML connection form. What was typed is kept when the server refuses it (the defaults follow
 * the last submission); signed assertions are required always, so there is no switch for it.
 */
export function SamlForm({ slug, initial }: { slug: string; initial: SamlFormValues }) {
  const [values, setValues] = useState(initial);
  const [source, setSource] = useState<Source>(initial.source);
  const [state, formAction, pending] = useActionState(async (prev: ActionResult | null, form: FormData) => {
    const s = (k: string) => (typeof form.get(k) === "string" ? (form.get(k) as string) : "");
    setValues({
      source: (s("source") as Source) || "url",
      displayName: s("displayName"),
      metadataUrl: s("metadataUrl"),
      entityId: s("entityId"),
      ssoUrl: s("ssoUrl"),
      certificates: s("certificates"),
      clockSkewSeconds: s("clockSkewSeconds"),
      attributes: Object.fromEntries(SAML_CLAIMS.map((c) => [c, s(`attr_${c}`)])) as SamlFormValues["attributes"],
      mfaAcrValues: s("mfaAcrValues"),
      enabled: form.get("enabled") === "on",
    });
    return saveSamlConnectionAction(prev, form);
  }, null);
  const err = (name: string) => fieldError(state, name);
  // React resets the form after the action; the defaults are then the values just sent.
  return (
    <form action={formAction} className="space-y-5" aria-label="SAML connection">
      <input type="hidden" name="slug" value={slug} />
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">Identity provider settings come from</legend>
        {SOURCES.map((o) => (
          <label key={o.value} className="flex items-start gap-2 text-sm">
            <input
              type="radio"
              name="source"
              value={o.value}
              checked={source === o.value}
              onChange={() => setSource(o.value)}
              className="mt-1"
            />
            <span>
              <span className="font-medium">{o.label}</span>
              <span className="block text-xs text-slate-500">{o.hint}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {source === "url" && (
        <TextField
          id="saml-metadata-url"
          label="Metadata address"
          name="metadataUrl"
          type="url"
          inputMode="url"
          defaultValue={values.metadataUrl}
          placeholder="https://adfs.example.gov/FederationMetadata/2007-06/FederationMetadata.xml"
          error={err("metadataUrl")}
          markRequired
          required
        />
      )}
      {source === "upload" && (
        <TextField
          id="saml-metadata-file"
          label="Metadata file"
          name="metadataFile"
          type="file"
          accept=".xml,application/xml,text/xml,application/samlmetadata+xml"
          className="text-sm"
          error={err("metadataFile")}
          markRequired
          required
        />
      )}
      {source === "manual" && (
        <div className="space-y-4">
          <TextField
            id="saml-entity-id"
            label="Identity provider entity id (Issuer)"
            name="entityId"
            defaultValue={values.entityId}
            error={err("entityId")}
            markRequired
          />
          <TextField
            id="saml-sso-url"
            label="Single sign-on URL (HTTP-Redirect)"
            name="ssoUrl"
            type="url"
            defaultValue={values.ssoUrl}
            error={err("ssoUrl")}
            markRequired
          />
          <TextareaField
            id="saml-certificates"
            label="Signing certificates (PEM)"
            hint="One or more, each from -----BEGIN CERTIFICATE----- to -----END CERTIFICATE-----. During a certificate rollover, paste both."
            name="certificates"
            rows={6}
            defaultValue={values.certificates}
            error={err("certificates")}
            className="w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-xs"
            markRequired
          />
        </div>
      )}
      <TextField
        id="saml-display-name"
        label="Button label on the sign-in page"
        hint="Leave empty for “<municipality> (SAML)”."
        name="displayName"
        maxLength={100}
        defaultValue={values.displayName}
        error={err("displayName")}
      />
      <TextField
        id="saml-clock-skew"
        label="Allowed clock difference (seconds)"
        hint="How far the identity provider's clock may be off from ours, 0–600. 60 suits most."
        name="clockSkewSeconds"
        type="number"
        inputMode="numeric"
        min={0}
        max={600}
        defaultValue={values.clockSkewSeconds}
        error={err("clockSkewSeconds")}
      />
      <fieldset className="space-y-3 rounded-md border border-slate-200 p-3">
        <legend className="px-1 text-sm font-medium">Attributes → claims</legend>
        <p className="text-xs text-slate-600">
          Which SAML attribute carries each claim; several names separated by commas, the first one present is used.
          Prefilled with the claim URIs ADFS and Entra ID send.
        </p>
        {SAML_CLAIMS.map((c) => (
          <TextareaField
            key={c}
            id={`saml-attr-${c}`}
            label={SAML_CLAIM_LABELS[c].label}
            hint={SAML_CLAIM_LABELS[c].hint}
            name={`attr_${c}`}
            rows={3}
            defaultValue={values.attributes[c]}
            error={err(`attr_${c}`)}
            className="w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-xs"
          />
        ))}
      </fieldset>
      <TextareaField
        id="saml-mfa"
        label="Authentication contexts that count as multi-factor"
        hint="AuthnContextClassRef values (e.g. http://schemas.microsoft.com/claims/multipleauthn). Empty: Gatehouse asks for its own second factor where one is needed."
        name="mfaAcrValues"
        rows={2}
        defaultValue={values.mfaAcrValues}
        error={err("mfaAcrValues")}
        className="w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-xs"
      />
      <CheckboxField
        id="saml-enabled"
        label="Offer this sign-in on the sign-in page"
        name="enabled"
        defaultChecked={values.enabled}
        error={err("enabled")}
      />
      <SubmitButton pending={pending} pendingLabel={source === "url" ? "Fetching metadata and saving…" : "Saving…"}>
        Save SAML connection
      </SubmitButton>
      <ActionOutcome state={state} />
    </form>
  );
}
