"use client";

// "Cancel and sign out" on the pages that finish a sign-in: ends the partial session (next-auth's
// sign-out revokes its row, lib/auth/options.ts) and goes back to the sign-in page.
import { signOut } from "next-auth/react";

export function CancelSignIn() {
  return (
    <button
      type="button"
      onClick={() => void signOut({ callbackUrl: "/signin" })}
      className="text-sm text-slate-700 underline hover:text-slate-900"
    >
      Cancel and sign out
    </button>
  );
}
