"use client";

import { useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { accessInput, type AccessInput } from "@/lib/schemas/people";
import { CATEGORY_OPTIONS } from "@/app/admin/[slug]/categories";
import { changeMembershipAccessAction } from "./actions";

type Props = {
  slug: string;
  membershipId: string;
  grantable: string[];
  departments: { id: string; name: string }[];
  current: { groups: string[]; departmentId: string | null; allowedCategories: string[] };
};

export function AccessForm({ slug, membershipId, grantable, departments, current }: Props) {
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  // Groups they hold but the admin may not grant are shown (disabled) so nothing is hidden.
  const groups = [...new Set([...grantable, ...current.groups])];
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
    setResult({ ok: false, text: r.formError ?? "Something went wrong." });
    for (const [k, m] of Object.entries(r.fieldErrors ?? {}))
      if (m?.[0]) form.setError(k as keyof AccessInput, { message: m[0] });
  });
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-3" aria-label="Change access">
      <fieldset className="space-y-1" aria-describedby={errors.groups ? "access-groups-error" : undefined}>
        <legend className="text-sm font-medium">Groups</legend>
        <div className="flex flex-wrap gap-3">
          {groups.map((g) => (
            <label key={g} className="flex items-center gap-1 text-sm">
              <input type="checkbox" value={g} disabled={!grantable.includes(g)} {...form.register("groups")} /> {g}
            </label>
          ))}
        </div>
        {errors.groups && (
          <p id="access-groups-error" className="text-sm text-red-700">
            {errors.groups.message}
          </p>
        )}
      </fieldset>
      <div className="space-y-1">
        <label htmlFor="access-dept" className="block text-sm font-medium">
          Department
        </label>
        <select
          id="access-dept"
          {...form.register("departmentId")}
          className="w-full rounded-md border border-slate-300 px-3 py-2"
        >
          <option value="">None</option>
          {departments.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="space-y-1">
        <legend className="text-sm font-medium">Category restrictions (none = all categories)</legend>
        <div className="flex flex-wrap gap-3">
          {CATEGORY_OPTIONS.map((c) => (
            <label key={c.value} className="flex items-center gap-1 text-sm">
              <input type="checkbox" value={c.value} {...form.register("allowedCategories")} /> {c.label}
            </label>
          ))}
        </div>
      </fieldset>
      <button
        type="submit"
        disabled={isSubmitting}
        aria-busy={isSubmitting}
        className="inline-flex items-center gap-2 rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-60"
      >
        {isSubmitting && (
          <span aria-hidden className="h-3 w-3 animate-spin rounded-full border-2 border-white border-t-transparent" />
        )}
        {isSubmitting ? "Saving…" : "Save access"}
      </button>
      <div aria-live="polite" className="text-sm">
        {result &&
          (result.ok ? (
            <p role="status" className="text-green-800">
              {result.text}
            </p>
          ) : (
            <p role="alert" className="text-red-700">
              {result.text}
            </p>
          ))}
      </div>
    </form>
  );
}
