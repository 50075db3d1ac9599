// Pieces the access-review pages share (issue 20), administration and reviewer alike: a progress
// bar that says its numbers in words (colour is never the only signal), dates as people read
// them, a person's name, and groups with their marks (privileged, deprecated with its reason).
import { Badge } from "@/app/_components/badge";

/** A date as "2026-12-15" (UTC, as the due dates are kept). */
export function day(d: Date | string | null | undefined): string {
  if (!d) return "—";
  return new Date(d).toISOString().slice(0, 10);
}

/** A date and time as "2026-12-15 14:05 UTC". */
export function moment(d: Date | string | null | undefined): string {
  if (!d) return "—";
  return `${new Date(d).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** A person as people read them: their name, else their address. */
export function who(p: { name: string | null; email: string } | null | undefined): string {
  if (!p) return "—";
  return p.name || p.email || "(unknown person)";
}

/** "3 of 5 decided" with a bar; `label` names it for screen readers (one campaign's, one reviewer's). */
export function ProgressBar({ decided, total, label }: { decided: number; total: number; label: string }) {
  const pct = total === 0 ? 100 : Math.round((decided / total) * 100);
  return (
    <div className="min-w-32 space-y-1">
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={decided}
        aria-valuetext={`${decided} of ${total} decided`}
        className="h-2 w-full overflow-hidden rounded-full bg-slate-200"
      >
        <div className="h-full bg-brand-600" style={{ width: `${pct}%` }} />
      </div>
      <p className="text-xs text-slate-600">
        {decided} of {total} decided
      </p>
    </div>
  );
}

export type GroupMark = { name: string; label: string; privileged: boolean; deprecated: string | null };

/** Groups by their labels, each with its marks: "Privileged", and "Deprecated" with the reason. */
export function GroupList({ groups, none = "No groups" }: { groups: readonly GroupMark[]; none?: string }) {
  if (!groups.length) return <span className="text-slate-600">{none}</span>;
  return (
    <ul className="flex flex-wrap gap-2">
      {groups.map((g) => (
        <li key={g.name} className="flex flex-wrap items-center gap-1">
          <span className="font-medium">{g.label}</span>
          {g.privileged && <Badge tone="info">Privileged</Badge>}
          {g.deprecated && (
            <span title={g.deprecated}>
              <Badge tone="warn">Deprecated</Badge>
              <span className="sr-only">: {g.deprecated}</span>
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}

/** The tone of an outcome's badge: kept access is good, removed access is a warning, suspension bad. */
export function OutcomeBadge({ outcome, label }: { outcome: string | null; label: string | null }) {
  if (!outcome) return <Badge tone="neutral">Not decided yet</Badge>;
  const tone =
    outcome === "CONFIRMED" || outcome === "KEPT_UNDECIDED"
      ? "good"
      : outcome === "SUSPENDED_UNDECIDED"
        ? "bad"
        : outcome === "MOOT"
          ? "neutral"
          : "warn";
  return <Badge tone={tone}>{label}</Badge>;
}
