"use client";

import { useActionState, useState, useTransition, type ComponentProps, type FormEvent } from "react";
import type { ActionResult } from "@/lib/action-result";
import { CheckboxField, fieldError, TextareaField, TextField } from "@/app/_components/form-field";
import { SubmitButton } from "@/app/_components/submit-button";
import { ActionOutcome } from "@/app/_components/form-alert";
import { SAML_CLAIMS, SAML_CLAIM_LABELS } from "@/lib/auth/saml-claims";
import { saveSamlConnectionAction } from "./actions";
import { ActionErrorSummary } from "@/app/_components/error-summary";

type Source = "url" | "upload" | "manual";
type FieldOptions = { hint?: string; rows?: number; required?: boolean } & Omit<
  ComponentProps<"input">,
  "name" | "id" | "required"
>;
const MONO = "w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-xs";
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
  // Submitted from onSubmit (not action=) so the tag keeps method="post" and nothing is reset.
  const [, startSubmit] = useTransition();
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    startSubmit(() => formAction(form));
  };
  const err = (name: string) => fieldError(state, name);
  const flat: Record<string, string> = {
    ...Object.fromEntries(Object.entries(values).filter((e): e is [string, string] => typeof e[1] === "string")),
    ...Object.fromEntries(SAML_CLAIMS.map((c) => [`attr_${c}`, values.attributes[c]])),
  };
  /** A text field (or, with `rows`, a monospace text area) named `name`, with its saved value and error. */
  const field = (name: string, label: string, o: FieldOptions = {}) => {
    const { hint, rows, required, ...input } = o;
    const common = { id: `saml-${name}`, label, hint, name, defaultValue: flat[name], error: err(name) };
    return rows ? (
      <TextareaField key={name} {...common} rows={rows} markRequired={required} className={MONO} />
    ) : (
      <TextField key={name} {...common} {...input} markRequired={required} required={required} />
    );
  };
  // The defaults are the values last sent, so a re-render keeps what was typed.
  return (
    <form method="post" onSubmit={submit} className="space-y-5" aria-label="SAML connection">
      <ActionErrorSummary state={state} />
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
      {source === "url" &&
        field("metadataUrl", "Metadata address", {
          type: "url",
          inputMode: "url",
          placeholder: "https://adfs.example.gov/FederationMetadata/2007-06/FederationMetadata.xml",
          required: true,
        })}
      {source === "upload" && (
        <TextField
          id="saml-metadataFile"
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
          {field("entityId", "Identity provider entity id (Issuer)", { required: true })}
          {field("ssoUrl", "Single sign-on URL (HTTP-Redirect)", { type: "url", required: true })}
          {field("certificates", "Signing certificates (PEM)", {
            hint: "One or more, each from -----BEGIN CERTIFICATE----- to -----END CERTIFICATE-----. During a certificate rollover, paste both.",
            rows: 6,
            required: true,
          })}
        </div>
      )}
      {field("displayName", "Button label on the sign-in page", {
        hint: "Leave empty for “<municipality> (SAML)”.",
        maxLength: 100,
      })}
      {field("clockSkewSeconds", "Allowed clock difference (seconds)", {
        hint: "How far the identity provider's clock may be off from ours, 0–600. 60 suits most.",
        type: "number",
        inputMode: "numeric",
        min: 0,
        max: 600,
      })}
      <fieldset className="space-y-3 rounded-md border border-slate-200 p-3">
        <legend className="px-1 text-sm font-medium">Attributes → claims</legend>
        <p className="text-xs text-slate-600">
          Which SAML attribute carries each claim; several names separated by commas, the first one present is used.
          Prefilled with the claim URIs ADFS and Entra ID send.
        </p>
        {SAML_CLAIMS.map((c) =>
          field(`attr_${c}`, SAML_CLAIM_LABELS[c].label, { hint: SAML_CLAIM_LABELS[c].hint, rows: 3 }),
        )}
      </fieldset>
      {field("mfaAcrValues", "Authentication contexts that count as multi-factor", {
        hint: "AuthnContextClassRef values (e.g. http://schemas.microsoft.com/claims/multipleauthn). Empty: Gatehouse asks for its own second factor where one is needed.",
        rows: 2,
      })}
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
