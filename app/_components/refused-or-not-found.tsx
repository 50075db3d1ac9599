// The "not found" of a municipality's pages (/w/<slug>/…, /admin/<slug>/…): for the signed-in
// person whose own membership there gives no access (suspended, waiting, not approved), the page of
// that state instead, so they learn what happened and whom to ask. Everyone else — anonymous, a
// member of another municipality, someone who never belonged here — gets the plain "not found",
// so nothing tells them the municipality's people or pages exist. The status stays 404 either way.
import { headers } from "next/headers";
import Link from "next/link";
import { getPrincipal } from "@/lib/auth/current-session";
import { ownAccessStateIn } from "@/lib/data/own-access";
import NotFound from "@/app/not-found";
import { AccessStatePage } from "./access-state";

export async function RefusedOrNotFound({ area }: { area: "w" | "admin" }) {
  const path = (await headers()).get("x-pathname") ?? "";
  const slug = new RegExp(`^/${area}/([a-z0-9-]{1,64})(?:[/?]|$)`).exec(path)?.[1];
  const principal = slug ? await getPrincipal() : null;
  const state = slug && principal?.kind === "user" ? await ownAccessStateIn(principal, slug) : null;
  if (!state) return <NotFound />;
  return (
    <AccessStatePage refusal={state}>
      <Link href="/w" className="text-brand-700 underline">
        Your workspace
      </Link>
    </AccessStatePage>
  );
}
