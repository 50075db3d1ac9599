// The page a mailed secret link opens (choose a new password, confirm a new email address): what
// the link is for while it is valid; else a title naming what is wrong with it (not valid, used,
// replaced, expired), its message as an alert, and the way on (`broken`). The token is in the path,
// so each such page also sends no referrer (its metadata).
import type { Metadata } from "next";
import type { ReactNode } from "react";
import Link from "next/link";
import type { LinkMessages, LinkState } from "@/lib/flows/account-tokens";

/** The metadata of a secret link's page: its title, and no referrer (the token is in the path). */
export function secretLinkMetadata(title: string): Metadata {
  return { title, referrer: "no-referrer" };
}

/** The titles of a link that no longer works, named after what the link is ("This confirmation link"). */
export function brokenLinkTitles(link: string): LinkMessages {
  return {
    invalid: `${link} is not valid`,
    used: `${link} was already used`,
    replaced: `${link} was replaced`,
    expired: `${link} has expired`,
  };
}

type PageProps = Omit<Parameters<typeof SecretLinkPage>[0], "state" | "message" | "children">;

/**
 * The page (its default export) of a secret link whose token is the path's `[token]`: the link as
 * `read` finds it, drawn by SecretLinkPage; `valid` draws what the link is for while it is valid.
 */
export function secretLinkPage<L extends { state: LinkState; message?: string | null }>({
  read,
  valid,
  ...page
}: PageProps & { read: (token: string) => Promise<L>; valid: (link: L, token: string) => ReactNode }) {
  return async function SecretLink({ params }: { params: Promise<{ token: string }> }) {
    const { token } = await params;
    const link = await read(token);
    return (
      <SecretLinkPage state={link.state} message={link.message} {...page}>
        {valid(link, token)}
      </SecretLinkPage>
    );
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
  /** The ways on below the message of a link that no longer works. */
  broken?: WayOn[];
  /** The ways on below either. */
  footer?: WayOn[];
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
          <WaysOn links={broken} />
        </>
      )}
      <WaysOn links={footer} />
    </div>
  );
}

/** A link on from the page: where, and its words. */
type WayOn = { href: string; label: string };

function WaysOn({ links }: { links?: WayOn[] }) {
  if (!links?.length) return null;
  return (
    <p className="flex gap-4 text-sm">
      {links.map((l) => (
        <Link key={l.href} href={l.href} className="text-brand-700 underline">
          {l.label}
        </Link>
      ))}
    </p>
  );
}
