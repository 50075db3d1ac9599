"use client";
// The one form of a connected service, on both consoles: registering (with its kind, and on the
// platform console whose service it is) and editing its settings. Its fields, labels and hints come
// from lib/schemas/services.ts (SERVICE_FIELDS); the server parses them and names the offending
// field. Submitted through useFormAction, so what was typed stays after a refusal or a step-up
// prompt. After registering, the two secrets are shown here once, with the way to the service.
import Link from "next/link";
import { useId, useState } from "react";
import type { ActionResult } from "@/lib/action-result";
import type { RegisteredData } from "@/lib/actions/services";
import {
  ACCESS_STATE_CHOICES,
  SERVICE_FIELDS,
  type ServiceFieldName,
  type ServiceSettingsValues,
} from "@/lib/schemas/services";
import { FieldError, fieldError, SelectField, TextareaField, TextField } from "@/app/_components/form-field";
import { SubmitButton } from "@/app/_components/submit-button";
import { ActionOutcome, FormDone } from "@/app/_components/form-alert";
import { KeptForm } from "@/app/_components/kept-form";
import { useFormAction, type FormAction } from "@/app/_components/use-form-action";
import { OnceSecret } from "./service-secret";

/** A kind of service its policy file declares, with the resource types it may govern. */
export type KindChoice = { slug: string; label: string; resourceTypes: { name: string; label: string }[] };

/** The settings as the form starts with them (an existing service's), and its kind. */
export type ServiceFormValues = ServiceSettingsValues & { kind: string };

type Props = {
  hidden: Record<string, string>;
  kinds: KindChoice[];
  /** The platform console's choice of owner ("" = platform-wide); absent: the console's own municipality. */
  owners?: { id: string; name: string }[];
} & (
  | { mode: "register"; action: FormAction<ActionResult<RegisteredData>>; values?: undefined }
  | { mode: "edit"; action: FormAction<ActionResult>; values: ServiceFormValues; readOnly?: boolean }
);

const asText = (v: string[] | string | null | undefined) => (Array.isArray(v) ? v.join("\n") : (v ?? ""));

export function ServiceForm(props: Props) {
  const { hidden, kinds, owners, mode, values } = props;
  const { state, form, pending } = useFormAction<ActionResult<RegisteredData> | ActionResult>(
    props.action as FormAction<ActionResult<RegisteredData> | ActionResult>,
    { keep: true },
  );
  const id = useId();
  const [kind, setKind] = useState(values?.kind ?? "");
  const declared = kinds.find((k) => k.slug === kind.trim().toLowerCase());
  const done = mode === "register" && state?.ok ? (state.data as RegisteredData | undefined) : undefined;
  if (done) return <Registered done={done} message={state?.ok ? state.message : undefined} />;

  const f = (name: ServiceFieldName) => ({
    id: `${id}-${name}`,
    name,
    label: SERVICE_FIELDS[name].label,
    hint: SERVICE_FIELDS[name].input === "checkboxes" ? undefined : SERVICE_FIELDS[name].hint,
    required: SERVICE_FIELDS[name].required,
    markRequired: SERVICE_FIELDS[name].required,
    error: fieldError(state, name),
    disabled: props.mode === "edit" && props.readOnly,
  });
  const url = (name: "backchannelLogoutUri" | "webhookUrl") => (
    <TextField
      {...f(name)}
      inputMode="url"
      autoComplete="off"
      spellCheck={false}
      defaultValue={asText(values?.[name])}
    />
  );
  const lines = (name: "redirectUris" | "postLogoutRedirectUris") => (
    <TextareaField {...f(name)} rows={3} spellCheck={false} defaultValue={asText(values?.[name])} />
  );
  return (
    <KeptForm
      form={form}
      state={state}
      className="space-y-4"
      aria-label={mode === "register" ? "Register a service" : "Service settings"}
    >
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField {...f("name")} autoComplete="off" defaultValue={values?.name} />
        {mode === "register" ? (
          <div className="space-y-1">
            <TextField
              {...f("kind")}
              list={`${id}-kinds`}
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              value={kind}
              onChange={(e) => setKind(e.currentTarget.value)}
            />
            <datalist id={`${id}-kinds`}>
              {kinds.map((k) => (
                <option key={k.slug} value={k.slug}>
                  {k.label}
                </option>
              ))}
            </datalist>
            {kinds.length > 0 && (
              <p className="text-xs text-slate-600">
                With a policy file:{" "}
                {kinds.map((k, i) => (
                  <span key={k.slug}>
                    {i > 0 && ", "}
                    <button type="button" className="text-brand-700 underline" onClick={() => setKind(k.slug)}>
                      {k.label} ({k.slug})
                    </button>
                  </span>
                ))}
              </p>
            )}
          </div>
        ) : (
          <p className="text-sm">
            <span className="block font-medium">{SERVICE_FIELDS.kind.label}</span>
            <span className="font-mono">{values.kind}</span>
            {declared ? ` — ${declared.label}` : " — no policy file"}
          </p>
        )}
      </div>
      {owners && (
        <SelectField
          id={`${id}-owner`}
          name="municipalityId"
          label="Belongs to"
          hint="A platform-wide service is for people of every municipality; a municipality's service only for its own people."
          error={fieldError(state, "municipalityId")}
          options={owners.map((o) => ({ value: o.id, label: o.name }))}
        >
          <option value="">Platform-wide (every municipality)</option>
        </SelectField>
      )}
      <TextareaField {...f("description")} rows={2} defaultValue={values?.description} />
      {lines("redirectUris")}
      {lines("postLogoutRedirectUris")}
      <div className="grid gap-4 sm:grid-cols-2">
        {url("backchannelLogoutUri")}
        {url("webhookUrl")}
      </div>
      <div className="space-y-1">
        <Boxes
          {...f("resourceTypes")}
          options={(declared?.resourceTypes ?? []).map((t) => ({ value: t.name, label: t.label }))}
          checked={values?.resourceTypes ?? []}
        />
        <ResourceTypeNote kind={kind} declared={!!declared} />
      </div>
      <Boxes
        {...f("accessStates")}
        options={ACCESS_STATE_CHOICES.map((c) => ({ value: c.value, label: c.label }))}
        checked={values?.accessStates ?? []}
        hint={SERVICE_FIELDS.accessStates.hint}
      />
      {!(mode === "edit" && props.readOnly) && (
        <SubmitButton pending={pending} pendingLabel={mode === "register" ? "Registering…" : "Saving…"}>
          {mode === "register" ? "Register service" : "Save settings"}
        </SubmitButton>
      )}
      <ActionOutcome state={state} />
    </KeptForm>
  );
}

