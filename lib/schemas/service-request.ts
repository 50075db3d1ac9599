// Shared by the browser form (react-hook-form's zodResolver) and the server (safeParse): one
// schema, so the client's checks and the server's are the same checks.
import { z } from "zod";
import { ServiceCategory } from "@/lib/generated/prisma/enums";

const optionalText = (max: number) => z.string().trim().max(max).optional().transform((s) => (s ? s : undefined));

export const serviceRequestSubmission = z.object({
  municipalityId: z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/),
  category: z.enum(ServiceCategory, { error: "Choose a category." }),
  title: z.string().trim().min(5, "Give a short title (5 characters or more).").max(120, "Keep the title under 120 characters."),
  description: z.string().trim().min(10, "Describe the problem (10 characters or more).").max(4000),
  area: z.string().trim().min(2, "Name the area or district.").max(100),
  address: optionalText(200),
  reporterName: optionalText(120),
  reporterEmail: z.union([z.literal(""), z.string().trim().email("Enter a valid email address.").max(200)]).optional().transform((s) => (s ? s : undefined)),
  reporterPhone: optionalText(40),
}).strict();

export type ServiceRequestSubmissionInput = z.input<typeof serviceRequestSubmission>;

import { ServiceRequestStatus } from "@/lib/generated/prisma/enums";

/** Staff edits; every key optional, and the server further limits keys to the editable fields. */
export const serviceRequestUpdate = z.object({
  status: z.enum(ServiceRequestStatus).optional(),
  internalNotes: z.string().trim().max(5000, "Keep notes under 5,000 characters.").nullable().optional(),
  assigneeId: z.string().max(64).regex(/^[A-Za-z0-9_-]*$/).nullable().optional().transform((s) => (s ? s : s === "" ? null : s)),
  departmentId: z.string().max(64).regex(/^[A-Za-z0-9_-]*$/).nullable().optional().transform((s) => (s ? s : s === "" ? null : s)),
  category: z.enum(ServiceCategory).optional(),
  isPublic: z.boolean().optional(),
}).strict();
export type ServiceRequestUpdateInput = z.input<typeof serviceRequestUpdate>;
