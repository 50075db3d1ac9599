// A request's timeline, read and written through the policies. Writes: every change of a request
// through lib/data's update path (./record-store.ts) gets its entries here, in the change's own
// transaction — STATUS_CHANGED (with the optional reason, which the public reads as part of the
// status history), ASSIGNED, TAGS_CHANGED, the isPublic copy on the entries and photos — and every
// create its CREATED. Notes and public comments are authored entries: who may write which kind is
// policy (create on RequestEvent, `kind` conditions in the group files). Reads go through a
// request the viewer may read first, then accessibleBy on RequestEvent with per-row projection.
// The flow layer hears of each entry through `onEntry` (followers' mails, lib/flows), so lib/data
// stays below it.
import "server-only";
import { db } from "@/lib/db";
import { accessibleBy, subjectOf } from "@/lib/policy/casl";
import { MODEL_FIELDS } from "@/lib/policy/subjects";
import { recordAudit } from "@/lib/audit/record";
import { ForbiddenError } from "@/lib/errors";
import type { RequestEventKind, ServiceRequestStatus } from "@/lib/generated/prisma/enums";
import type { Viewer } from "@/lib/identity/viewer";
import { appendRequestEvent, syncRequestVisibility, type NewRequestEvent, type RequestRef } from "./request-events";
import { actorOf, loadInReach, type Actor, type InTransaction } from "./scoped-records";
import { assertAccessCurrent } from "./access-version";
import { project } from "./project";
import { anonymousViewer } from "./anonymous-viewer";
import type { DataTx } from "./tx";

type Tx = DataTx;
type Row = Record<string, unknown>;

/** The kinds a person writes themselves; the others follow from a change. */
export const AUTHORED_KINDS = ["INTERNAL_NOTE", "PUBLIC_COMMENT"] as const satisfies readonly RequestEventKind[];
export type AuthoredKind = (typeof AUTHORED_KINDS)[number];
export type AuthoredEntry = { kind: AuthoredKind; body: string };

/** Told of every entry written, inside its transaction (lib/flows queues followers' mails). */
export type EntryHook = (
  tx: Tx,
  request: RequestRef,
  entry: { id: string; kind: RequestEventKind; createdAt: Date },
) => Promise<void>;

/** What a caller adds to a change: the status change's reason, notes or comments, the flow's hook. */
export type TimelineOptions = {
  reason?: string | null;
  entries?: readonly AuthoredEntry[];
  onEntry?: EntryHook;
  /** Runs once the change has committed (the flow kicks the mail queue for the mails it queued). */
  afterCommit?: () => Promise<void>;
};

const refOf = (row: Row): RequestRef => ({
  id: String(row.id),
  municipalityId: String(row.municipalityId),
  isPublic: row.isPublic === true,
  reporterUserId: typeof row.reporterUserId === "string" ? row.reporterUserId : null,
});

/** The subject a policy decides an authored entry on (the row it would be). */
function entrySubject(request: RequestRef, kind: RequestEventKind) {
  return subjectOf("RequestEvent", {
    municipalityId: request.municipalityId,
    requestId: request.id,
    kind,
    onPublicRequest: request.isPublic,
    reporterUserId: request.reporterUserId,
  });
}

/** The authored kinds the viewer may write on this request (the form offers only these). */
export function writableKinds(viewer: Viewer, request: Row): AuthoredKind[] {
  const ref = refOf(request);
  return AUTHORED_KINDS.filter((k) => viewer.ability.can("create", entrySubject(ref, k)));
}

function assertMayWrite(viewer: Viewer, request: RequestRef, kind: AuthoredKind) {
  if (!viewer.ability.can("create", entrySubject(request, kind)))
    throw new ForbiddenError(
      kind === "INTERNAL_NOTE" ? "You may not write internal notes here." : "You may not write public comments here.",
    );
}

async function write(tx: Tx, request: RequestRef, event: NewRequestEvent, onEntry?: EntryHook): Promise<string> {
  const entry = await appendRequestEvent(tx, request, event);
  await onEntry?.(tx, request, entry);
  return entry.id;
}

async function tagLabels(tx: Tx, municipalityId: string, ids: unknown): Promise<string> {
  const list = Array.isArray(ids) ? ids.filter((x): x is string => typeof x === "string") : [];
  if (!list.length) return "";
  const tags = await tx.requestTag.findMany({ where: { municipalityId, id: { in: list } }, select: { label: true } });
  return tags
    .map((t) => t.label)
    .sort()
    .join(", ");
}

