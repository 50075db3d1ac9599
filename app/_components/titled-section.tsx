import type { ReactNode } from "react";

const PANEL = "space-y-3 rounded-lg border border-slate-200 bg-white p-5";

/**
 * A part of a page named by its heading (aria-labelledby, so it is a landmark with that name):
 * a white panel by default, or `look="plain"` for the portal's open sections.
 */
export function TitledSection({
  id,
  title,
  look = "panel",
  className,
  children,
}: {
  id: string;
  title: ReactNode;
  look?: "panel" | "plain";
  className?: string;
  children: ReactNode;
}) {
  return (
    <section
      aria-labelledby={id}
      className={[look === "panel" ? PANEL : "space-y-3", className].filter(Boolean).join(" ")}
    >
      <h2 id={id} className={look === "panel" ? "font-semibold" : "text-xl font-semibold"}>
        {title}
      </h2>
      {children}
    </section>
  );
}
