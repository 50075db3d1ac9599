// The page a mailed secret link opens (choose a new password, confirm a new email address): what
// the link is for while it is valid; else a title naming what is wrong with it (not valid, used,
// replaced, expired), its message as an alert, and the way on (`broken`). The token is in the path,
// so each such page also sends no referrer (its metadata).
import type { ReactNode } from "react";
import type { LinkMessages, LinkState } from "@/lib/flows/account-tokens";

/** The titles of a link that no longer works, named after what the link is ("This confirmation link"). */
export function brokenLinkTitles(link: string): LinkMessages {
  return {
    invalid: `${link} is not valid`,
    used: `${link} was already used`,
    replaced: `${link} was replaced`,
    expired: `${link} has expired`,
  };
}

export function SecretLinkPage({
  state,
  message,
  title,
  brokenTitles,
  children,
  broken,
  footer,
}: {
  state: LinkState;
  message?: string | null;
  /** The page's title while the link is valid. */
  title: string;
  brokenTitles: LinkMessages;
  /** The content while the link is valid. */
  children: ReactNode;
  /** Below the message of a link that no longer works. */
  broken?: ReactNode;
  /** Below either. */
  footer?: ReactNode;
}) {
  return (
    <div className="mx-auto max-w-md space-y-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      {state === "valid" ? (
        <>
          <h1 className="text-2xl font-semibold text-brand-900">{title}</h1>
          {children}
        </>
      ) : (
        <>
          <h1 className="text-2xl font-semibold text-brand-900">{brokenTitles[state]}</h1>
          <p role="alert">{message}</p>
          {broken}
        </>
      )}
      {footer}
    </div>
  );
}
