// Bulk invitations from a CSV upload (docs/requirements.md#staff-accounts at scale), in two steps:
// a preview says for every row what will happen (invite as these groups in that department) or
// why it is refused, in plain words, and writes nothing; sending re-checks the whole file on the
// server, refuses everything if the rows that would go out are no longer exactly the previewed
// ones, and then sends each row through the same createInvitation as the form (so the same rules
// and races apply per row). The batch's per-row report is kept as one audit event, so the page
// can show the last batches after a reload and the audit log has the whole story.
import "server-only";
import { parse } from "csv-parse/sync";
import { isAppError, NotFoundError, ValidationError } from "@/lib/errors";
import { db } from "@/lib/db";
import type { Viewer } from "@/lib/identity/viewer";
import { subjectOf } from "@/lib/policy/casl";
import { groupLabel } from "@/lib/policy/summary";
import { label } from "@/lib/records/labels";
import { ServiceCategory } from "@/lib/generated/prisma/enums";
import type { InvitationInput } from "@/lib/schemas/people";
import { checkInvitation, createInvitation } from "./invite";
import { grantableGroups, municipalityGroups, refuseSelfGrant } from "./grants";
import { actingUser, auditByUser } from "./membership-tx";
import { log } from "@/lib/ops/log";

/** One previewed row: what sending would do with it. Groups, department and categories by their labels. */
export type BulkRowPlan = {
  line: number;
  email: string;
  groups: string[];
  department: string | null;
  categories: string[];
  outcome: "invite" | "refused";
  reason?: string;
};
export type BulkPreview = { rows: BulkRowPlan[]; invitable: number; refused: number };
export type BulkRowResult = { line: number; email: string; outcome: "invited" | "refused"; reason?: string };
export type BulkBatch = { at: Date; by: string; rows: BulkRowResult[]; invited: number; refused: number };

export const BULK_EVENT = "invitation.bulk";
export const MAX_ROWS = 500;
export const MAX_BYTES = 256 * 1024;
export const CSV_COLUMNS = ["email", "groups", "department", "categories"] as const;

/** `self`: the inviter's own address, a refused self-grant that is audited when the batch is sent. */
type Planned = BulkRowPlan & { input?: InvitationInput; self?: boolean };

const selfTarget = (municipalityId: string, userId: string) => ({
  municipalityId,
  targetType: "User",
  targetId: userId,
});
const split = (s: string | undefined) =>
  (s ?? "")
    .split(/[;|]+/)
    .map((x) => x.trim())
    .filter(Boolean);

/** The file's rows, or a ValidationError naming what is wrong with the file as a whole. */
function readRows(csv: string): { line: number; r: Record<string, string> }[] {
  if (csv.length > MAX_BYTES)
    throw new ValidationError(`The file is larger than ${MAX_BYTES / 1024} KB; split it into smaller files.`);
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    // One line ending throughout: csv-parse takes the first one it meets as the file's, and a
    // file pasted together from the template (CRLF) and an editor (LF) mixes them.
    records = parse(csv.replace(/\r\n?/g, "\n"), {
      columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()),
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
      bom: true,
      comment: "#",
      comment_no_infix: true,
      info: true,
    });
  } catch (e) {
    throw new ValidationError(`This is not a readable CSV file (${(e as Error).message.slice(0, 160)}).`);
  }
  if (records.length === 0) throw new ValidationError("The file has no rows below its column names.");
  if (!("email" in records[0]!.record) || !("groups" in records[0]!.record))
    throw new ValidationError(
      `The first line must name the columns ${CSV_COLUMNS.join(",")}: download the template and fill it in.`,
    );
  if (records.length > MAX_ROWS)
    throw new ValidationError(`The file has ${records.length} rows; at most ${MAX_ROWS} per file.`);
  return records.map(({ record, info }) => ({ line: info.lines, r: record }));
}

