// Where every sign-in of a connected service lands (lib/services/oidc-provider.ts sends each
// authorization request here). Nothing to type: a person fully signed in to Gatehouse who may use
// the service goes straight back to it; signed out, they sign in first and come back here; without
// access, they read why and whom to ask, and "Back to the service" tells the service so.
// The decision is lib/services/oidc-interaction.ts; the interaction is bound to this browser.
import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { FINISH_SIGN_IN_PATH, getSession } from "@/lib/auth/current-session";
import { openServiceSignIn } from "@/lib/services/oidc-interaction";

export const metadata: Metadata = { title: "Signing in to a service", robots: { index: false } };
export const dynamic = "force-dynamic";

const GENERIC_CONTACT =
  "Ask your manager or your municipality's Gatehouse administrator (your IT service desk knows who).";

export default async function ServiceSignInPage({ params }: { params: Promise<{ uid: string }> }) {
  const { uid } = await params;
  const view = await openServiceSignIn(uid, (await headers()).get("cookie"), await getSession());
  if (view.kind === "redirect") redirect(view.to);
  if (view.kind === "sign-in") redirect(`/signin?reason=${view.reason}&next=${encodeURIComponent(view.next)}`);
  if (view.kind === "finish-sign-in")
    redirect(`${FINISH_SIGN_IN_PATH[view.stage]}?next=${encodeURIComponent(view.next)}`);
  if (view.kind === "gone")
    return (
      <section
        aria-labelledby="svc-gone"
        className="mx-auto max-w-2xl space-y-3 rounded-lg border bg-white p-5 shadow-sm"
      >
        <h1 id="svc-gone" className="text-2xl font-semibold text-brand-900">
          This sign-in has expired
        </h1>
        <p className="text-slate-700">
          It took too long, or it was started in another browser. Go back to the application you were signing in to and
          start again there.
        </p>
      </section>
    );
  if (view.kind === "viewing-as")
    return (
      <section
        aria-labelledby="svc-viewing-as"
        className="mx-auto max-w-2xl space-y-3 rounded-lg border border-amber-200 bg-white p-5 shadow-sm"
      >
        <h1 id="svc-viewing-as" className="text-2xl font-semibold text-brand-900">
          Not while viewing as someone
        </h1>
        <p className="text-slate-700">
          You are viewing Gatehouse as another person, read-only. Nobody signs in to {view.serviceName} as someone else:
          end “view as” with the button at the top of the page, then sign in to {view.serviceName} again.
        </p>
        <a
          href={`/services/sign-in/${uid}/deny`}
          className="inline-block rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2"
        >
          Back to the service
        </a>
      </section>
    );
  return (
    <section
      aria-labelledby="svc-no-access"
      className="mx-auto max-w-2xl space-y-3 rounded-lg border border-amber-200 bg-white p-5 shadow-sm"
    >
      <h1 id="svc-no-access" className="text-2xl font-semibold text-brand-900">
        You do not have access to {view.serviceName}
      </h1>
      <p className="text-slate-700">
        You are signed in to Gatehouse, but none of your groups
        {view.municipalityName ? ` in ${view.municipalityName}` : ""} lets you use {view.serviceName}, and nobody has
        given you access to it directly.
      </p>
      <p className="text-sm">
        <span className="font-medium">Whom to ask:</span> {view.accessContact || GENERIC_CONTACT}
      </p>
      {/* A link, not a form: see ./deny/route.ts. */}
      <a
        href={`/services/sign-in/${uid}/deny`}
        className="inline-block rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2"
      >
        Back to {view.serviceName}
      </a>
    </section>
  );
}
