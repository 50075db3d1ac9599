// A GET form: filters travel in the URL (shareable, back-button friendly) and the server applies
// them. Every control has a visible label.
import Link from "next/link";
import { label } from "./format";

export type Filter =
  | { kind: "search"; name: string; label: string; placeholder?: string }
  | {
      kind: "select";
      name: string;
      label: string;
      options: readonly (string | readonly [string, string])[];
      anyLabel?: string;
    };

export function FilterBar({
  filters,
  values,
  resetHref,
  ariaLabel,
  keep = {},
}: {
  filters: Filter[];
  values: Record<string, string | undefined>;
  resetHref: string;
  ariaLabel: string;
  keep?: Record<string, string | undefined>;
}) {
  const hasAny = filters.some((f) => values[f.name]);
  return (
    <form method="get" role="search" aria-label={ariaLabel} className="flex flex-wrap items-end gap-3">
      {Object.entries(keep).map(([k, v]) => (v ? <input key={k} type="hidden" name={k} value={v} /> : null))}
      {filters.map((f) => (
        <div key={f.name}>
          <label htmlFor={`f-${f.name}`} className="block text-sm font-medium">
            {f.label}
          </label>
          {f.kind === "search" ? (
            <input
              id={`f-${f.name}`}
              name={f.name}
              type="search"
              defaultValue={values[f.name]}
              placeholder={f.placeholder}
              className="rounded-md border border-slate-300 px-3 py-1.5"
            />
          ) : (
            <select
              id={`f-${f.name}`}
              name={f.name}
              defaultValue={values[f.name] ?? ""}
              className="rounded-md border border-slate-300 px-3 py-1.5"
            >
              <option value="">{f.anyLabel ?? "Any"}</option>
              {f.options.map((o) => {
                const [v, l] = typeof o === "string" ? [o, label(o)] : o;
                return (
                  <option key={v} value={v}>
                    {l}
                  </option>
                );
              })}
            </select>
          )}
        </div>
      ))}
      <button className="rounded-md bg-brand-600 px-3 py-1.5 text-white hover:bg-brand-700">Apply</button>
      {hasAny && (
        <Link href={resetHref} className="px-1 py-1.5 text-sm underline">
          Reset
        </Link>
      )}
    </form>
  );
}

export function ErrorState({ children, resetHref }: { children: React.ReactNode; resetHref?: string }) {
  return (
    <p role="alert" className="rounded-lg border border-red-200 bg-red-50 p-4 text-red-800">
      {children}{" "}
      {resetHref && (
        <Link className="underline" href={resetHref}>
          Reset the filters
        </Link>
      )}
    </p>
  );
}
