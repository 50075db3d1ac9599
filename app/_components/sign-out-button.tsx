"use client";

// Every "Sign out" button (the header, the idle warning, "Cancel and sign out" on the pages that
// finish a sign-in): next-auth's sign-out revokes the session's row (lib/auth/options.ts), then
// the browser goes to `callbackUrl`.
import type { ReactNode } from "react";
import { signOut } from "next-auth/react";

const LOOKS = {
  button: "rounded-md border border-slate-300 px-3 py-1.5 hover:bg-slate-50",
  small: "rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50",
  link: "text-sm text-slate-700 underline hover:text-slate-900",
} as const;

export function SignOutButton({
  callbackUrl = "/",
  look = "button",
  children = "Sign out",
}: {
  callbackUrl?: string;
  look?: keyof typeof LOOKS;
  children?: ReactNode;
}) {
  return (
    <button type="button" onClick={() => void signOut({ callbackUrl })} className={LOOKS[look]}>
      {children}
    </button>
  );
}
