import Link from "next/link";

/** The "← Up" link above a page's heading, back to the list the page belongs to. */
export function BackLink({ href, children }: { href: string; children: React.ReactNode }) {
  return (
    <p>
      <Link href={href} className="text-sm text-brand-700 underline">
        ← {children}
      </Link>
    </p>
  );
}
