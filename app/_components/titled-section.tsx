// A part of a page named by its own heading: a <section aria-labelledby> pointing at its <h2>, so
// assistive technology lists it as a region with that name (the e2e specs find parts that way).
// "card" parts stand boxed on a page (account); "open" ones sit on the page with a larger heading
// (the portal).
import type { ReactNode } from "react";

const LOOKS = {
  card: { section: "rounded-lg border border-slate-200 bg-white p-5", heading: "font-semibold" },
  open: { section: "", heading: "text-xl font-semibold" },
} as const;

/** The space between the heading and what follows it, and between those parts. */
const GAPS = { 3: "space-y-3", 4: "space-y-4" } as const;

export function TitledSection({
  id,
  title,
  look = "card",
  gap = 3,
  children,
}: {
  /** The heading's id (the section's aria-labelledby). */
  id: string;
  title: ReactNode;
  look?: keyof typeof LOOKS;
  gap?: keyof typeof GAPS;
  children: ReactNode;
}) {
  const { section, heading } = LOOKS[look];
  return (
    <section aria-labelledby={id} className={`${GAPS[gap]} ${section}`.trim()}>
      <h2 id={id} className={heading}>
        {title}
      </h2>
      {children}
    </section>
  );
}
