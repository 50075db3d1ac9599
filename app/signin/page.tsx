import type { Metadata } from "next";
import { safeNextPath } from "@/lib/auth/safe-redirect";
import { signInProviders } from "@/lib/auth/providers";
import { SignInForm } from "./sign-in-form";
import { PasskeySignIn } from "./passkey-sign-in";

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

export default async function SignInPage({ searchParams }: Props) {
  const sp = await searchParams;
  const one = (k: string) => (typeof sp[k] === "string" ? (sp[k] as string) : undefined);
  const notice = REASONS[one("reason") ?? ""];
  const error = ERRORS[one("error") ?? ""];
  return (
    <div className="mx-auto max-w-md space-y-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
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
      <PasskeySignIn next={safeNextPath(one("next"), "/w")} />
      <SignInForm next={safeNextPath(one("next"), "/w")} providers={await signInProviders()} />
    </div>
  );
}
