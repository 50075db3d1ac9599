"use client";
// "New password" and "Repeat it", with a show/hide toggle and the strength meter: the pair every
// form that sets a password uses (reset, change on /account).
import { useState } from "react";
import { useWatch, type Control, type FieldValues, type Path, type UseFormReturn } from "react-hook-form";
import { TextField } from "./form-field";
import { bindField } from "./hook-form";
import { PasswordMeter } from "./password-meter";
import type { PasswordContext } from "@/lib/schemas/password-strength";

type WithNewPassword = FieldValues & { password: string; confirm: string };

export function NewPasswordFields<T extends WithNewPassword>({
  form,
  context,
  label = "New password",
}: {
  form: UseFormReturn<T>;
  context?: PasswordContext;
  label?: string;
}) {
  const [show, setShow] = useState(false);
  const password = (useWatch({ control: form.control as unknown as Control<FieldValues>, name: "password" }) ??
    "") as string;
  const type = show ? "text" : "password";
  return (
    <div className="space-y-3">
      <TextField
        label={label}
        type={type}
        autoComplete="new-password"
        hint="At least 12 characters. A few unrelated words make a strong, memorable password."
        {...bindField(form, "password" as Path<T>)}
      />
      <PasswordMeter id="password-strength" password={password} context={context} />
      <TextField
        label="Repeat the new password"
        type={type}
        autoComplete="new-password"
        {...bindField(form, "confirm" as Path<T>)}
      />
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={show} onChange={(e) => setShow(e.target.checked)} /> Show passwords
      </label>
    </div>
  );
}
