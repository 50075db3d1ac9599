import type { Metadata } from "next";
import Link from "next/link";
import { resetLink } from "@/lib/flows/password-reset";
import { brokenLinkTitles, SecretLinkPage } from "@/app/_components/secret-link-page";
import { ResetPasswordForm } from "./reset-password-form";

// The token is in the path: no referrer leaves this page with it.
export const metadata: Metadata = { title: "Choose a new password", referrer: "no-referrer" };

export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const link = await resetLink(token);
  return (
    <SecretLinkPage
      state={link.state}
      message={link.message}
      title="Choose a new password"
      brokenTitles={brokenLinkTitles("This password reset link")}
      broken={
        <p className="flex gap-4 text-sm">
          <Link href="/forgot-password" className="text-brand-700 underline">
            Ask for a new link
          </Link>
          <Link href="/signin" className="text-brand-700 underline">
            Sign in
          </Link>
        </p>
      }
    >
      <p className="text-sm text-slate-600">
        Setting it signs you out everywhere. If you use a passkey or an authenticator app, you still need it to sign in.
      </p>
      <ResetPasswordForm token={token} email={link.email!} name={link.name} />
    </SecretLinkPage>
  );
}
