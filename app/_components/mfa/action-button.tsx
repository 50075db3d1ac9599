"use client";

// A button that runs a server action taking no input (start a set-up, make new codes): not a
// form, since a client-side action cannot post before JavaScript runs and a form without a
// method would be a GET (e2e/security/csrf-headers.spec.ts). Pending state as SubmitButton's.
import type { ReactNode } from "react";
import { Spinner } from "@/app/_components/submit-button";

const TONES = { brand: "bg-brand-600 hover:bg-brand-700", danger: "bg-red-700 hover:bg-red-800" } as const;

export function ActionButton({
  pending,
  pendingLabel,
  onClick,
  tone = "brand",
  children,
}: {
  pending: boolean;
  pendingLabel: string;
  onClick: () => void;
  tone?: keyof typeof TONES;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      onClick={onClick}
      disabled={pending}
      aria-busy={pending}
      className={`inline-flex items-center gap-2 rounded-md px-3 py-1.5 text-sm font-medium text-white disabled:opacity-60 ${TONES[tone]}`}
    >
      {pending && <Spinner />}
      {pending ? pendingLabel : children}
    </button>
  );
}