/** Checkboxes sharing one name, each ticked as the service has it; the fieldset points at the error. */
function Boxes({
  id,
  name,
  label,
  hint,
  error,
  disabled,
  options,
  checked,
}: {
  id: string;
  name: string;
  label: string;
  hint?: string;
  error?: string;
  disabled?: boolean;
  options: { value: string; label: string }[];
  checked: string[];
}) {
  if (options.length === 0) return null;
  return (
    <fieldset id={id} className="space-y-1" aria-describedby={error ? `${id}-error` : hint ? `${id}-hint` : undefined}>
      <legend className="text-sm font-medium">{label}</legend>
      <div className="flex flex-wrap gap-x-4 gap-y-1">
        {options.map((o) => (
          <label key={o.value} className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              name={name}
              value={o.value}
              defaultChecked={checked.includes(o.value)}
              disabled={disabled}
              className="h-4 w-4"
            />
            {o.label}
          </label>
        ))}
      </div>
      {hint && (
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      )}
      <FieldError id={id} error={error} />
    </fieldset>
  );
}

function ResourceTypeNote({ kind, declared }: { kind: string; declared: boolean }) {
  if (declared) return <p className="text-xs text-slate-500">{SERVICE_FIELDS.resourceTypes.hint}</p>;
  return (
    <p className="text-xs text-slate-500">
      {kind
        ? `No policy file declares resource types for “${kind}” (policies/services/${kind}.yaml), so it asks about none.`
        : "Choose the kind of service first: its policy file declares the resource types."}
    </p>
  );
}

function Registered({ done, message }: { done: RegisteredData; message?: string }) {
  return (
    <FormDone message={message ?? "Registered."}>
      <dl className="text-sm">
        <dt className="font-medium">Client ID</dt>
        <dd className="break-all font-mono text-xs">{done.clientId}</dd>
      </dl>
      <OnceSecret id="new-client-secret" label="Client secret" value={done.clientSecret} />
      <OnceSecret id="new-webhook-secret" label="Webhook secret" value={done.webhookSecret} />
      <Link href={done.href} prefetch={false} className="inline-block text-brand-700 underline">
        Open the service&apos;s settings
      </Link>
    </FormDone>
  );
}
