// A record by the name people see — a request's reference (RIV-00045), a heritage site's name, a
// document's title: the field their lists link with (lib/records) — or by its id, or a pasted
// address ending in the id. Scoped like every read: the caller's own ability and the municipality
// in the query, so another municipality's record, or one outside the caller's reach, is the same
// "no such record" as one that does not exist. Returns the whole row, for explaining a decision
// about it (lib/people/explain.ts); never handed to a page.
import "server-only";
import { ValidationError } from "@/lib/errors";
import { RECORD_TYPES, type RecordModel } from "@/lib/records";
import { delegateOf, readableRowIn, scopedWhere } from "./scoped-records";
import type { Viewer } from "@/lib/identity/viewer";

type Row = Record<string, unknown>;

/** The field a type's list links with: what people call a record by. */
export function namingField(model: RecordModel): string {
  return RECORD_TYPES[model].list.columns.find((c) => c.link)?.field ?? "id";
}

/** "https://…/w/riverton/requests/ck…?x" → "ck…"; anything else as typed, trimmed. */
function lastSegment(text: string): string {
  const path = text.trim().split(/[?#]/)[0]!;
  return path.includes("/") ? (path.split("/").filter(Boolean).at(-1) ?? "") : path;
}

/** Empty, too long, or holding a NUL byte (PostgreSQL refuses it in text): no record is called that. */
function plausible(typed: string): boolean {
  return typed.length > 0 && typed.length <= 200 && !typed.includes("\u0000");
}

export async function findReadableRecord(
  viewer: Viewer,
  model: RecordModel,
  reference: string,
  municipalityId: string,
): Promise<Row | null> {
  const typed = reference.trim();
  if (!plausible(typed)) return null;
  const byId = await readableRowIn(viewer, model, lastSegment(typed), municipalityId);
  if (byId) return byId;
  const field = namingField(model);
  const rows = await delegateOf(model).findMany({
    where: scopedWhere(viewer, "read", model, {
      municipalityId,
      [field]: { equals: typed, mode: "insensitive" },
    }),
    take: 2,
  });
  if (rows.length > 1) {
    const { one } = RECORD_TYPES[model].names;
    throw new ValidationError(`More than one ${one} is called "${typed}"; give its id (the end of its address).`, {
      recordId: [`more than one ${one} is called that`],
    });
  }
  return rows[0] ?? null;
}

/** The same lookup without a caller's scope: for the operator's command line only (scripts/policy-explain.ts). */
export async function unsafeFindRecord(model: RecordModel, reference: string, municipalityId?: string) {
  const typed = reference.trim();
  if (!plausible(typed)) return null;
  const d = delegateOf(model);
  const id = lastSegment(typed);
  const byId = /^[A-Za-z0-9_-]{1,64}$/.test(id) ? await d.findFirst({ where: { id } }) : null;
  if (byId) return byId;
  const rows = await d.findMany({
    where: {
      ...(municipalityId ? { municipalityId } : {}),
      [namingField(model)]: { equals: typed, mode: "insensitive" },
    },
    take: 2,
  });
  if (rows.length > 1)
    throw new ValidationError(`More than one record is called "${typed}"; give --municipality or the id.`);
  return rows[0] ?? null;
}
