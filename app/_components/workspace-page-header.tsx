import Link from "next/link";
import type { ReactNode } from "react";

/** A workspace page's heading: the municipality (a link back to its workspace), the title, a line about the page. */
export function WorkspacePageHeader({
  slug,
  name,
  title,
  children,
}: {
  slug: string;
  name: string;
  title: string;
  children?: ReactNode;
}) {
  return (
    <header>
      <p className="text-sm text-slate-500">
        <Link href={`/w/${slug}`} className="underline">
          {name}
        </Link>
      </p>
      <h1 className="text-2xl font-semibold text-brand-900">{title}</h1>
      {children}
    </header>
  );
}
