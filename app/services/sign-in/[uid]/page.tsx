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
  const back = (label: string) => ({ href: `/services/sign-in/${uid}/deny`, label });
  if (view.kind === "gone")
    return (
      <Notice id="svc-gone" title="This sign-in has expired">
        <p className="text-slate-700">
          It took too long, or it was started in another browser. Go back to the application you were signing in to and
          start again there.
        </p>
      </Notice>
    );
  // While an administrator views as someone (lib/auth/view-as.ts), nobody signs in to another application as them.
  if (view.kind === "viewing-as")
    return (
      <Notice id="svc-viewing-as" title="Not while viewing as someone" warn back={back("Back to the service")}>
        <p className="text-slate-700">
          You are viewing Gatehouse as another person, read-only. Nobody signs in to {view.serviceName} as someone else:
          end “view as” with the button at the top of the page, then sign in to {view.serviceName} again.
        </p>
      </Notice>
    );
  return (
    <Notice
      id="svc-no-access"
      title={`You do not have access to ${view.serviceName}`}
      warn
      back={back(`Back to ${view.serviceName}`)}
    >
      <p className="text-slate-700">
        You are signed in to Gatehouse, but none of your groups
        {view.municipalityName ? ` in ${view.municipalityName}` : ""} lets you use {view.serviceName}, and nobody has
        given you access to it directly.
      </p>
      <p className="text-sm">
        <span className="font-medium">Whom to ask:</span> {view.accessContact || GENERIC_CONTACT}
      </p>
    </Notice>
  );
}

/** One answer of the page: a heading, the words, and (a link, not a form: see ./deny/route.ts) the way back. */
function Notice({
  id,
  title,
  warn = false,
  back,
  children,
}: {
  id: string;
  title: string;
  warn?: boolean;
  back?: { href: string; label: string };
  children: React.ReactNode;
}) {
  return (
    <section
      aria-labelledby={id}
      className={`mx-auto max-w-2xl space-y-3 rounded-lg border ${warn ? "border-amber-200" : ""} bg-white p-5 shadow-sm`}
    >
      <h1 id={id} className="text-2xl font-semibold text-brand-900">
        {title}
      </h1>
      {children}
      {back && (
        <a
          href={back.href}
          className="inline-block rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2"
        >
          {back.label}
        </a>
      )}
    </section>
  );
}
