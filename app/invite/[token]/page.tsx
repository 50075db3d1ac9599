import type { Metadata } from "next";
import Link from "next/link";
import { inspectInvitation } from "@/lib/flows/invite";
import { OnboardingForm } from "./onboarding-form";

export const metadata: Metadata = { title: "Accept your invitation" };

const PROBLEMS = {
  expired: "This invitation has expired. Ask the administrator who invited you to send a new one.",
  revoked: "This invitation was withdrawn by an administrator.",
  used: "This invitation was already used. If that was you, sign in.",
  unknown: "This invitation link is not valid. Check that you copied the whole link.",
} as const;

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const inv = await inspectInvitation(token);
  return (
    <div className="mx-auto max-w-md space-y-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      {inv.state === "valid" ? (
        <>
          <h1 className="text-2xl font-semibold text-brand-900">Join {inv.municipality}</h1>
          <p className="text-slate-600">You were invited as: {inv.groups.join(", ")}.</p>
          <OnboardingForm token={token} email={inv.email} />
        </>
      ) : (
        <>
          <h1 className="text-2xl font-semibold text-brand-900">This invitation cannot be used</h1>
          <p role="alert">{PROBLEMS[inv.state]}</p>
          <Link href="/signin" className="text-brand-700 underline">Sign in</Link>
        </>
      )}
    </div>
  );
}
