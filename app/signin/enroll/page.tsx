import type { Metadata } from "next";
import type { ReactNode } from "react";
import { getSession, requirePartialSession } from "@/lib/auth/current-session";
import { mfaReasons } from "@/lib/auth/mfa-reasons";
import { safeNextPath } from "@/lib/auth/safe-redirect";
import { TotpSetup } from "@/app/_components/mfa/totp-setup";
import { AlreadySignedIn, FinishFrame } from "../finish-frame";
import { CancelSignIn } from "../cancel-sign-in";
import { PasskeyEnrollSection } from "./passkey-section";
import { confirmEnrollTotpAction, startEnrollTotpAction } from "./actions";

export const metadata: Metadata = { title: "Set up a second factor" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * A person who must use MFA and has no factor enrolls one here (stage ENROLL,
 * lib/auth/assurance.ts): their session carries no access until then. Each way to set one up is a
 * section of its own (passkey, authenticator app).
 */
export default async function EnrollPage({ searchParams }: Props) {
  const sp = await searchParams;
  const next = safeNextPath(typeof sp.next === "string" ? sp.next : undefined, "/w");
  if ((await getSession()).status === "active") return <AlreadySignedIn next={next} />;
  const session = await requirePartialSession("ENROLL", next);
  const reasons = await mfaReasons(session.userId);
  const sections: { key: string; title: string; body: ReactNode }[] = [
    { key: "passkey", title: "Passkey", body: <PasskeyEnrollSection next={next} /> },
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
    <FinishFrame title="Set up a second factor">
      <div className="space-y-2 text-sm text-slate-700">
        {reasons.map((r) => (
          <p key={r}>{r}</p>
        ))}
        <p>
          Besides your password, you will confirm each sign-in with something only you have, so a stolen password alone
          cannot sign anyone in as you. Until you set it up, you cannot use Gatehouse.
        </p>
      </div>
      {sections.map((x) => (
        <section key={x.key} aria-labelledby={`enroll-${x.key}-h`} className="space-y-3 border-t border-slate-100 pt-4">
          <h2 id={`enroll-${x.key}-h`} className="font-semibold">
            {x.title}
          </h2>
          {x.body}
        </section>
      ))}
      <CancelSignIn />
    </FinishFrame>
  );
}
