// The frame of the pages that finish a sign-in (/signin/verify, /signin/enroll): the title, one
// section per way to give the factor, and "Cancel and sign out"; and what they show a browser
// whose sign-in is already complete. No server-only code: /signin/enroll's sections are a client
// component.
import type { ReactNode } from "react";
import { SignOutButton } from "@/app/_components/sign-out-button";

export function FinishFrame({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="mx-auto max-w-md space-y-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="text-2xl font-semibold text-brand-900">{title}</h1>
      {children}
    </div>
  );
}

/** A partial sign-in's page: its sections, then the way out (ends the partial session). */
export function PartialSignInFrame({ title, children }: { title: string; children: ReactNode }) {
  return (
    <FinishFrame title={title}>
      {children}
      <SignOutButton callbackUrl="/signin" look="link">
        Cancel and sign out
      </SignOutButton>
    </FinishFrame>
  );
}

/** One way to give the factor, as a labelled section (id `<page>-<name>-h` for its heading). */
export function FactorSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-h`} className="space-y-3 border-t border-slate-100 pt-4">
      <h2 id={`${id}-h`} className="font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

export function AlreadySignedIn({ next }: { next: string }) {
  return (
    <FinishFrame title="You are signed in">
      <p className="text-sm">Your sign-in is complete.</p>
      <a href={next} className="font-medium text-brand-700 underline">
        Continue
      </a>
    </FinishFrame>
  );
}
