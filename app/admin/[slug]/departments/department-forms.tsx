"use client";

// The department forms: one name form (create and rename) that keeps what was typed whatever the
// answer, and the archive/restore form that asks for a confirmation (a box, checked on the server).
import { useId } from "react";
import type { ActionResult } from "@/lib/action-result";
import { CheckboxField, fieldError } from "@/app/_components/form-field";
import { NameForm } from "@/app/_components/name-form";
import { SubmitButton } from "@/app/_components/submit-button";
import { ActionOutcome } from "@/app/_components/form-alert";
import { saveDepartmentNameAction, setDepartmentArchivedAction } from "./actions";
import { useFormAction } from "@/app/_components/use-form-action";
import { KeptForm } from "@/app/_components/kept-form";

type Hidden = Record<string, string>;

function HiddenFields({ hidden }: { hidden: Hidden }) {
  return Object.entries(hidden).map(([k, v]) => <input key={k} type="hidden" name={k} value={v} />);
}

export function DepartmentNameForm({
  hidden,
  mode,
  current = "",
}: {
  hidden: Hidden;
  mode: "create" | "rename";
  current?: string;
}) {
  return (
    <NameForm
      action={saveDepartmentNameAction}
      hidden={hidden}
      field="name"
      maxLength={80}
      current={current}
      text={
        mode === "create"
          ? { form: "New department", label: "Name of the new department", submit: "Create department" }
          : { form: "Rename department", label: "New name", submit: "Rename" }
      }
    />
  );
}

export function ArchiveDepartmentForm({ hidden, name, archived }: { hidden: Hidden; name: string; archived: boolean }) {
  const { state, form, pending } = useFormAction<ActionResult>(setDepartmentArchivedAction);
  const id = useId();
  return (
    <KeptForm
      form={form}
      state={state}
      className="space-y-2"
      aria-label={archived ? "Restore department" : "Archive department"}
    >
      <HiddenFields hidden={{ ...hidden, archived: archived ? "no" : "yes" }} />
      <CheckboxField
        id={`${id}-confirm`}
        name="confirm"
        value="yes"
        label={
          archived
            ? `Offer ${name} again for new people and records.`
            : `Archive ${name}: it is no longer offered for new people and records. Its people and records keep it.`
        }
        error={fieldError(state, "confirm")}
      />
      <SubmitButton pending={pending} pendingLabel="Saving…" size="sm" tone={archived ? "brand" : "danger"}>
        {archived ? "Restore department" : "Archive department"}
      </SubmitButton>
      <ActionOutcome state={state} />
    </KeptForm>
  );
}
