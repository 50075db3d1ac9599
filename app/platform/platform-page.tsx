// The frame every platform console page shares — its sections' navigation, the page heading with
// an optional action beside it — and the steps of its list pages: the query read from the URL,
// the viewer checked for the console, the list read through lib/data.
import type { ReactNode } from "react";
import Link from "next/link";
import { orInvalid, requirePlatformPage } from "@/lib/pages/scope";
import { firstValues } from "@/lib/http/search-params";
import type { Viewer } from "@/lib/identity/viewer";
import { PlatformNav } from "./platform-nav";

type Current = Parameters<typeof PlatformNav>[0]["current"];

export function PlatformPage({
  current,
  title,
  action,
  before,
  children,
}: {
  current: Current;
  title: ReactNode;
  /** Beside the heading (a "New …" button). */
  action?: ReactNode;
  /** Between the navigation and the heading (a back link, a notice). */
  before?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="space-y-6">
      <PlatformNav current={current} />
      {before}
      <div className="flex flex-wrap items-end justify-between gap-4">
        {typeof title === "string" ? <h1 className="text-2xl font-semibold text-brand-900">{title}</h1> : title}
        {action}
      </div>
      {children}
    </div>
  );
}

/** The "New municipality" button of the overview and the list. */
export function NewMunicipalityLink() {
  return (
    <Link
      href="/platform/municipalities/new"
      className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700"
    >
      New municipality
    </Link>
  );
}

/** A list page's query (the `keys` of the URL) and its list, or the message of an invalid query. */
export async function platformList<T>(
  searchParams: Promise<Record<string, string | string[] | undefined>>,
  keys: readonly string[],
  list: (viewer: Viewer, q: Record<string, string | undefined>) => Promise<T>,
) {
  const q = firstValues(await searchParams, keys);
  const { viewer } = await requirePlatformPage();
  return { q, listed: await orInvalid(list(viewer, q)) };
}

export type SearchParamsProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };
