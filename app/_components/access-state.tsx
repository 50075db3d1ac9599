// The honest answer to someone who is refused: one page per state (suspended, waiting for
// approval, not approved, invitation not finished, account deactivated, no membership), each saying
// what happened, what it means, what they can do, and whom to ask. Shown only to the person
// themself (lib/data/own-access.ts reads their own membership); anyone else gets "not found".
import Link from "next/link";
import type { ReactNode } from "react";
import type { AccessState } from "@/lib/data/own-access";

const day = (d: Date | null) =>
  d ? d.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }) : null;

/** Every refusal the pages explain: a membership's state, or the account's own. */
export type Refusal = AccessState | { status: "DEACTIVATED"; contact?: string | null } | { status: "NONE" };

type Text = { title: string; body: ReactNode; reasonLabel?: string; hiddenReason?: string; next?: ReactNode };

function textOf(r: Refusal): Text {
  switch (r.status) {
    case "SUSPENDED": {
      const since = day(r.since);
      return {
        title: `Your access to ${r.municipality} is suspended`,
        body: (
          <>
            An administrator of {r.municipality} suspended your membership{since ? ` on ${since}` : ""}. Until they
            reactivate it you cannot open {r.municipality}&apos;s workspace. Your account, your work and its history
            there are kept, and access elsewhere is not affected.
          </>
        ),
        reasonLabel: "Reason given",
        hiddenReason: `${r.municipality} does not show the reason here; whoever suspended you can tell you.`,
      };
    }
    case "PENDING_APPROVAL": {
      const since = day(r.since);
      return {
        title: `Your access to ${r.municipality} is waiting for approval`,
        body: (
          <>
            You asked to join {r.municipality}
            {since ? ` on ${since}` : ""}. An administrator there has to approve it first. You will get an email as soon
            as they decide; there is nothing else you need to do.
          </>
        ),
      };
    }
    case "REJECTED": {
      const since = day(r.since);
      return {
        title: `Your request to join ${r.municipality} was not approved`,
        body: (
          <>
            An administrator of {r.municipality} did not approve your access{since ? ` on ${since}` : ""}. You have no
            access there. If you think this is a mistake, ask them to look at it again: they can re-open the request.
          </>
        ),
        reasonLabel: "Reason given",
      };
    }
    case "INVITED":
      return {
        title: `Your invitation to ${r.municipality} is not finished`,
        body: (
          <>
            You were invited to {r.municipality} but have not finished joining. Open the link in your invitation email
            to finish; if it has expired, ask for a new invitation.
          </>
        ),
      };
    case "DEACTIVATED":
      return {
        title: "Your Gatehouse account is deactivated",
        body: (
          <>
            An administrator deactivated your account, so it cannot sign in anywhere. Nothing was deleted: if this is a
            mistake, an administrator can reactivate it.
          </>
        ),
      };
    case "NONE":
      return {
        title: "You are not a member of any municipality",
        body: (
          <>
            You are signed in, but no municipality has given you access yet. Ask your municipality&apos;s administrator
            for an invitation; if your municipality lets its staff ask for an account, you can{" "}
            <Link href="/register" className="text-brand-700 underline">
              ask to join
            </Link>
            .
          </>
        ),
      };
  }
}

const GENERIC_CONTACT =
  "Ask your manager or your municipality's Gatehouse administrator (your IT service desk knows who).";

/** One state, as a page's main content (`heading` 1) or as one of several on a page (`heading` 2). */
export function AccessStateNotice({ refusal, heading = 1 }: { refusal: Refusal; heading?: 1 | 2 }) {
  const t = textOf(refusal);
  const H = heading === 1 ? "h1" : "h2";
  const reason = "reason" in refusal ? refusal.reason : null;
  const contact = "contact" in refusal ? refusal.contact : null;
  const id = `access-${"slug" in refusal ? refusal.slug : refusal.status.toLowerCase()}`;
  return (
    <section
      aria-labelledby={id}
      data-access-state={refusal.status}
      className="space-y-3 rounded-lg border border-amber-200 bg-white p-5 shadow-sm"
    >
      <H id={id} className={heading === 1 ? "text-2xl font-semibold text-brand-900" : "text-lg font-semibold"}>
        {t.title}
      </H>
      <p className="text-slate-700">{t.body}</p>
      {t.reasonLabel && reason && (
        <p className="rounded-md border border-slate-200 bg-slate-50 p-3 text-sm">
          <span className="font-medium">{t.reasonLabel}:</span> {reason}
        </p>
      )}
      {t.hiddenReason && !reason && <p className="text-sm text-slate-600">{t.hiddenReason}</p>}
      {refusal.status !== "NONE" && (
        <p className="text-sm">
          <span className="font-medium">Whom to ask:</span> {contact || GENERIC_CONTACT}
        </p>
      )}
    </section>
  );
}

/** A whole page for one refusal: the notice, then the ways on. */
export function AccessStatePage({
  refusal,
  signedInAs,
  children,
}: {
  refusal: Refusal;
  signedInAs?: string;
  children?: ReactNode;
}) {
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <AccessStateNotice refusal={refusal} />
      {signedInAs && <p className="text-sm text-slate-600">Signed in as {signedInAs}</p>}
      <nav aria-label="Where to go from here" className="flex flex-wrap gap-x-4 gap-y-2 text-sm">
        {children}
        <Link href="/" className="text-brand-700 underline">
          Public pages of the municipalities
        </Link>
      </nav>
    </div>
  );
}
