// The self-service forms' schemas (forgot password, reset, /account profile, password and email),
// shared by the forms (zodResolver) and lib/flows (safeParse), so both sides give one answer.
// Length rules only for passwords; their strength is ./password-strength.ts, on the server always.
import { z } from "zod";
import { accountStep, profileStep } from "./people";
import { confirmPasswordField, newPasswordField, PASSWORD_MESSAGES } from "./password-rules";

const email = z.string().trim().toLowerCase().email("Enter a valid email address.").max(200);

export const resetRequestInput = z.object({ email }).strict();
export type ResetRequestInput = z.input<typeof resetRequestInput>;

export const resetPasswordInput = z
  .object({ password: newPasswordField, confirm: confirmPasswordField })
  .strict()
  .refine((v) => v.password === v.confirm, { message: PASSWORD_MESSAGES.differ, path: ["confirm"] });
export type ResetPasswordInput = z.input<typeof resetPasswordInput>;

export const profileInput = z.object({ name: accountStep.shape.name }).extend(profileStep.shape).strict();
export type ProfileInput = z.input<typeof profileInput>;

export const changePasswordInput = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password.").max(500),
    password: newPasswordField,
    confirm: confirmPasswordField,
  })
  .strict()
  .refine((v) => v.password === v.confirm, { message: PASSWORD_MESSAGES.differ, path: ["confirm"] });
export type ChangePasswordInput = z.input<typeof changePasswordInput>;

export const emailChangeInput = z
  .object({ newEmail: email, currentPassword: z.string().max(500).default("") })
  .strict();
export type EmailChangeInput = z.input<typeof emailChangeInput>;
