// A municipality's own request tags (issue 18; seed 000's "add notes and tags to submissions"),
// through the RequestTag subject of the policies: listed, added, renamed, archived and restored —
// never deleted (municipality_admin.yaml: `cannot delete RequestTag`; there is no delete here).
// Reads are scoped by accessibleBy(ability, "read").ofType("RequestTag"), writes put
// accessibleBy(ability, "update") in their WHERE and are audited in the same transaction. A
// request holds tag ids (ServiceRequest.tags); lib/data accepts only its municipality's tags that
// are not archived (assertTagsUsable), and an archived tag stays on the requests that have it.
import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { accessibleBy, subjectOf } from "@/lib/policy/casl";
import { ConflictError, ForbiddenError, NotFoundError, parseFormInput, ValidationError } from "@/lib/errors";
import type { Viewer } from "@/lib/identity/viewer";
import { listEntryName } from "@/lib/schemas/municipality-settings";
import { assertAccessCurrent } from "./access-version";

export type RequestTagRow = { id: string; label: string; archivedAt: Date | null; requests: number };
export type TagChoice = { id: string; label: string; archived: boolean };

export const tagInput = z.object({ label: listEntryName("tag", 40) }).strict();

const inReach = (viewer: Viewer, action: "read" | "update", where: object) => ({
  AND: [accessibleBy(viewer.ability, action).ofType("RequestTag"), where],
});

/** The municipality's tags the viewer may read (archived ones too, marked), by name. */
export async function tagChoices(viewer: Viewer, municipalityId: string): Promise<TagChoice[]> {
  const rows = await db.requestTag.findMany({
    where: inReach(viewer, "read", { municipalityId }),
    select: { id: true, label: true, archivedAt: true },
    orderBy: { label: "asc" },
  });
  return rows.map((t) => ({ id: t.id, label: t.label, archived: !!t.archivedAt }));
}

/** Tag ids → their names, as far as the viewer may read the tags; others drop out. */
export function tagLabelsOf(choices: readonly TagChoice[], ids: unknown): string[] {
  const byId = new Map(choices.map((t) => [t.id, t.label]));
  return (Array.isArray(ids) ? ids : []).flatMap((id) => (byId.has(String(id)) ? [byId.get(String(id))!] : []));
}

/**
 * The administration list: every tag with how many requests the viewer may read carry it, and
 * what the viewer may do. NotFoundError for someone who may not read the municipality's tags.
 */
export async function listRequestTags(
  viewer: Viewer,
  municipalityId: string,
): Promise<{ rows: RequestTagRow[]; canCreate: boolean; canUpdate: boolean }> {
  const here = subjectOf("RequestTag", { municipalityId });
  if (!viewer.ability.can("read", here)) throw new NotFoundError();
  const tags = await db.requestTag.findMany({
    where: inReach(viewer, "read", { municipalityId }),
    select: { id: true, label: true, archivedAt: true },
    orderBy: [{ archivedAt: { sort: "desc", nulls: "first" } }, { label: "asc" }],
  });
  const counts = await Promise.all(
    tags.map((t) =>
      db.serviceRequest.count({
        where: { AND: [accessibleBy(viewer.ability, "read").ofType("ServiceRequest"), { tags: { has: t.id } }] },
      }),
    ),
  );
  return {
    rows: tags.map((t, i) => ({ ...t, requests: counts[i]! })),
    canCreate: viewer.ability.can("create", here),
    canUpdate: viewer.ability.can("update", here),
  };
}

function actorOf(viewer: Viewer) {
  if (viewer.principal.kind !== "user") throw new ForbiddenError();
  return { actorId: viewer.principal.userId, actorType: "user" as const };
}

const taken = () => {
  const message = "Another tag here already has this name.";
  return new ValidationError(message, { label: [message] });
};

