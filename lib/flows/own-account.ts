// What the changes a signed-in person makes to their own account (password, email address) share:
// a recent authentication first, then what they typed, parsed; and the refusal when the current
// password they gave is not theirs.
import "server-only";
import type { z } from "zod";
import type { ActiveSession } from "@/lib/auth/session-store";
import { requireRecentAuth } from "@/lib/auth/step-up";
import { ValidationError, parseFormInput } from "@/lib/errors";

/** Step-up first (lib/auth/step-up.ts), then the input parsed (each wrong field named); nothing is read before. */
export async function ownChangeInput<S extends z.ZodType>(
  session: ActiveSession,
  schema: S,
  input: unknown,
): Promise<z.output<S>> {
  await requireRecentAuth(session);
  return parseFormInput(schema, input);
}

/** The current password given is not the person's: nothing changes. */
export function wrongCurrentPassword(): ValidationError {
  return new ValidationError("Your current password is not right. Nothing was changed.", {
    currentPassword: ["That is not your current password."],
  });
}