/** A refusal from the invitation rules, as one sentence (field messages without field names). */
function reasonOf(e: unknown): string {
  if (!isAppError(e)) {
    log.error({ err: e }, "[bulk-invite] a row failed");
    return "Something went wrong with this row; nothing was sent for it.";
  }
  const fields = "fieldErrors" in e ? (e.fieldErrors as Record<string, string[] | undefined> | undefined) : undefined;
  const messages = [...new Set(Object.values(fields ?? {}).flatMap((m) => m ?? []))];
  return messages.length ? messages.join(" ") : e.message;
}

async function plan(viewer: Viewer, municipalityId: string, csv: string): Promise<Planned[]> {
  if (!viewer.ability.can("create", subjectOf("Invitation", { municipalityId }))) throw new NotFoundError();
  const rows = readRows(csv);
  const departments = await db.department.findMany({
    // Archived departments take no new people: a row naming one is refused as unknown.
    where: { municipalityId, archivedAt: null },
    select: { id: true, slug: true, name: true },
  });
  const known = municipalityGroups();
  const grantable = new Set(grantableGroups(viewer, municipalityId));
  const byLabel = new Map(known.flatMap((g) => [[g, g] as const, [groupLabel(g).toLowerCase(), g] as const]));
  const categories = Object.values(ServiceCategory);
  const own = actingUser(viewer).email.toLowerCase();
  const seen = new Map<string, number>();
  const out: Planned[] = [];
  for (const { line, r } of rows) {
    const email = (r.email ?? "").toLowerCase();
    const groupNames = split(r.groups).map((g) => byLabel.get(g.toLowerCase()) ?? g);
    const cats = split(r.categories).map(
      (c) => categories.find((k) => k === c.toUpperCase().replace(/\s+/g, "_") || label(k) === label(c)) ?? c,
    );
    const dept = r.department
      ? departments.find((d) => d.slug === r.department || d.name.toLowerCase() === r.department!.toLowerCase())
      : undefined;
    const row: Planned = {
      line,
      email,
      groups: groupNames.map((g) => (known.includes(g) ? groupLabel(g) : g)),
      department: dept?.name ?? r.department ?? null,
      categories: cats.map((c) => label(c)),
      outcome: "refused",
    };
    out.push(row);
    const unknownGroup = groupNames.find((g) => !known.includes(g));
    const ungrantable = groupNames.find((g) => known.includes(g) && !grantable.has(g));
    const unknownCategory = cats.find((c) => !categories.includes(c as ServiceCategory));
    const first = seen.get(email);
    if (email && first === undefined) seen.set(email, line);
    if (!email) row.reason = "No email address on this row.";
    else if (first !== undefined) row.reason = `Same address as line ${first}; it is invited once, from line ${first}.`;
    else if (groupNames.length === 0) row.reason = "No group: name at least one group in the groups column.";
    else if (unknownGroup) row.reason = `There is no group called "${unknownGroup}".`;
    else if (ungrantable) row.reason = `You may not grant the group ${groupLabel(ungrantable)}.`;
    else if (r.department && !dept) row.reason = `There is no department called "${r.department}".`;
    else if (unknownCategory) row.reason = `There is no category called "${unknownCategory}".`;
    if (row.reason) continue;
    const input = {
      email,
      groups: groupNames,
      departmentId: dept?.id,
      allowedCategories: cats as ServiceCategory[],
    };
    try {
      await checkInvitation(viewer, municipalityId, input);
      row.outcome = "invite";
      row.input = input;
    } catch (e) {
      if (e instanceof NotFoundError) throw e;
      row.reason = reasonOf(e);
      row.self = email === own;
    }
  }
  return out;
}

/** What sending this file would do, row by row. Writes nothing and sends nothing. */
export async function previewBulkInvite(viewer: Viewer, municipalityId: string, csv: string): Promise<BulkPreview> {
  const rows = (await plan(viewer, municipalityId, csv)).map(({ input: _input, ...row }) => row);
  const invitable = rows.filter((r) => r.outcome === "invite").length;
  return { rows, invitable, refused: rows.length - invitable };
}

