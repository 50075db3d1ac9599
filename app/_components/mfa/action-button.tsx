"use client";

// A button that runs a server action taking no input (start a set-up, make new codes): not a
// form, since a client-side action cannot post before JavaScript runs and a form without a
// method would be a GET (e2e/security/csrf-headers.spec.ts). Pending state as SubmitButton's.
import type { ComponentProps } from "react";
import { PendingButton } from "@/app/_components/submit-button";

type Props = Omit<ComponentProps<typeof PendingButton>, "size" | "wide" | "onClick"> & { onClick: () => void };

export function ActionButton(props: Props) {
  return <PendingButton size="sm" {...props} />;
}
