import type { Metadata } from "next";
import Link from "next/link";
import { CitizenSignUpForm } from "./sign-up-form";

export const metadata: Metadata = { title: "Make a citizen account" };

export default function CitizenSignUpPage() {
  return (
    <div className="mx-auto max-w-md space-y-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="text-2xl font-semibold text-brand-900">Make a citizen account</h1>
      <p className="text-slate-600">
        With an account you see every report you file, in any municipality, with its status and the answers from staff,
        and you can follow other people&apos;s reports. You can still report problems without one.
      </p>
      <CitizenSignUpForm />
      <p className="text-sm">
        <Link href="/signin" className="text-brand-700 underline">
          Already have an account? Sign in
        </Link>
      </p>
      <p className="text-sm text-slate-600">
        Work for a municipality?{" "}
        <Link href="/register" className="text-brand-700 underline">
          Ask to join as staff
        </Link>{" "}
        instead.
      </p>
    </div>
  );
}
