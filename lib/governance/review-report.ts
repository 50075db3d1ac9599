// The signed report of an access review campaign (issue 20): one CSV row per person (who, their
// reviewed groups, reviewer, decision, kept groups, note, when, outcome, when applied) and a
// print-ready HTML page with the campaign's facts, counts and signature.
//
// The digest is SHA-256 over the CSV's bytes; the signature an HMAC-SHA256 of the campaign id and
// the digest under a key derived from AUTH_SECRET for this purpose only (lib/crypto/tokens.ts
// keyedToken), which is not in the database: whoever can only write the database cannot sign an
// altered report. The closing flow (lib/flows/access-reviews.ts) stores both on the campaign and
// in its `access.review.close` audit event; the report of a closed campaign is rebuilt from the
// same rows, so its digest is the stored one unless something changed (then `verified` is false).
// CSV cells that start with = + - @ are prefixed (lib/export/csv.ts), so no spreadsheet runs them.
import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { keyedToken } from "@/lib/crypto/tokens";
import { env } from "@/lib/env";
import { ForbiddenError } from "@/lib/errors";
import type { Viewer } from "@/lib/identity/viewer";
import {
  mayReadWholeReview,
  reviewGroup,
  unsafeReviewReportRows,
  type ReviewReportFacts,
  type ReviewReportRow,
} from "@/lib/data/access-reviews";
import { toCsv } from "@/lib/export/csv";
import {
  DECISION_LABELS,
  OUTCOME_LABELS,
  SCOPE_LABELS,
  STATUS_LABELS,
  UNDECIDED_RULE_LABELS,
  type ReviewOutcome,
} from "@/lib/schemas/access-reviews";

export type ReviewReport = {
  csv: string;
  html: string;
  /** SHA-256 (hex) of `csv`. */
  digest: string;
  /** The stored signature of a closed campaign; for an open one, the signature this digest would get. */
  signature: string;
  /** Closed campaign: the digest equals the stored one and the signature checks out. Open: false. */
  verified: boolean;
  closed: boolean;
};

const COLUMNS = [
  "Person",
  "Email",
  "Groups reviewed",
  "Reviewer",
  "Decision",
  "Groups kept",
  "Note",
  "Decided at (UTC)",
  "Outcome",
  "Applied at (UTC)",
];

const iso = (d: Date | null) => (d ? d.toISOString() : "");

/** The report's CSV: deterministic for the same rows (the digest depends on it). */
export function reviewCsv(rows: ReviewReportRow[]): string {
  return toCsv(
    rows.map((r) => ({
      Person: r.person,
      Email: r.email,
      "Groups reviewed": r.groups.join("; "),
      Reviewer: r.reviewer,
      Decision: r.decision ? DECISION_LABELS[r.decision] : "Not decided",
      "Groups kept": r.decision === "CHANGE" ? r.keptGroups.join("; ") : "",
      Note: r.note ?? "",
      "Decided at (UTC)": iso(r.decidedAt),
      Outcome: r.outcome ? OUTCOME_LABELS[r.outcome] : "Open",
      "Applied at (UTC)": iso(r.appliedAt),
    })),
    COLUMNS,
  );
}

export function reportDigest(csv: string): string {
  return createHash("sha256").update(csv, "utf8").digest("hex");
}

/** HMAC of the campaign and its report's digest, under a key of its own derived from AUTH_SECRET. */
export function signReport(reviewId: string, digest: string): string {
  return keyedToken(env().AUTH_SECRET, "access-review-report", `${reviewId}\n${digest}`);
}

