import type { Metadata } from "next";
import { getSession, requirePartialSession } from "@/lib/auth/current-session";
import { safeNextPath } from "@/lib/auth/safe-redirect";
import { AlreadySignedIn, FinishFrame } from "../finish-frame";
import { PasskeyEnrollSection } from "./passkey-section";

export const metadata: Metadata = { title: "Set up a second factor" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** A person who must use MFA and has no factor enrolls one here (stage ENROLL, lib/auth/assurance.ts). */
export default async function EnrollPage({ searchParams }: Props) {
  const sp = await searchParams;
  const next = safeNextPath(typeof sp.next === "string" ? sp.next : undefined, "/w");
  if ((await getSession()).status === "active") return <AlreadySignedIn next={next} />;
  await requirePartialSession("ENROLL", next);
  return (
    <FinishFrame title="Set up a second factor">
      <p className="text-sm text-slate-700">
        Your municipality requires a second factor for your account. Set one up to continue.
      </p>
      <PasskeyEnrollSection next={next} />
    </FinishFrame>
  );
}
