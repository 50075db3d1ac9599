import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/auth/current-session";
import { safeNextPath } from "@/lib/auth/safe-redirect";
import { isRecentlyAuthenticated, STEP_UP_MINUTES, strongestFactorOf } from "@/lib/auth/step-up";
import { listOwnIdentities } from "@/lib/auth/identity-links";
import { signInProviders } from "@/lib/auth/providers";
import { PasswordConfirmForm } from "./password-form";
import { SsoConfirmSection } from "./sso-section";
import { PasskeyAnswer } from "../passkey-answer";
import { TotpStepUpSection } from "./totp-section";

export const metadata: Metadata = { title: "Confirm it's you" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * The step-up page (lib/auth/step-up.ts): a privileged action answered "confirm it's you"; the
 * person proves it again with their strongest factor and goes back to `next`. Each factor has its
 * own section: the password form here, the passkey and authenticator-app sections from their own
 * components (app/signin/passkey-answer.tsx, totp-section.tsx).
 */
export default async function ConfirmPage({ searchParams }: Props) {
  const { principal, session } = await requireUser();
  const sp = await searchParams;
  const next = safeNextPath(typeof sp.next === "string" ? sp.next : undefined, "/w");
  const [factor, recent] = await Promise.all([strongestFactorOf(principal.userId), isRecentlyAuthenticated(session)]);
  return (
    <div className="mx-auto max-w-md space-y-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold text-brand-900">Confirm it&apos;s you</h1>
        <p className="text-sm text-slate-700">
          Changes to people&apos;s access, API tokens and sign-in settings need a sign-in from the last{" "}
          {STEP_UP_MINUTES} minutes with your strongest sign-in method. Confirm it&apos;s you, and you go back to the
          page you were on.
        </p>
        {recent && (
          <p role="status" className="rounded-md border border-green-200 bg-green-50 p-3 text-sm text-green-900">
            You already confirmed recently.{" "}
            <Link href={next} className="underline">
              Go back
            </Link>
          </p>
        )}
      </div>
      {/* Not a labelled region: "Enter your password" would match getByLabel("Password") beside the field. */}
      <section className="space-y-3">
        <h2 className="font-semibold">{HEADINGS[factor]}</h2>
        {factor === "password" && <PasswordConfirmForm next={next} email={principal.email} />}
        {factor === "passkey" && <PasskeyAnswer step="stepUp" next={next} />}
        {factor === "totp" && <TotpStepUpSection next={next} />}
        {factor === "sso" && <SsoConfirmSection next={next} providers={await ssoProvidersOf(principal.userId)} />}
      </section>
      <p className="text-sm">
        <Link href={next} className="text-brand-700 underline">
          Cancel and go back
        </Link>
      </p>
    </div>
  );
}

const HEADINGS = {
  password: "Enter your password",
  passkey: "Use your passkey",
  totp: "Enter a code from your authenticator app",
  sso: "Sign in again with your organisation",
} as const;

/** The providers this person signs in with (their linked identities), by display name. */
async function ssoProvidersOf(userId: string): Promise<{ id: string; name: string }[]> {
  const [own, all] = await Promise.all([listOwnIdentities(userId), signInProviders()]);
  return all.filter((p) => own.identities.some((i) => i.provider === p.id));
}
