// The frame of the pages that finish or confirm a sign-in (/signin/verify, /signin/enroll,
// /signin/confirm), and what they show a browser whose sign-in is already complete.
import type { ReactNode } from "react";

export function FinishFrame({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="mx-auto max-w-md space-y-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="text-2xl font-semibold text-brand-900">{title}</h1>
      {children}
    </div>
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