/**
 * Sends the rows the preview showed as invitable. `expectedLines` are the preview's invitable
 * lines: if the file, the people or the rules changed so that the set differs, nothing is sent.
 * A row refused at the very moment of sending (a race) is reported as refused; the rest go out.
 */
export async function sendBulkInvite(
  viewer: Viewer,
  municipalityId: string,
  csv: string,
  expectedLines: number[],
): Promise<BulkBatch> {
  const me = actingUser(viewer);
  const planned = await plan(viewer, municipalityId, csv);
  const now = planned.filter((r) => r.outcome === "invite").map((r) => r.line);
  const want = [...new Set(expectedLines)].sort((a, b) => a - b);
  if (now.length === 0) throw new ValidationError("No row of this file can be invited; nothing was sent.");
  if (now.length !== want.length || now.some((l, i) => l !== want[i]))
    throw new ValidationError(
      "The file or the people in it changed since the preview, so nothing was sent. Preview the file again.",
    );
  const rows: BulkRowResult[] = [];
  for (const r of planned) {
    if (!r.input) {
      // Trying to invite oneself is recorded where the municipality's admins see it, as from the form.
      if (r.self)
        await refuseSelfGrant(me.userId, "invitation", selfTarget(municipalityId, me.userId), r.reason!).catch(
          () => undefined,
        );
      rows.push({ line: r.line, email: r.email, outcome: "refused", reason: r.reason });
      continue;
    }
    try {
      await createInvitation(viewer, municipalityId, r.input);
      rows.push({ line: r.line, email: r.email, outcome: "invited" });
    } catch (e) {
      rows.push({ line: r.line, email: r.email, outcome: "refused", reason: reasonOf(e) });
    }
  }
  const invited = rows.filter((r) => r.outcome === "invited").length;
  const batch = { rows, invited, refused: rows.length - invited };
  await db.$transaction((tx) =>
    auditByUser(tx, me, BULK_EVENT, { municipalityId, targetType: "Municipality", targetId: municipalityId }, batch),
  );
  return { ...batch, at: new Date(), by: me.name ?? me.email };
}

/** The municipality's last bulk batches with their per-row reports, newest first, for those who may invite there. */
export async function recentBulkBatches(viewer: Viewer, municipalityId: string, take = 3): Promise<BulkBatch[]> {
  if (!viewer.ability.can("create", subjectOf("Invitation", { municipalityId }))) return [];
  const events = await db.auditEvent.findMany({
    where: { municipalityId, action: BULK_EVENT },
    orderBy: { seq: "desc" },
    take,
    select: { at: true, actorId: true, data: true },
  });
  const actors = await db.user.findMany({
    where: { id: { in: events.map((e) => e.actorId).filter((x): x is string => !!x) } },
    select: { id: true, name: true, email: true },
  });
  return events.map((e) => {
    const d = e.data as Partial<Omit<BulkBatch, "at" | "by">>;
    const actor = actors.find((a) => a.id === e.actorId);
    return {
      at: e.at,
      by: actor?.name ?? actor?.email ?? "someone",
      rows: Array.isArray(d.rows) ? d.rows : [],
      invited: d.invited ?? 0,
      refused: d.refused ?? 0,
    };
  });
}

/** The template's text: the column names, then comment lines (ignored on upload) naming what may go in them. */
export function bulkTemplate(groups: { name: string; label: string }[], departments: { name: string }[]): string {
  const lines = [
    CSV_COLUMNS.join(","),
    "# One person per line below the column names; lines starting with # are ignored.",
    '# groups: one or more groups separated by ";", by name or label, e.g. viewer;operator',
    `# Groups you may grant: ${groups.map((g) => `${g.name} (${g.label})`).join(", ") || "none"}`,
    `# department (optional): ${departments.map((d) => d.name).join(", ") || "this municipality has no departments"}`,
    `# categories (optional, restricts operators): ${Object.values(ServiceCategory).join(";")}`,
    "# Example: alex.doe@example.org,viewer;operator,,ROADS;PARKS",
  ];
  return lines.join("\r\n") + "\r\n";
}
