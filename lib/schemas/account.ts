// The self-service forms' schemas (forgot password, reset, /account profile, password and email),
// shared by the forms (zodResolver) and lib/flows (safeParse), so both sides give one answer.
// Length rules only for passwords; their strength is ./password-strength.ts, on the server always.
import { z } from "zod";
import { signedInOnboardingInput } from "./people";
import { confirmMatches, confirmPasswordField, newPasswordField } from "./password-rules";

const email = z.string().trim().toLowerCase().email("Enter a valid email address.").max(200);

export const resetRequestInput = z.object({ email }).strict();
export type ResetRequestInput = z.input<typeof resetRequestInput>;

export const resetPasswordInput = confirmMatches(
  z.object({ password: newPasswordField, confirm: confirmPasswordField }).strict(),
);
export type ResetPasswordInput = z.input<typeof resetPasswordInput>;

/** Name, job title and phone: the same fields as onboarding after a single sign-on. */
export const profileInput = signedInOnboardingInput;
export type ProfileInput = z.input<typeof profileInput>;

export const changePasswordInput = confirmMatches(
  z
    .object({
      currentPassword: z.string().min(1, "Enter your current password.").max(500),
      password: newPasswordField,
      confirm: confirmPasswordField,
    })
    .strict(),
);
export type ChangePasswordInput = z.input<typeof changePasswordInput>;

export const emailChangeInput = z
  .object({ newEmail: email, currentPassword: z.string().max(500).default("") })
  .strict();
export type EmailChangeInput = z.input<typeof emailChangeInput>;
