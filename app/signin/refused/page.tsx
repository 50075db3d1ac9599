import type { Metadata } from "next";
import Link from "next/link";
import { signInProviders } from "@/lib/auth/providers";
import { samlSignInOptions } from "@/lib/auth/saml";
import { accessContactOf } from "@/lib/data/own-access";
import { AccessStatePage } from "@/app/_components/access-state";

export const metadata: Metadata = { title: "Access refused" };

const WHY: Record<string, string> = {
  no_mapped_claim:
    "Your organisation's sign-in worked, but none of your job codes or groups gives access to Gatehouse in this municipality.",
  email_domain: "Your organisation's sign-in gave an email address from a domain this municipality does not accept.",
  no_email: "Your organisation's sign-in did not share an email address.",
  deactivated: "Your Gatehouse account has been deactivated.",
  not_configured: "Single sign-on is not set up for this municipality.",
  identity_conflict:
    "This email address is already linked to a different person at your organisation's sign-in. Ask your administrator to check your account.",
  platform_account:
    "Platform administrator accounts cannot sign in through a municipality's sign-in. Use your Gatehouse password.",
  citizen_account:
    "Citizen accounts cannot sign in through a municipality's staff sign-in. Use your Gatehouse password.",
};

/** Refusals where the person has an account already and links the provider from it themselves. */
const LINK: Record<string, (provider: string) => string> = {
  link_required: (p) =>
    `You already have a Gatehouse account for this email address, so ${p} cannot sign you in to it on its own say-so.`,
  email_unverified: (p) =>
    `${p} did not confirm that this email address is yours, so Gatehouse will not join it to the existing account for that address.`,
};

export default async function RefusedPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const sp = await searchParams;
  const reason = typeof sp.reason === "string" ? sp.reason : "";
  // Only a provider this Gatehouse offers is named; anything else in the address is ignored.
  const provider =
    typeof sp.provider === "string"
      ? [...(await signInProviders()), ...(await samlSignInOptions())].find((p) => p.id === sp.provider)
      : undefined;
  const name = provider?.name ?? "That sign-in";
  if (reason === "deactivated") {
    // A municipality's own sign-in (sso-<slug>, saml-<slug>) names whose contact to show.
    const slug = provider && /^(?:sso|saml)-(.+)$/.exec(provider.id)?.[1];
    return (
      <AccessStatePage refusal={{ status: "DEACTIVATED", contact: slug ? await accessContactOf(slug) : null }}>
        <Link href="/signin" className="text-brand-700 underline">
          Back to sign-in
        </Link>
      </AccessStatePage>
    );
  }
  const link = LINK[reason];
  // A SAML identity cannot be linked from the account page (that runs through next-auth's providers).
  const saml = typeof sp.provider === "string" && sp.provider.startsWith("saml-");
  if (link && !saml) {
    return (
      <div className="mx-auto max-w-lg space-y-4 rounded-lg border border-slate-200 bg-white p-6">
        <h1 className="text-2xl font-semibold text-brand-900">Sign in with your password first</h1>
        <p role="alert">{link(name)}</p>
        <ol className="list-decimal space-y-1 pl-5 text-sm">
          <li>Sign in with your Gatehouse email and password (or the sign-in you already use).</li>
          <li>
            On your account page, choose{" "}
            {provider ? <strong>Link your {provider.name} sign-in</strong> : "the link button for that sign-in"}.
          </li>
          <li>From then on, {provider?.name ?? "that provider"} alone signs you in.</li>
        </ol>
        <p className="text-sm text-slate-600">
          Nothing was changed. If you have no password, ask your municipality&apos;s Gatehouse administrator.
        </p>
        <Link
          href="/signin?next=%2Faccount"
          className="inline-block rounded-md bg-brand-600 px-4 py-2 font-medium text-white"
        >
          Sign in with your password
        </Link>
      </div>
    );
  }
  const text =
    (link && saml
      ? `${link(name)} Sign in the way you already do, or ask your municipality's Gatehouse administrator.`
      : WHY[reason]) ?? "Access was refused.";
  return (
    <div className="mx-auto max-w-lg space-y-4 rounded-lg border border-slate-200 bg-white p-6">
      <h1 className="text-2xl font-semibold text-brand-900">Access refused</h1>
      <p role="alert">{text}</p>
      <p className="text-sm text-slate-600">
        Ask your municipality&apos;s Gatehouse administrator or IT service desk to check your job codes. Nothing was
        changed.
      </p>
      <Link href="/signin" className="text-brand-700 underline">
        Back to sign-in
      </Link>
    </div>
  );
}
