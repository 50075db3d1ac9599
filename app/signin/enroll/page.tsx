import type { Metadata } from "next";
import type { ReactNode } from "react";
import { requirePartialSession } from "@/lib/auth/current-session";
import { mfaReasons } from "@/lib/auth/mfa-reasons";
import { safeNextPath } from "@/lib/auth/safe-redirect";
import { TotpSetup } from "@/app/_components/mfa/totp-setup";
import { CancelSignIn } from "../cancel-sign-in";
import { confirmEnrollTotpAction, startEnrollTotpAction } from "./actions";

export const metadata: Metadata = { title: "Set up a second sign-in step" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * A person who must use MFA and has no factor yet (lib/auth/assurance.ts ENROLL): their session
 * carries no access until they set one up here. Each way to set one up is a section of its own
 * (the authenticator app here; passkeys add theirs to the list).
 */
export default async function EnrollPage({ searchParams }: Props) {
  const sp = await searchParams;
  const next = safeNextPath(typeof sp.next === "string" ? sp.next : undefined, "/w");
  const session = await requirePartialSession("ENROLL", next);
  const reasons = await mfaReasons(session.userId);
  const sections: { key: string; title: string; body: ReactNode }[] = [
    {
      key: "totp",
      title: "Authenticator app",
      body: (
        <TotpSetup
          start={startEnrollTotpAction}
          confirm={confirmEnrollTotpAction}
          done={{ href: next, label: "Continue: I saved my recovery codes" }}
        />
      ),
    },
  ];
  return (
    <div className="mx-auto max-w-lg space-y-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="text-2xl font-semibold text-brand-900">Set up a second sign-in step</h1>
      <div className="space-y-2 text-sm text-slate-700">
        {reasons.map((r) => (
          <p key={r}>{r}</p>
        ))}
        <p>
          Besides your password, you will confirm each sign-in with something only you have, so a stolen password alone
          cannot sign anyone in as you. Until you set it up, you cannot use Gatehouse.
        </p>
      </div>
      {sections.map((s) => (
        <section key={s.key} aria-labelledby={`enroll-${s.key}-h`} className="space-y-3 border-t border-slate-100 pt-4">
          <h2 id={`enroll-${s.key}-h`} className="font-semibold">
            {s.title}
          </h2>
          {s.body}
        </section>
      ))}
      <CancelSignIn />
    </div>
  );
}
