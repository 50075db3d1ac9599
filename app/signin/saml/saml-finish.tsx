"use client";

import { useEffect, useRef, useState } from "react";
import Link from "next/link";
import { signIn } from "next-auth/react";
import { SAML_ERRORS } from "@/lib/auth/saml-messages";
import { afterSignIn } from "../sign-in-form";

/** The ticket from the fragment, redeemed; null once the browser is on its way, else what went wrong. */
async function redeem(): Promise<string | null> {
  const hash = new URLSearchParams(window.location.hash.slice(1));
  // The ticket leaves the address bar (and the history entry) before anything else happens.
  window.history.replaceState(null, "", window.location.pathname);
  const ticket = hash.get("ticket");
  const next = hash.get("next") ?? "/w";
  if (!ticket) return SAML_ERRORS.SamlTicket!;
  const res = await signIn("saml", { ticket, redirect: false, callbackUrl: afterSignIn(next) });
  if (!res || res.error) return SAML_ERRORS.SamlTicket!;
  // /signin/continue makes `next` safe and sends a partial session on to its second factor.
  window.location.assign(afterSignIn(next));
  return null;
}

/** Redeems the ticket once, then goes on as every sign-in does (/signin/continue). */
export function SamlFinish() {
  const [error, setError] = useState<string | null>(null);
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void redeem().then((message) => message && setError(message));
  }, []);
  if (!error)
    return (
      <p role="status" className="text-slate-700">
        Your organisation&apos;s sign-in accepted you. Starting your Gatehouse session…
      </p>
    );
  return (
    <div className="space-y-3">
      <p role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">
        {error}
      </p>
      <Link href="/signin" className="text-brand-700 underline">
        Back to sign-in
      </Link>
    </div>
  );
}
