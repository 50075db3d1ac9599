"use client";

// The OIDC connection form. The secret is write-only: the page knows only whether one is set, and
// an empty field keeps it. Submitted through useFormAction, so what was typed stays after a refusal or a
// step-up prompt; without JavaScript the browser posts it to the same action.
import type { ActionResult } from "@/lib/action-result";
import type { SsoConsoleView } from "@/lib/flows/sso-console";
import { CheckboxField, fieldError, TextField } from "@/app/_components/form-field";
import { SubmitButton } from "@/app/_components/submit-button";
import { ActionOutcome } from "@/app/_components/form-alert";
import { saveOidcConnectionAction } from "./actions";
import { useFormAction } from "@/app/_components/use-form-action";
import { KeptForm } from "@/app/_components/kept-form";

type Values = NonNullable<SsoConsoleView["oidc"]>;

type TextName = "displayName" | "issuer" | "clientId" | "scopes" | "groupsClaim" | "mfaAmrValues" | "mfaAcrValues";
/** The plain text fields: label, hint and what a new connection starts with. */
const TEXT: Record<TextName, { label: string; hint: string; initial?: string; required?: boolean; url?: boolean }> = {
  displayName: { label: "Name on the sign-in button", hint: "" },
  issuer: {
    label: "Issuer URL",
    hint: "Exactly the provider's issuer, e.g. https://login.microsoftonline.com/<tenant>/v2.0. Gatehouse reads <issuer>/.well-known/openid-configuration.",
    required: true,
    url: true,
  },
  clientId: { label: "Client id", hint: "", required: true },
  scopes: { label: "Scopes", hint: "Separated by spaces; must include openid.", initial: "openid email profile" },
  groupsClaim: {
    label: "Claim that carries groups or job codes",
    hint: "Offered first when you add a mapping, e.g. groups, roles or job_codes.",
    initial: "groups",
  },
  mfaAmrValues: { label: "amr values that count as MFA", hint: "e.g. mfa otp hwk" },
  mfaAcrValues: { label: "acr values that count as MFA", hint: "e.g. your provider's MFA policy URN" },
};

export function ConnectionForm({
  slug,
  values,
  defaultName,
}: {
  slug: string;
  values: Values | null;
  defaultName: string;
}) {
  const { state, form, pending } = useFormAction<ActionResult>(saveOidcConnectionAction, { keep: true });
  const text = (name: TextName, hint = TEXT[name].hint) => {
    const f = TEXT[name];
    return (
      <TextField
        id={`oidc-${name}`}
        name={name}
        label={f.label}
        hint={hint || undefined}
        defaultValue={values ? values[name] : f.initial}
        required={f.required}
        markRequired={f.required}
        inputMode={f.url ? "url" : undefined}
        autoComplete="off"
        spellCheck={false}
        error={fieldError(state, name)}
      />
    );
  };
  return (
    <KeptForm form={form} state={state} className="space-y-4" aria-label="OpenID Connect connection">
      <input type="hidden" name="slug" value={slug} />
      {text("displayName", `Empty: "${defaultName}".`)}
      {text("issuer")}
      <div className="grid gap-4 sm:grid-cols-2">
        {text("clientId")}
        <TextField
          id="oidc-clientSecret"
          name="clientSecret"
          type="password"
          label="Client secret"
          hint={
            values?.secretSet
              ? "A secret is set. Leave empty to keep it; type a new one to replace it."
              : "Not set yet. Stored encrypted; never shown again."
          }
          autoComplete="new-password"
          error={fieldError(state, "clientSecret")}
        />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        {text("scopes")}
        {text("groupsClaim")}
      </div>
      <fieldset className="space-y-3 rounded-md border border-slate-200 p-3">
        <legend className="px-1 text-sm font-medium">When the provider&apos;s sign-in counts as multi-factor</legend>
        <p className="text-xs text-slate-500">
          Empty: never, and Gatehouse asks for its own second factor where one is required. Only list values your
          provider sends after a real second factor.
        </p>
        <div className="grid gap-4 sm:grid-cols-2">
          {text("mfaAmrValues")}
          {text("mfaAcrValues")}
        </div>
      </fieldset>
      <CheckboxField
        id="oidc-enabled"
        name="enabled"
        value="on"
        label="Enabled: show the sign-in button and accept sign-ins"
        defaultChecked={values ? values.enabled : true}
        error={fieldError(state, "enabled")}
      />
      <SubmitButton pending={pending} pendingLabel="Saving…">
        {values ? "Save connection" : "Create connection"}
      </SubmitButton>
      <ActionOutcome state={state} />
    </KeptForm>
  );
}
