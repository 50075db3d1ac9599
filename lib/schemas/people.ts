// Shared by the admin and onboarding forms and by lib/flows (same checks on both sides).
import { z } from "zod";
import { ServiceCategory } from "@/lib/generated/prisma/enums";

export const invitationInput = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid email address.").max(200),
  groups: z.array(z.string().regex(/^[a-z_]+$/)).min(1, "Choose at least one group.").max(10),
  departmentId: z.string().max(64).optional().transform((s) => (s ? s : undefined)),
  allowedCategories: z.array(z.enum(ServiceCategory)).default([]),
}).strict();
export type InvitationInput = z.input<typeof invitationInput>;

export const onboardingInput = z.object({
  name: z.string().trim().min(2, "Enter your name.").max(120),
  password: z.string().min(12, "Use at least 12 characters.").max(200),
  confirm: z.string(),
  jobTitle: z.string().trim().max(120).optional(),
}).strict().refine((v) => v.password === v.confirm, { message: "The two passwords differ.", path: ["confirm"] });
export type OnboardingInput = z.input<typeof onboardingInput>;

export const reasonInput = z.string().trim().min(3, "Give a reason (3 characters or more).").max(500);
