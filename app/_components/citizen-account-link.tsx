// The way to citizen accounts on the public pages: visitors are offered one (to follow their
// reports), a signed-in citizen gets the way to My reports; staff accounts see nothing here.
import Link from "next/link";
import { getPrincipal } from "@/lib/auth/current-session";
import { CITIZEN_HOME } from "@/lib/identity/principal";

export async function CitizenAccountLink() {
  const principal = await getPrincipal();
  if (principal.kind === "user" && !principal.isCitizen) return null;
  return (
    <p className="text-sm text-slate-600">
      {principal.kind === "user" ? (
        <>
          Signed in as a citizen: reports you submit are listed under{" "}
          <Link href={CITIZEN_HOME} className="text-brand-700 underline">
            My reports
          </Link>
          .
        </>
      ) : (
        <>
          Want to follow what happens to your reports?{" "}
          <Link href="/citizens/sign-up" className="text-brand-700 underline">
            Make a citizen account
          </Link>{" "}
          (optional).
        </>
      )}
    </p>
  );
}
