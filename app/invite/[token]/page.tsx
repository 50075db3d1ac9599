import { groupLabels } from "@/lib/policy/summary";
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { inspectInvitation } from "@/lib/flows/invite";
import { getPrincipal } from "@/lib/auth/current-session";
import { signInProviders } from "@/lib/auth/providers";
import { SignOutButton } from "@/app/_components/sign-out-button";
import { OnboardingForm, ProviderButtons, SignedInOnboardingForm } from "./onboarding-form";

export const metadata: Metadata = { title: "Accept your invitation", referrer: "no-referrer" };

// Every state of a link gets a page in plain words, never an error trace.
const PROBLEMS = {
  expired: [
    "This invitation has expired",
    "Ask the administrator who invited you to send it again; the new mail will have a fresh link.",
  ],
  revoked: [
    "This invitation was withdrawn",
    "An administrator withdrew it, or a newer link replaced it. Use the newest mail, or ask the administrator.",
  ],
  used: ["This invitation was already used", "If that was you, sign in with the account you created."],
  unknown: [
    "This invitation link is not valid",
    "Check that you copied the whole link from the mail. Links are replaced when an invitation is sent again.",
  ],
} as const;

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const inv = await inspectInvitation(token);
  // Back from the municipality's SSO, which accepted the invitation for this very person: they are in.
  if (inv.state === "used" && inv.acceptedUserId) {
    const me = await getPrincipal();
    if (me.kind === "user" && me.userId === inv.acceptedUserId) redirect(`/w/${inv.municipalitySlug}`);
  }
  if (inv.state !== "valid") {
    const [title, text] = PROBLEMS[inv.state];
    return (
      <div className="mx-auto max-w-md space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h1 className="text-2xl font-semibold text-brand-900">{title}</h1>
        <p role="alert">{text}</p>
        <Link href="/signin" className="text-brand-700 underline">
          Sign in
        </Link>
      </div>
    );
  }
  const principal = await getPrincipal();
  const providers = (await signInProviders())
    .filter((p) => !p.id.startsWith("sso-") || p.id === `sso-${inv.municipalitySlug}`)
    .map((p) => ({ ...p, kind: p.id.startsWith("sso-") ? ("sso" as const) : ("oauth" as const) }));
  const intro =
    inv.kind === "self_registration"
      ? `You asked to join ${inv.municipality}. Complete your account; an administrator will review the request.`
      : `You were invited as: ${groupLabels(inv.groups)}.`;
  let body;
  if (principal.kind === "user" && principal.email.toLowerCase() === inv.email.toLowerCase()) {
    body = <SignedInOnboardingForm token={token} email={principal.email} name={principal.name ?? ""} />;
  } else if (principal.kind === "user") {
    body = (
      <div className="space-y-3">
        <p role="alert" className="rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
          This invitation is for {inv.email}, but you are signed in as {principal.email}. Sign out, then open the link
          again.
        </p>
        <SignOutButton />
      </div>
    );
  } else if (inv.hasAccount) {
    body = (
      <div className="space-y-3">
        <p>{inv.email} already has a Gatehouse account. Sign in with it to accept this invitation.</p>
        <Link
          href={`/signin?next=${encodeURIComponent(`/invite/${token}`)}`}
          className="inline-block rounded-md bg-brand-600 px-4 py-2 font-medium text-white"
        >
          Sign in to accept
        </Link>
      </div>
    );
  } else {
    body = (
      <div className="space-y-6">
        <OnboardingForm token={token} email={inv.email} />
        <ProviderButtons token={token} providers={providers} />
      </div>
    );
  }
  return (
    <div className="mx-auto max-w-md space-y-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="text-2xl font-semibold text-brand-900">Join {inv.municipality}</h1>
      <p className="text-slate-600">{intro}</p>
      {body}
    </div>
  );
}
