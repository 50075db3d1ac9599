import type { Metadata } from "next";
import Link from "next/link";
import { emailChangeLink } from "@/lib/flows/email-change";
import { brokenLinkTitles, SecretLinkPage } from "@/app/_components/secret-link-page";
import { ConfirmEmailButton } from "./confirm-button";

export const metadata: Metadata = { title: "Confirm your new email address", referrer: "no-referrer" };

const TITLES = { ...brokenLinkTitles("This confirmation link"), used: "This address was already confirmed" };

export default async function ConfirmEmailPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const link = await emailChangeLink(token);
  return (
    <SecretLinkPage
      state={link.state}
      message={link.message}
      title="Confirm your new email address"
      brokenTitles={TITLES}
      footer={
        <p className="text-sm">
          <Link href="/account" className="text-brand-700 underline">
            Your account
          </Link>
        </p>
      }
    >
      <p className="text-slate-600">
        Your Gatehouse account will use <strong>{link.newEmail}</strong> to sign in and for mail. Your old address is
        told.
      </p>
      <ConfirmEmailButton token={token} newEmail={link.newEmail!} />
    </SecretLinkPage>
  );
}
