import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Access refused" };

const WHY: Record<string, string> = {
  no_mapped_claim: "Your organisation's sign-in worked, but none of your job codes or groups gives access to Gatehouse in this municipality.",
  email_domain: "Your organisation's sign-in gave an email address from a domain this municipality does not accept.",
  no_email: "Your organisation's sign-in did not share an email address.",
  deactivated: "Your Gatehouse account has been deactivated.",
  not_configured: "Single sign-on is not set up for this municipality.",
  identity_conflict: "This email address is already linked to a different person at your organisation's sign-in. Ask your administrator to check your account.",
  platform_account: "Platform administrator accounts cannot sign in through a municipality's sign-in. Use your Gatehouse password.",
};

export default async function RefusedPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const reason = (await searchParams).reason;
  const text = WHY[typeof reason === "string" ? reason : ""] ?? "Access was refused.";
  return (
    <div className="mx-auto max-w-lg space-y-4 rounded-lg border border-slate-200 bg-white p-6">
      <h1 className="text-2xl font-semibold text-brand-900">Access refused</h1>
      <p role="alert">{text}</p>
      <p className="text-sm text-slate-600">Ask your municipality&apos;s Gatehouse administrator or IT service desk to check your job codes. Nothing was changed.</p>
      <Link href="/signin" className="text-brand-700 underline">Back to sign-in</Link>
    </div>
  );
}
