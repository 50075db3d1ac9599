import type { Metadata } from "next";
import { mfaReasons } from "@/lib/auth/mfa-reasons";
import { signInStepPage } from "../partial-sign-in";
import { EnrollSections } from "./enroll-sections";

const TITLE = "Set up a second factor";
export const metadata: Metadata = { title: TITLE };

/**
 * A person who must use MFA and has no factor enrolls one here (stage ENROLL,
 * lib/auth/assurance.ts): their session carries no access until then. Each way to set one up is a
 * section of its own (passkey, authenticator app).
 */
export default signInStepPage("ENROLL", TITLE, async ({ next, session }) => {
  const reasons = await mfaReasons(session.userId);
  return (
    <>
      <div className="space-y-2 text-sm text-slate-700">
        {reasons.map((r) => (
          <p key={r}>{r}</p>
        ))}
        <p>
          Besides your password, you will confirm each sign-in with something only you have, so a stolen password alone
          cannot sign anyone in as you. Until you set it up, you cannot use Gatehouse.
        </p>
      </div>
      <EnrollSections next={next} />
    </>
  );
});