export function verifyReport(reviewId: string, digest: string, signature: string): boolean {
  const a = Buffer.from(signReport(reviewId, digest));
  const b = Buffer.from(signature);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The digest and signature of the campaign's rows now: what the closing flow stores. */
export function signedDigest(reviewId: string, rows: ReviewReportRow[]) {
  const csv = reviewCsv(rows);
  const digest = reportDigest(csv);
  return { csv, digest, signature: signReport(reviewId, digest) };
}

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
const day = (d: Date | null) => (d ? d.toISOString().replace("T", " ").slice(0, 16) + " UTC" : "—");

/** Counts per outcome, in the order an auditor reads them. */
export function outcomeCounts(rows: ReviewReportRow[]): { label: string; count: number }[] {
  const order: (ReviewOutcome | null)[] = [
    "CONFIRMED",
    "CHANGED",
    "REVOKED",
    "KEPT_UNDECIDED",
    "SUSPENDED_UNDECIDED",
    "MOOT",
    null,
  ];
  return order
    .map((o) => ({
      label: o ? OUTCOME_LABELS[o] : "Not decided yet",
      count: rows.filter((r) => r.outcome === o).length,
    }))
    .filter((c) => c.count > 0);
}

/** A self-contained HTML page (inline print stylesheet, no scripts) fit to print or save as PDF. */
export function reviewHtml(
  facts: ReviewReportFacts,
  rows: ReviewReportRow[],
  sig: { digest: string; signature: string; verified: boolean },
): string {
  const fact = (k: string, v: string) => `<tr><th scope="row">${esc(k)}</th><td>${esc(v)}</td></tr>`;
  const scope =
    facts.scope === "GROUP" && facts.group
      ? `${SCOPE_LABELS.GROUP}: ${reviewGroup(facts.group).label}`
      : SCOPE_LABELS[facts.scope];
  const closed = facts.status === "CLOSED";
  const body = rows
    .map(
      (r) =>
        `<tr><td>${esc(r.person || r.email)}<br><span class="muted">${esc(r.email)}</span></td><td>${esc(r.groups.join(", "))}</td><td>${esc(r.reviewer)}</td><td>${esc(r.decision ? DECISION_LABELS[r.decision] : "Not decided")}${r.decision === "CHANGE" ? `<br><span class="muted">Kept: ${esc(r.keptGroups.join(", ") || "none")}</span>` : ""}</td><td>${esc(r.note ?? "")}</td><td>${esc(day(r.decidedAt))}</td><td>${esc(r.outcome ? OUTCOME_LABELS[r.outcome] : "Open")}</td><td>${esc(day(r.appliedAt))}</td></tr>`,
    )
    .join("\n");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Access review report: ${esc(facts.name)} (${esc(facts.municipality)})</title>
<style>
  body { font: 14px/1.45 system-ui, sans-serif; color: #111; margin: 2rem; }
  h1 { font-size: 1.4rem; margin: 0 0 .25rem; }
  h2 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; }
  table { border-collapse: collapse; width: 100%; }
  th, td { border: 1px solid #999; padding: .3rem .45rem; text-align: left; vertical-align: top; }
  .facts th { width: 14rem; background: #f3f3f3; }
  .muted { color: #444; font-size: .9em; }
  .sig { font-family: ui-monospace, monospace; word-break: break-all; }
  .scroll { overflow-x: auto; }
  @media print {
    body { margin: 0; font-size: 10pt; }
    @page { size: A4 landscape; margin: 12mm; }
    thead { display: table-header-group; }
    tr { break-inside: avoid; }
    .scroll { overflow: visible; }
  }
</style>
</head>
<body>
<main>
<h1>Access review report: ${esc(facts.name)}</h1>
<p class="muted">${esc(facts.municipality)} · ${closed ? `closed ${esc(day(facts.closedAt))}` : "still open: this report is not final"}</p>
<h2>Campaign</h2>
<table class="facts"><tbody>
${fact("Municipality", facts.municipality)}
${fact("Who was reviewed", scope)}
${fact("Started", `${day(facts.createdAt)} by ${facts.startedBy}`)}
${fact("Due", day(facts.dueAt))}
${fact("People not decided by the due date", UNDECIDED_RULE_LABELS[facts.undecidedRule])}
${fact("Status", STATUS_LABELS[facts.status])}
${fact("Closed", day(facts.closedAt))}
</tbody></table>
<h2>Counts</h2>
<table class="facts"><tbody>
${fact("People reviewed", String(rows.length))}
${outcomeCounts(rows)
  .map((c) => fact(c.label, String(c.count)))
  .join("\n")}
</tbody></table>
<h2>Decisions</h2>
<div class="scroll"><table>
<thead><tr><th scope="col">Person</th><th scope="col">Groups reviewed</th><th scope="col">Reviewer</th><th scope="col">Decision</th><th scope="col">Note</th><th scope="col">Decided</th><th scope="col">Outcome</th><th scope="col">Applied</th></tr></thead>
<tbody>
${body}
</tbody></table></div>
<h2>Signature</h2>
<table class="facts"><tbody>
<tr><th scope="row">SHA-256 of the CSV report</th><td class="sig">${esc(sig.digest)}</td></tr>
<tr><th scope="row">Signature (HMAC-SHA256)</th><td class="sig">${esc(sig.signature)}</td></tr>
<tr><th scope="row">Check</th><td>${closed ? (sig.verified ? "The report matches the one signed when the campaign closed (also kept in the audit trail)." : "The report no longer matches the one signed at the close: something changed since.") : "Signed when the campaign closes."}</td></tr>
</tbody></table>
</main>
</body>
</html>
`;
}

/**
 * The report of one campaign for a viewer who may manage it and read all of its items (else
 * "not found" outside reach, forbidden otherwise). For a closed campaign: its stored signature and
 * whether the rebuilt report still matches it.
 */
export async function reviewReport(viewer: Viewer, reviewId: string): Promise<ReviewReport> {
  if (!(await mayReadWholeReview(viewer, reviewId)))
    throw new ForbiddenError("Only an administrator of the whole campaign may see its report.");
  const { facts, rows } = await unsafeReviewReportRows(reviewId.slice(0, 64));
  const { csv, digest, signature } = signedDigest(facts.id, rows);
  const closed = facts.status === "CLOSED";
  const stored = closed && facts.reportDigest && facts.reportSignature;
  const verified = !!stored && facts.reportDigest === digest && verifyReport(facts.id, digest, facts.reportSignature!);
  const shown = { digest, signature: stored ? facts.reportSignature! : signature, verified };
  return { csv, html: reviewHtml(facts, rows, shown), ...shown, closed };
}