async function writeAuthored(
  tx: Tx,
  viewer: Viewer,
  request: RequestRef,
  actor: Actor,
  entries: readonly AuthoredEntry[],
  onEntry?: EntryHook,
) {
  const ids: string[] = [];
  for (const e of entries) {
    assertMayWrite(viewer, request, e.kind);
    ids.push(await write(tx, request, { kind: e.kind, authorId: actor.actorId, body: e.body }, onEntry));
  }
  return ids;
}

/** The timeline writes of a service request's create and update, for ./record-store.ts. */
export function requestTimelineWrites(viewer: Viewer, opts: TimelineOptions = {}): InTransaction {
  return {
    async afterCreate(tx, { id, actor }) {
      const row = await tx.serviceRequest.findUniqueOrThrow({
        where: { id },
        select: { id: true, municipalityId: true, isPublic: true, reporterUserId: true },
      });
      await write(tx, refOf(row), { kind: "CREATED", authorId: actor.actorId }, opts.onEntry);
    },
    async afterUpdate(tx, { before, after, changed, actor }) {
      const request = refOf(after);
      const authorId = actor.actorId;
      // The copies first, so the entries written below carry the new visibility too.
      if (changed.includes("isPublic")) await syncRequestVisibility(tx, request.id, request.isPublic);
      if (changed.includes("status"))
        await write(
          tx,
          request,
          {
            kind: "STATUS_CHANGED",
            authorId,
            fromStatus: before.status as ServiceRequestStatus,
            toStatus: after.status as ServiceRequestStatus,
            body: opts.reason?.trim() || null,
          },
          opts.onEntry,
        );
      if (changed.includes("assigneeId"))
        await write(
          tx,
          request,
          { kind: "ASSIGNED", authorId, assigneeId: (after.assigneeId as string | null) ?? null },
          opts.onEntry,
        );
      if (changed.includes("tags"))
        await write(
          tx,
          request,
          { kind: "TAGS_CHANGED", authorId, body: await tagLabels(tx, request.municipalityId, after.tags) },
          opts.onEntry,
        );
      await writeAuthored(tx, viewer, request, actor, opts.entries ?? [], opts.onEntry);
    },
  };
}

/**
 * Notes or comments on a request the viewer may read, without changing the request: one
 * transaction with its audit event (which names the kind, never the text).
 */
export async function addRequestEntries(
  viewer: Viewer,
  requestId: string,
  entries: readonly AuthoredEntry[],
  opts: { within?: { municipalityId?: string }; onEntry?: EntryHook } = {},
): Promise<string[]> {
  const request = refOf(await loadInReach(viewer, "ServiceRequest", requestId, "read", opts.within));
  for (const e of entries) assertMayWrite(viewer, request, e.kind);
  const actor = actorOf(viewer);
  return db.$transaction(async (tx) => {
    await assertAccessCurrent(tx, viewer);
    const ids = await writeAuthored(tx, viewer, request, actor, entries, opts.onEntry);
    await recordAudit(tx, {
      action: "ServiceRequest.entry",
      ...actor,
      municipalityId: request.municipalityId,
      targetType: "ServiceRequest",
      targetId: request.id,
      data: { kinds: entries.map((e) => e.kind) },
    });
    return ids;
  });
}

/** The request, if the viewer may read it (else NotFoundError): a route checks reach before the body. */
export async function assertRequestInReach(viewer: Viewer, requestId: string): Promise<void> {
  await loadInReach(viewer, "ServiceRequest", requestId, "read");
}

/** One entry as the viewer may read it: fields the policy withholds are absent. */
export type TimelineEntry = NewRequestEvent & {
  id: string;
  createdAt: Date;
  /** Whether the public group's policy shows this entry (on the public request page, to followers). */
  seenByPublic: boolean;
};

/** At most this many entries are read at once (oldest first). */
export const TIMELINE_LIMIT = 500;

/**
 * A request's entries, oldest first: the request must be one the viewer may read (in the given
 * municipality), then only the entries and fields the viewer's RequestEvent rules grant.
 */
export async function requestTimeline(
  viewer: Viewer,
  requestId: string,
  within: { municipalityId?: string } = {},
): Promise<TimelineEntry[]> {
  const request = await loadInReach(viewer, "ServiceRequest", requestId, "read", within);
  const rows = await db.requestEvent.findMany({
    where: { AND: [accessibleBy(viewer.ability, "read").ofType("RequestEvent"), { requestId: String(request.id) }] },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: TIMELINE_LIMIT,
  });
  const fields = MODEL_FIELDS.RequestEvent;
  const pub = (await anonymousViewer()).ability;
  return rows.map((r) => ({
    ...(project(viewer.ability, "read", "RequestEvent", r as unknown as Row, fields) as Omit<
      TimelineEntry,
      "seenByPublic"
    >),
    seenByPublic: pub.can("read", subjectOf("RequestEvent", r as unknown as Row)),
  }));
}
