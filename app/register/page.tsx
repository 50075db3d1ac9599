import type { Metadata } from "next";
import Link from "next/link";
import { municipalitiesOpenForRegistration } from "@/lib/flows/registration";
import { RegisterForm } from "./register-form";

export const metadata: Metadata = { title: "Ask to join" };

export default async function RegisterPage() {
  const open = await municipalitiesOpenForRegistration();
  return (
    <div className="mx-auto max-w-md space-y-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="text-2xl font-semibold text-brand-900">Ask to join your municipality</h1>
      {open.length === 0 ? (
        <p className="text-slate-600">
          No municipality accepts self-registration right now. Ask your administrator for an invitation.
        </p>
      ) : (
        <>
          <p className="text-slate-600">
            Staff with a municipal email address can ask for an account. We mail you a link to confirm the address; an
            administrator then reviews every request.
          </p>
          <RegisterForm municipalities={open} />
        </>
      )}
      <p className="text-sm">
        <Link href="/signin" className="text-brand-700 underline">
          Already have an account? Sign in
        </Link>
      </p>
    </div>
  );
}
