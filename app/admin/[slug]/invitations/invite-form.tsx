"use client";

import type { ActionResult } from "@/lib/action-result";
import { fieldError, TextField } from "@/app/_components/form-field";
import { CategoryRestrictions, DepartmentField, GroupPicker, type InviteChoices } from "../access-fields";
import { SubmitButton } from "@/app/_components/submit-button";
import { ActionOutcome } from "@/app/_components/form-alert";
import { inviteMemberAction } from "./actions";
import { useFormAction } from "@/app/_components/use-form-action";
import { KeptForm } from "@/app/_components/kept-form";

export function InviteForm({ slug, groups, departments }: InviteChoices) {
  const { state, form, pending } = useFormAction<ActionResult>(inviteMemberAction);
  return (
    <KeptForm form={form} state={state} className="space-y-3" aria-label="Invite someone">
      <input type="hidden" name="slug" value={slug} />
      <TextField
        id="invite-email"
        label="Email"
        name="email"
        type="email"
        required
        error={fieldError(state, "email")}
      />
      <GroupPicker
        id="invite-groups"
        choices={groups}
        input={{ name: "groups" }}
        error={fieldError(state, "groups")}
        disabled={groups.filter((g) => g.deprecated).map((g) => g.name)}
      />
      <DepartmentField
        id="invite-dept"
        label="Department (optional)"
        departments={departments}
        input={{ name: "departmentId" }}
        error={fieldError(state, "departmentId")}
      />
      <CategoryRestrictions id="invite-categories" input={{ name: "allowedCategories" }} />
      <SubmitButton pending={pending} pendingLabel="Sending…">
        Send invitation
      </SubmitButton>
      <ActionOutcome state={state} />
    </KeptForm>
  );
}
