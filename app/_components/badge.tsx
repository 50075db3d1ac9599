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

/** Each kind of status Gatehouse lists, its values in plain words and their tones. */
const STATUSES = {
  membership: {
    INVITED: ["Invited", "info"],
    PENDING_APPROVAL: ["Waiting for approval", "warn"],
    ACTIVE: ["Active", "good"],
    SUSPENDED: ["Suspended", "bad"],
    REJECTED: ["Rejected", "bad"],
    DEACTIVATED: ["Account deactivated", "neutral"],
  },
  invitation: {
    pending: ["Pending", "info"],
    expired: ["Expired", "warn"],
    accepted: ["Accepted", "good"],
    revoked: ["Revoked", "neutral"],
  },
  request: {
    SUBMITTED: ["Submitted", "info"],
    TRIAGED: ["Triaged", "info"],
    IN_PROGRESS: ["In progress", "warn"],
    RESOLVED: ["Resolved", "good"],
    CLOSED: ["Closed", "neutral"],
    REJECTED: ["Rejected", "bad"],
  },
  outbox: {
    PENDING: ["Waiting to be sent", "warn"],
    SENT: ["Sent", "good"],
    FAILED: ["Failed", "bad"],
  },
  grant: {
    PENDING: ["Waiting for approval", "warn"],
    APPROVED: ["Approved", "good"],
    REJECTED: ["Rejected", "bad"],
    CANCELLED: ["Cancelled", "neutral"],
  },
  connection: {
    enabled: ["On", "good"],
    disabled: ["Off", "neutral"],
    none: ["Not set up", "neutral"],
  },
  bulk: {
    invite: ["Will be invited", "good"],
    invited: ["Invited", "good"],
    refused: ["Refused", "bad"],
  },
} as const satisfies Record<string, Record<string, readonly [string, Tone]>>;

export type StatusKind = keyof typeof STATUSES;

/** The status's words, for places that need them as text (sentences, titles). */
export function statusText(kind: StatusKind, value: string): string {
  return (STATUSES[kind] as Record<string, readonly [string, Tone]>)[value]?.[0] ?? label(value);
}

export function StatusBadge({ kind, value }: { kind: StatusKind; value: string }) {
  const s = (STATUSES[kind] as Record<string, readonly [string, Tone]>)[value];
  return <Badge tone={s?.[1] ?? "neutral"}>{s?.[0] ?? label(value)}</Badge>;
}
