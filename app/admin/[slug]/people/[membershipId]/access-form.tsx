"use client";

import { useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { accessInput, type AccessInput } from "@/lib/schemas/people";
import type { GroupChoice } from "@/lib/policy/summary";
import { CategoryRestrictions, DepartmentField, GroupPicker } from "@/app/admin/[slug]/access-fields";
import { SubmitButton } from "@/app/_components/submit-button";
import { OutcomeResult, type SubmitOutcome } from "@/app/_components/form-alert";
import { applyFieldErrors } from "@/app/_components/hook-form";
import { changeMembershipAccessAction } from "./actions";
import { HookRefusal } from "@/app/_components/error-summary";

type Props = {
  slug: string;
  membershipId: string;
  grantable: string[];
  /** Label, description and summary of the grantable groups and of those the person holds. */
  choices: GroupChoice[];
  departments: { id: string; name: string }[];
  current: { groups: string[]; departmentId: string | null; allowedCategories: string[] };
};

export function AccessForm({ slug, membershipId, grantable, choices, departments, current }: Props) {
  const [result, setResult] = useState<SubmitOutcome>(null);
  const form = useForm<AccessInput>({
    resolver: zodResolver(accessInput),
    defaultValues: {
      groups: current.groups,
      departmentId: current.departmentId ?? "",
      allowedCategories: current.allowedCategories as AccessInput["allowedCategories"],
    },
  });
  const { errors, isSubmitting } = form.formState;
  const onSubmit = form.handleSubmit(async (values) => {
    setResult(null);
    const r = await changeMembershipAccessAction({ slug, membershipId }, values);
    if (r.ok) return setResult({ ok: true, text: r.message ?? "Saved." });
    setResult({ ok: false, text: r.formError ?? "Something went wrong.", stepUp: r.stepUp });
    applyFieldErrors(form.setError, r.fieldErrors);
  });
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-3" aria-label="Change access">
      <HookRefusal form={form} message={result && !result.ok ? result.text : null} stepUp={result?.stepUp} />
      {/* Groups they hold but the admin may not grant are shown (disabled) so nothing is hidden; a
          deprecated group only to its holder (they may keep it or let it go, never get it back). */}
      <GroupPicker
        id="access-groups"
        choices={choices}
        disabled={choices
          .filter((c) => !grantable.includes(c.name) || (c.deprecated && !current.groups.includes(c.name)))
          .map((c) => c.name)}
        input={form.register("groups")}
        error={errors.groups?.message}
      />
      <DepartmentField
        id="access-dept"
        label="Department"
        departments={departments}
        input={form.register("departmentId")}
        error={errors.departmentId?.message}
      />
      <CategoryRestrictions id="access-categories" input={form.register("allowedCategories")} />
      <SubmitButton pending={isSubmitting} pendingLabel="Saving…" size="sm">
        Save access
      </SubmitButton>
      <OutcomeResult result={result?.ok ? result : null} />
    </form>
  );
}
