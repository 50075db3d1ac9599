import type { Metadata } from "next";
import Link from "next/link";
import { ForgotPasswordForm } from "./forgot-password-form";

export const metadata: Metadata = { title: "Forgot password" };

export default function ForgotPasswordPage() {
  return (
    <div className="mx-auto max-w-md space-y-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="text-2xl font-semibold text-brand-900">Forgot your password?</h1>
      <p className="text-slate-600">
        Enter the email address you sign in with. If it belongs to an account with a password, we mail you a link to
        choose a new one. A passkey or authenticator app you use stays as it is.
      </p>
      <ForgotPasswordForm />
      <p className="text-sm">
        <Link href="/signin" className="text-brand-700 underline">
          Back to sign-in
        </Link>
      </p>
    </div>
  );
}
