"use client";
// A service's consequential buttons, on both consoles: rotate the client secret, rotate the webhook
// secret (each asks first; the new secret comes back once and is shown here once) and disable
// (asks first, with an optional reason: everyone using it is signed out of it) or enable it.
import { useId, type ReactNode } from "react";
import type { ActionResult } from "@/lib/action-result";
import type { SecretData } from "@/lib/actions/services";
import { fieldError, TextField } from "@/app/_components/form-field";
import { SubmitButton } from "@/app/_components/submit-button";
import { ActionOutcome } from "@/app/_components/form-alert";
import { ConfirmDialog, useConfirmFirst } from "@/app/_components/confirm-dialog";
import { KeptForm } from "@/app/_components/kept-form";
import { useFormAction, type FormAction } from "@/app/_components/use-form-action";
import { OnceSecret } from "./service-secret";

export type ServiceControlActions = {
  rotateClientSecret: FormAction<ActionResult<SecretData>>;
  rotateWebhookSecret: FormAction<ActionResult<SecretData>>;
  disable: FormAction<ActionResult>;
  enable: FormAction<ActionResult>;
};

type Confirm = { title: string; body: string; label: string; tone: "danger" | "brand" };

/** One confirmed button form: hidden fields, optional fields, the dialog, the outcome and what follows. */
function ConfirmedForm<S extends ActionResult<unknown>>({
  action,
  hidden,
  confirm,
  fields,
  after,
}: {
  action: FormAction<S>;
  hidden: Record<string, string>;
  confirm: Confirm | null;
  fields?: (state: S | null) => ReactNode;
  after?: (state: S | null) => ReactNode;
}) {
  const { state, form, pending } = useFormAction<S>(action);
  const id = useId();
  const { asking, dialogProps } = useConfirmFirst();
  return (
    <KeptForm {...(confirm ? asking : {})} form={form} state={state} className="space-y-2" aria-label={confirm?.label}>
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      {fields?.(state)}
      <SubmitButton pending={pending} pendingLabel="Working…" size="sm" tone={confirm?.tone ?? "brand"}>
        {confirm?.label}
      </SubmitButton>
      {confirm && (
        <ConfirmDialog {...dialogProps} id={id} title={confirm.title} confirmLabel={confirm.label} tone={confirm.tone}>
          {confirm.body}
        </ConfirmDialog>
      )}
      <ActionOutcome state={state} />
      {after?.(state)}
    </KeptForm>
  );
}

/** The new secret of a rotation, shown once. */
function secretOf(id: string, label: string) {
  return function NewSecret(state: ActionResult<SecretData> | null) {
    return state?.ok && state.data ? <OnceSecret id={id} label={label} value={state.data.secret} /> : null;
  };
}

/** The two secrets a service holds, and what rotating each one means for it. */
const ROTATIONS = [
  {
    key: "rotateClientSecret",
    what: "client secret",
    label: "Client secret",
    body: "The current secret stops working at once: the service cannot sign people in or ask for decisions until its new secret is in its settings.",
  },
  {
    key: "rotateWebhookSecret",
    what: "webhook secret",
    label: "Webhook secret",
    body: "Webhooks are signed with the new secret from now on; the service must check them with the new one.",
  },
] as const;

export function RotateSecrets({
  actions,
  hidden,
  name,
}: {
  actions: Pick<ServiceControlActions, "rotateClientSecret" | "rotateWebhookSecret">;
  hidden: Record<string, string>;
  name: string;
}) {
  return (
    <div className="grid gap-6 md:grid-cols-2">
      {ROTATIONS.map((r) => (
        <ConfirmedForm
          key={r.key}
          action={actions[r.key]}
          hidden={hidden}
          confirm={{
            label: `Rotate ${r.what}`,
            title: `Rotate the ${r.what} of ${name}?`,
            body: r.body,
            tone: "danger",
          }}
          after={secretOf(`rotated-${r.key}`, r.label)}
        />
      ))}
    </div>
  );
}

export function DisableOrEnable({
  actions,
  hidden,
  name,
  disabled,
}: {
  actions: Pick<ServiceControlActions, "disable" | "enable">;
  hidden: Record<string, string>;
  name: string;
  disabled: boolean;
}) {
  const id = useId();
  if (disabled)
    return (
      <ConfirmedForm
        action={actions.enable}
        hidden={hidden}
        confirm={{
          label: "Enable service",
          title: `Enable ${name} again?`,
          body: "People with access can sign in to it again, and it gets answers to its questions.",
          tone: "brand",
        }}
      />
    );
  return (
    <ConfirmedForm
      action={actions.disable}
      hidden={hidden}
      confirm={{
        label: "Disable service",
        title: `Disable ${name}?`,
        body: "Nobody can sign in to it any more, and everyone signed in to it is signed out now: their sessions end and the service is told. You can enable it again later.",
        tone: "danger",
      }}
      fields={(state) => (
        <TextField
          id={`${id}-reason`}
          name="reason"
          label="Reason (optional, kept in the audit log and told to the service)"
          maxLength={500}
          error={fieldError(state, "reason")}
        />
      )}
    />
  );
}
