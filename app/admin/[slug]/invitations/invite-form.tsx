"use client";

import { useActionState } from "react";
import type { ActionResult } from "@/lib/action-result";
import { fieldError, TextField } from "@/app/_components/form-field";
import { CategoryRestrictions, DepartmentField, GroupPicker, type InviteChoices } from "../access-fields";
import { SubmitButton } from "@/app/_components/submit-button";
import { ActionOutcome } from "@/app/_components/form-alert";
import { inviteMemberAction } from "./actions";

export function InviteForm({ slug, groups, departments }: InviteChoices) {
  const [state, action, pending] = useActionState<ActionResult | null, FormData>(inviteMemberAction, null);
  return (
    <form action={action} className="space-y-3" aria-label="Invite someone">
      <input type="hidden" name="slug" value={slug} />
      <TextField
        id="invite-email"
        label="Email"
        name="email"
        type="email"
        required
        error={fieldError(state, "email")}
      />
      <GroupPicker id="invite-groups" choices={groups} input={{ name: "groups" }} error={fieldError(state, "groups")} />
      <DepartmentField
        id="invite-dept"
        label="Department (optional)"
        departments={departments}
        input={{ name: "departmentId" }}
      />
      <CategoryRestrictions id="invite-categories" input={{ name: "allowedCategories" }} />
      <SubmitButton pending={pending} pendingLabel="Sending…">
        Send invitation
      </SubmitButton>
      <ActionOutcome state={state} />
    </form>
  );
}
