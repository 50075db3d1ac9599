// One badge for every status on a list: the words are always there (colour is never the only
// signal) and a shape before them says the tone to those who cannot tell the colours apart.
// StatusBadge knows the statuses of Gatehouse's lists and says each in plain words.
import type { ReactNode } from "react";
import { label } from "./format";

export type Tone = "good" | "bad" | "warn" | "info" | "neutral";

const TONES: Record<Tone, { className: string; mark: string }> = {
  good: { className: "border-green-300 bg-green-50 text-green-900", mark: "✓" },
  bad: { className: "border-red-300 bg-red-50 text-red-900", mark: "✕" },
  warn: { className: "border-amber-300 bg-amber-50 text-amber-900", mark: "!" },
  info: { className: "border-sky-300 bg-sky-50 text-sky-900", mark: "●" },
  neutral: { className: "border-slate-300 bg-slate-50 text-slate-800", mark: "○" },
};

export function Badge({ tone, children }: { tone: Tone; children: ReactNode }) {
  const t = TONES[tone];
  return (
    <span
      className={`inline-flex items-center gap-1 whitespace-nowrap rounded-full border px-2 py-0.5 text-xs font-medium ${t.className}`}
    >
      <span aria-hidden>{t.mark}</span>
      {children}
    </span>
  );
}

export type StatusKind = "membership" | "invitation" | "request" | "outbox" | "grant" | "connection" | "bulk";

/** The tone of a status value, whatever list it is on (the values say the same everywhere). */
const TONE_OF: [Tone, string[]][] = [
  ["good", ["ACTIVE", "APPROVED", "RESOLVED", "SENT", "accepted", "enabled", "invite", "invited"]],
  ["bad", ["SUSPENDED", "REJECTED", "FAILED", "refused"]],
  ["warn", ["PENDING_APPROVAL", "PENDING", "IN_PROGRESS", "expired"]],
  ["info", ["INVITED", "SUBMITTED", "TRIAGED", "pending"]],
];

/** Words where the value's own label would not say it plainly (label() says the rest: "In progress"). */
const WORDS: Partial<Record<StatusKind, Record<string, string>>> = {
  membership: { PENDING_APPROVAL: "Waiting for approval", DEACTIVATED: "Account deactivated" },
  outbox: { PENDING: "Waiting to be sent" },
  grant: { PENDING: "Waiting for approval" },
  connection: { enabled: "On", disabled: "Off", none: "Not set up" },
  bulk: { invite: "Will be invited" },
};

/** The status's words, for places that need them as text (a filter's options, a sentence). */
export function statusText(kind: StatusKind, value: string): string {
  return WORDS[kind]?.[value] ?? label(value);
}

export function StatusBadge({ kind, value }: { kind: StatusKind; value: string }) {
  const tone = TONE_OF.find(([, values]) => values.includes(value))?.[0] ?? "neutral";
  return <Badge tone={tone}>{statusText(kind, value)}</Badge>;
}
