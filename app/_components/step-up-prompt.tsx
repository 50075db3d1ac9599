"use client";

// The "confirm it's you" prompt a form shows when its action answered `stepUp: true`
// (lib/action-result.ts): the action needs a recent authentication with the person's strongest
// factor (lib/auth/step-up.ts) and changed nothing. A plain link, so it works without JavaScript
// too: the step-up page (/signin/confirm) sends the person back to this page afterwards, where
// they submit again; what they typed is kept for that (./step-up-restore.ts).
import { useEffect } from "react";
import { usePathname } from "next/navigation";
import { keepFormOf, restoreKeptForm } from "./step-up-restore";

export const STEP_UP_PATH = "/signin/confirm";

export function stepUpHref(back: string): string {
  return `${STEP_UP_PATH}?next=${encodeURIComponent(back)}`;
}

export function StepUpPrompt({ message, id }: { message?: string | null; id?: string }) {
  const pathname = usePathname() ?? "/";
  // The query too (a filtered list), read only in the browser: the server render links the path.
  const back = typeof window === "undefined" ? pathname : `${pathname}${window.location.search}`;
  return (
    <div
      id={id}
      role="alert"
      className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950"
    >
      <p className="font-semibold">Confirm it&apos;s you</p>
      <p>
        {message ?? "This change needs a recent sign-in."} Nothing was changed. After you confirm, you come back to this
        page and can submit again.
      </p>
      <a
        href={stepUpHref(back)}
        onClick={(e) => keepFormOf(e.currentTarget)}
        className="inline-block rounded-md bg-brand-600 px-3 py-1.5 font-medium text-white hover:bg-brand-700"
      >
        Confirm it&apos;s you
      </a>
    </div>
  );
}

/** In the signed-in layout: fills a form kept before a step-up back in when the person returns. */
export function StepUpReturn() {
  // The layout stays across client-side navigations (the step-up action redirects back with one).
  const pathname = usePathname();
  useEffect(() => restoreKeptForm(), [pathname]);
  return null;
}