/** Another tag of the municipality with this name, in any case (the unique index is case-sensitive). */
async function nameClash(tx: Pick<typeof db, "requestTag">, municipalityId: string, label: string, except?: string) {
  const hit = await tx.requestTag.findFirst({
    where: {
      municipalityId,
      label: { equals: label, mode: "insensitive" },
      ...(except ? { id: { not: except } } : {}),
    },
    select: { id: true },
  });
  if (hit) throw taken();
}

/** One tag of the municipality the viewer may read, whole; else NotFoundError. */
async function tagInReach(viewer: Viewer, municipalityId: string, id: string) {
  const where = inReach(viewer, "read", { municipalityId, id: id.slice(0, 64) });
  return (await db.requestTag.findFirst({ where })) ?? Promise.reject(new NotFoundError());
}

/** A new tag of the municipality; audited. */
export async function createRequestTag(viewer: Viewer, municipalityId: string, raw: unknown): Promise<{ id: string }> {
  const actor = actorOf(viewer);
  if (!viewer.ability.can("create", subjectOf("RequestTag", { municipalityId }))) throw new NotFoundError();
  const { label } = parseFormInput(tagInput, raw);
  return db.$transaction(async (tx) => {
    await assertAccessCurrent(tx, viewer);
    await nameClash(tx, municipalityId, label);
    const made = await tx.requestTag.create({ data: { municipalityId, label }, select: { id: true } });
    await recordAudit(tx, {
      action: "tag.create",
      ...actor,
      municipalityId,
      targetType: "RequestTag",
      targetId: made.id,
      data: { label },
    });
    return made;
  });
}

/**
 * Renames a tag (`label`) or archives/restores it (`archived`), with the ability's update scope in
 * the WHERE; a change that changes nothing writes nothing.
 */
export async function changeRequestTag(
  viewer: Viewer,
  municipalityId: string,
  id: string,
  change: { label: unknown } | { archived: boolean },
): Promise<void> {
  const tag = await tagInReach(viewer, municipalityId, id);
  const actor = actorOf(viewer);
  const renaming = "label" in change;
  const label = renaming ? parseFormInput(tagInput, { label: change.label }).label : tag.label;
  if (!viewer.ability.can("update", subjectOf("RequestTag", tag), renaming ? "label" : "archivedAt"))
    throw new ForbiddenError("You may not change this tag.");
  if (renaming ? label === tag.label : !!tag.archivedAt === change.archived) return;
  await db.$transaction(async (tx) => {
    await assertAccessCurrent(tx, viewer);
    if (renaming) await nameClash(tx, municipalityId, label, tag.id);
    const res = await tx.requestTag.updateMany({
      where: inReach(viewer, "update", { id: tag.id, municipalityId }),
      data: renaming ? { label } : { archivedAt: change.archived ? new Date() : null },
    });
    if (res.count !== 1) throw new ConflictError("This tag changed meanwhile. Reload and try again.");
    await recordAudit(tx, {
      action: renaming ? "tag.rename" : change.archived ? "tag.archive" : "tag.restore",
      ...actor,
      municipalityId,
      targetType: "RequestTag",
      targetId: tag.id,
      data: renaming ? { label: { from: tag.label, to: label } } : { label: tag.label },
    });
  });
}

/**
 * A request's tags must be its own municipality's and not archived — except those it already
 * has (`keep`): an archived tag stays on its requests. Without this a form could put another
 * municipality's tag on a request by id.
 */
export async function assertTagsUsable(municipalityId: string, tags: unknown, keep: unknown): Promise<void> {
  const kept = new Set(Array.isArray(keep) ? keep.map(String) : []);
  const wanted = (Array.isArray(tags) ? tags.map(String) : []).filter((t) => !kept.has(t));
  if (!wanted.length) return;
  const usable = await db.requestTag.count({
    where: { id: { in: wanted }, municipalityId, archivedAt: null },
  });
  if (usable !== wanted.length) {
    const message = "Choose tags of this municipality that are in use.";
    throw new ValidationError(message, { tags: [message] });
  }
}
