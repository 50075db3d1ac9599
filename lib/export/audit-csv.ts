// The audit log as CSV (/admin/<slug>/audit/export, /platform/audit/export): exactly what the
// page's filters match — the same parse of the same query (lib/data/audit-log.ts) — with times in
// the log's zone and in UTC, the action's label and the event's sentence as plain text.
import "server-only";
import type { Viewer } from "@/lib/identity/viewer";
import { allAuditRows, auditLog, localTime, platformAuditLog, sentenceText } from "@/lib/data/audit-log";
import { toCsv } from "./csv";

/**
 * The CSV of exactly what the filters match (the same parse as the page: `input` is the page's
 * query without its page number), at most 100 000 events. `municipalityId` null: the platform log.
 */
export async function auditCsv(viewer: Viewer, municipalityId: string | null, input: unknown): Promise<string> {
  const log =
    municipalityId === null ? await platformAuditLog(viewer, input) : await auditLog(viewer, municipalityId, input);
  const rows: Record<string, unknown>[] = [];
  for await (const r of allAuditRows(log)) {
    const at = r.at ? new Date(r.at) : null;
    rows.push({
      Event: r.seq,
      When: at ? localTime(at, r.timeZone) : "",
      "When (UTC)": r.at ?? "",
      Action: r.actionLabel,
      "What happened": sentenceText(r.sentence),
      ...("municipality" in r ? { Municipality: r.municipality ?? "none (account)" } : {}),
      "Action code": r.action ?? "",
    });
  }
  const columns = [
    "Event",
    "When",
    "When (UTC)",
    "Action",
    "What happened",
    ...(municipalityId === null ? ["Municipality"] : []),
    "Action code",
  ];
  return toCsv(rows, columns);
}
