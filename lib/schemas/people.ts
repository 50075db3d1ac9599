// Shared by the admin and onboarding forms (zodResolver) and by lib/flows (safeParse): the same
// checks on both sides, so the browser's answer and the server's never disagree.
import { z } from "zod";
import { ServiceCategory } from "@/lib/generated/prisma/enums";
import { confirmMatches, confirmPasswordField, newPasswordField } from "./password-rules";

const email = z.string().trim().toLowerCase().email("Enter a valid email address.").max(200);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((s) => (s ? s : undefined));

const access = {
  groups: z
    .array(z.string().regex(/^[a-z_]+$/, "Unknown group."))
    .min(1, "Choose at least one group.")
    .max(10),
  departmentId: z
    .string()
    .max(64)
    .optional()
    .nullable()
    .transform((s) => (s ? s : undefined)),
  allowedCategories: z.array(z.enum(ServiceCategory)).max(20).default([]),
};

export const invitationInput = z.object({ email, ...access }).strict();
export type InvitationInput = z.input<typeof invitationInput>;

/** Groups, department and categories of an existing membership (group change). */
export const accessInput = z.object(access).strict();
export type AccessInput = z.input<typeof accessInput>;

/** Step 1 of onboarding with a password. */
export const accountStep = z
  .object({
    name: z.string().trim().min(2, "Enter your name.").max(120),
    password: newPasswordField,
    confirm: confirmPasswordField,
  })
  .strict();

/** Step 2: the profile details an administrator sees (docs/requirements.md#staff-accounts's sign-up "details for their profile"). */
export const profileStep = z
  .object({
    jobTitle: optionalText(120),
    phone: z
      .string()
      .trim()
      .max(40)
      .regex(/^[+0-9 ()./-]*$/, "Use digits, spaces and + ( ) - . / only.")
      .optional()
      .transform((s) => (s ? s : undefined)),
  })
  .strict();

export const onboardingInput = confirmMatches(accountStep.extend(profileStep.shape).strict());
export type OnboardingInput = z.input<typeof onboardingInput>;

/** Onboarding after signing in with SSO/OAuth: no password here, the identity provider vouched. */
export const signedInOnboardingInput = z.object({ name: accountStep.shape.name }).extend(profileStep.shape).strict();
export type SignedInOnboardingInput = z.input<typeof signedInOnboardingInput>;

/** Self-registration (docs/requirements.md#municipal-platform): only an address; the link mailed to it proves it is theirs. */
export const registrationInput = z
  .object({
    email,
    municipality: z.string().regex(/^[a-z0-9-]{1,64}$/, "Choose a municipality."),
  })
  .strict();
export type RegistrationInput = z.input<typeof registrationInput>;

export const reasonInput = z.string().trim().min(3, "Give a reason (3 characters or more).").max(500);
