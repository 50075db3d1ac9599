import type { Metadata } from "next";
import Link from "next/link";
import { safeNextPath } from "@/lib/auth/safe-redirect";
import { signInProviders } from "@/lib/auth/providers";
import { municipalitiesOpenForRegistration } from "@/lib/flows/registration";
import { SignInForm } from "./sign-in-form";
import { PasskeySignIn } from "./passkey-sign-in";
import { ProviderButtons } from "./provider-buttons";
import { samlSignInOptions } from "@/lib/auth/saml";
import { SAML_ERRORS } from "@/lib/auth/saml-messages";

export const metadata: Metadata = { title: "Sign in" };

const REASONS: Record<string, string> = {
  required: "Please sign in to continue.",
  revoked: "You were signed out because this session was ended (signed out everywhere, or by an administrator).",
  expired: "Your session expired. Please sign in again.",
  idle: "You were signed out after a while without activity. Please sign in again.",
  signed_out_everywhere:
    "You signed out everywhere: every browser and device that was signed in now needs to sign in again.",
  deactivated:
    "You were signed out because your account has been deactivated. Contact your municipality's administrator if you think this is a mistake.",
};
const ERRORS: Record<string, string> = {
  OAuthNotInvited: "That account is not known to Gatehouse. Ask your municipality's administrator for an invitation.",
  OAuthNoEmail: "The identity provider did not share an email address.",
  OAuthEmailUnverified:
    "The identity provider has not verified that email address, so Gatehouse cannot link it to an account.",
  OAuthWrongTenant: "That Microsoft account belongs to an organisation this Gatehouse does not accept.",
  OAuthIdentityConflict:
    "This Gatehouse account is already linked to a different account at that provider. Ask your administrator.",
  OAuthLinkRequired:
    "You already have a Gatehouse account for this address: sign in with your password, then link that provider from your account page.",
  // next-auth's own error codes (a failed or tampered callback, a cancelled sign-in).
  OAuthSignin: "Signing in with that provider could not start. Please try again.",
  OAuthCallback: "Signing in with that provider did not complete. Please try again.",
  Callback: "Signing in did not complete. Please try again.",
  AccessDenied: "Access was refused.",
  Default: "Signing in did not work. Please try again.",
  CredentialsSignin: "That email and password do not match an active account, or the account is temporarily locked.",
};

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * Every way to sign in, strongest first: a passkey (phishing-resistant; the passkey section goes in
 * the marked slot), the municipality's own sign-in (SSO) and Google or Microsoft, then email and
 * password with "Forgot password?"; and where a municipality accepts self-registration, the way to
 * ask for an account.
 */
export default async function SignInPage({ searchParams }: Props) {
  const sp = await searchParams;
  const one = (k: string) => (typeof sp[k] === "string" ? (sp[k] as string) : undefined);
  const notice = REASONS[one("reason") ?? ""];
  const error = ERRORS[one("error") ?? ""] ?? SAML_ERRORS[one("error") ?? ""];
  const next = safeNextPath(one("next"), "/w");
  const [providers, registration, saml] = await Promise.all([
    signInProviders(),
    municipalitiesOpenForRegistration(),
    samlSignInOptions(),
  ]);
  const sso = providers.filter((p) => p.id.startsWith("sso-"));
  const oauth = providers.filter((p) => !p.id.startsWith("sso-"));
  return (
    <div className="mx-auto max-w-md space-y-6 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
      <h1 className="text-2xl font-semibold text-brand-900">Sign in to Gatehouse</h1>
      {notice && (
        <p role="status" className="rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
          {notice}
        </p>
      )}
      {error && (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">
          {error}
        </p>
      )}
      <PasskeySignIn next={next} />
      {sso.length + saml.length > 0 && (
        <section aria-labelledby="signin-sso" className="space-y-2">
          <h2 id="signin-sso" className="text-sm font-semibold text-slate-700">
            Your municipality&apos;s sign-in
          </h2>
          {sso.length > 0 && <ProviderButtons providers={sso} next={next} />}
          {/* SAML starts at our own route (an AuthnRequest to the IdP), not through next-auth. */}
          {saml.map((p) => (
            <a
              key={p.id}
              href={`/api/saml/${p.slug}/login?next=${encodeURIComponent(next)}`}
              className="block w-full rounded-md border border-slate-300 bg-white px-4 py-2 text-center font-medium hover:bg-slate-50"
            >
              Continue with {p.name}
            </a>
          ))}
        </section>
      )}
      {oauth.length > 0 && (
        <section aria-labelledby="signin-oauth" className="space-y-2">
          <h2 id="signin-oauth" className="text-sm font-semibold text-slate-700">
            Your work account at {oauth.map((p) => p.name).join(" or ")}
          </h2>
          <ProviderButtons providers={oauth} next={next} />
        </section>
      )}
      {/* Not a labelled region: its name would match getByLabel("Email") / ("Password") beside the fields. */}
      <section
        className={
          sso.length + saml.length + oauth.length > 0 ? "space-y-3 border-t border-slate-200 pt-4" : "space-y-3"
        }
      >
        <h2 className="text-sm font-semibold text-slate-700">Email and password</h2>
        <SignInForm next={next} />
        <p className="text-sm">
          <Link href="/forgot-password" className="text-brand-700 underline">
            Forgot password?
          </Link>
        </p>
      </section>
      {registration.length > 0 && (
        <p className="border-t border-slate-200 pt-4 text-sm text-slate-700">
          New to Gatehouse? Staff of {registration.map((m) => m.name).join(", ")} can{" "}
          <Link href="/register" className="text-brand-700 underline">
            ask for an account
          </Link>
          .
        </p>
      )}
    </div>
  );
}
