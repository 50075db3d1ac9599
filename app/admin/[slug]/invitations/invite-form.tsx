"use client";

import { useActionState } from "react";
import type { ActionResult } from "@/lib/action-result";
import { CATEGORY_OPTIONS } from "../categories";
import { CheckboxGroup, fieldError, SelectField, TextField } from "@/app/_components/form-field";
import { SubmitButton } from "@/app/_components/submit-button";
import { ActionOutcome } from "@/app/_components/form-alert";
import { inviteMemberAction } from "./actions";

export function InviteForm({
  slug,
  groups,
  departments,
}: {
  slug: string;
  groups: string[];
  departments: { id: string; name: string }[];
}) {
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
      <CheckboxGroup
        id="invite-groups"
        legend="Groups"
        options={groups.map((g) => ({ value: g, label: g }))}
        input={{ name: "groups" }}
        error={fieldError(state, "groups")}
      />
      <SelectField
        id="invite-dept"
        label="Department (optional)"
        name="departmentId"
        options={departments.map((d) => ({ value: d.id, label: d.name }))}
      >
        <option value="">None</option>
      </SelectField>
      <CheckboxGroup
        id="invite-categories"
        legend="Category restrictions (none = all categories)"
        options={CATEGORY_OPTIONS}
        input={{ name: "allowedCategories" }}
      />
      <SubmitButton pending={pending} pendingLabel="Sending…">
        Send invitation
      </SubmitButton>
      <ActionOutcome state={state} quietSuccess />
    </form>
  );
}
