import type { Metadata } from "next";
import { SamlFinish } from "./saml-finish";

export const metadata: Metadata = { title: "Signing in" };

/**
 * Where the SAML assertion consumer service sends the browser after a sign-in it accepted: the
 * one-time ticket is in the address's fragment (no server, log or Referer sees it) and is redeemed
 * here by the next-auth "saml" provider, which starts the session (lib/auth/saml.ts).
 */
export default function SamlSignInPage() {
  return (
    <div className="mx-auto max-w-md space-y-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
      <h1 className="text-2xl font-semibold text-brand-900">Signing you in</h1>
      <SamlFinish />
    </div>
  );
}
