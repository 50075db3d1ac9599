import type { Metadata } from "next";
import type { ReactNode } from "react";
import { requirePartialSession } from "@/lib/auth/current-session";
import { safeNextPath } from "@/lib/auth/safe-redirect";
import { CancelSignIn } from "../cancel-sign-in";
import { RecoveryCodeForm, TotpCodeForm } from "./code-forms";

export const metadata: Metadata = { title: "Confirm your sign-in" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * The second step of a sign-in (lib/auth/assurance.ts SECOND_FACTOR). Each way to give it is a
 * section of its own: passkeys add theirs to the front of the list, then the authenticator app,
 * then recovery codes for a lost device. Every sign-in passes through here (the sign-in form goes
 * to /signin/verify?next=…), and a session that needs no second step is sent straight on to `next`.
 */
export default async function VerifyPage({ searchParams }: Props) {
  const sp = await searchParams;
  const next = safeNextPath(typeof sp.next === "string" ? sp.next : undefined, "/w");
  await requirePartialSession("SECOND_FACTOR", next);
  const sections: { key: string; title: string; body: ReactNode }[] = [
    { key: "totp", title: "Authenticator app", body: <TotpCodeForm next={next} /> },
    { key: "recovery", title: "Lost your phone?", body: <RecoveryCodeForm next={next} /> },
  ];
  return (
    <div className="mx-auto max-w-md space-y-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="text-2xl font-semibold text-brand-900">Confirm it&apos;s you</h1>
      <p className="text-sm text-slate-700">Your password was right. Now finish signing in with your second step.</p>
      {sections.map((s) => (
        <section key={s.key} aria-labelledby={`verify-${s.key}-h`} className="space-y-3 border-t border-slate-100 pt-4">
          <h2 id={`verify-${s.key}-h`} className="font-semibold">
            {s.title}
          </h2>
          {s.body}
        </section>
      ))}
      <CancelSignIn />
    </div>
  );
}
