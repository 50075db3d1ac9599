// The workspace actions of every registered record type (create, update, archive), declared
// once with the action client: identity from the session, the municipality from the slug through
// the person's own workspace, the record type's write schema on what was typed, then lib/data —
// which checks the ability on the record and on every field, with the record looked up inside
// that municipality. app/w/[slug]/actions.ts exports one of each per type under its own name.
import "server-only";
import { z } from "zod";
import { defineAction } from "@/lib/actions/action-client";
import { recordsOf } from "@/lib/data/record-store";
import { writeSchema, type RecordModel } from "@/lib/records";
import type { ActionResult } from "@/lib/action-result";
import { requestTimeline } from "@/lib/flows/request-casework";

const slug = z.string().max(64);
const id = z.string().min(1).max(64);
/** What a record form sends: its place (hidden) and the typed `values`. */
const envelope = z.object({
  slug,
  id: id.optional(),
  expectedUpdatedAt: z.iso.datetime().optional(),
  values: z.unknown(),
});
const withId = envelope.extend({ id });

export type RecordFormResult = Promise<ActionResult<{ id: string }>>;

export function recordActions<M extends RecordModel>(model: M) {
  const records = recordsOf(model);
  const { def } = records;
  const listPath = (s: string) => `/w/${s}/${def.paths.page}`;
  const createInput = writeSchema(def, "create").omit({ municipalityId: true });

  const create = defineAction(
    {
      who: "workspace",
      scope: envelope,
      inner: "values",
      input: createInput,
      revalidate: ({ ws }) => listPath(ws.municipality.slug),
    },
    async ({ viewer, ws, input }): Promise<ActionResult<{ id: string }>> => {
      const created = await records.create(viewer, { ...input, municipalityId: ws.municipality.id }, requestTimeline);
      return { ok: true, message: def.names.createdMessage?.(created) ?? "Created.", data: { id: created.id } };
    },
  );

  const update = defineAction(
    {
      who: "workspace",
      scope: withId,
      inner: "values",
      input: writeSchema(def, "update"),
      revalidate: ({ ws, scope }) => [listPath(ws.municipality.slug), `${listPath(ws.municipality.slug)}/${scope.id}`],
    },
    async ({ viewer, ws, scope, input }): Promise<ActionResult<{ id: string }>> => {
      const expected = scope.expectedUpdatedAt ? new Date(scope.expectedUpdatedAt) : undefined;
      // Types with a timeline get its entries (and the followers' mails) with the change.
      await records.update(viewer, scope.id, input, expected, { municipalityId: ws.municipality.id }, requestTimeline);
      return { ok: true, message: "Saved.", data: { id: scope.id } };
    },
  );

  const archive = defineAction(
    {
      who: "workspace",
      form: true,
      scope: z.object({ slug, id }),
      revalidate: ({ ws }) => listPath(ws.municipality.slug),
    },
    async ({ viewer, ws, scope }): Promise<ActionResult> => {
      await records.archive(viewer, scope.id, { municipalityId: ws.municipality.id });
      return { ok: true, message: def.archive?.done ?? "Archived." };
    },
  );

  return {
    create: (raw: unknown) => create(raw),
    update: (raw: unknown) => update(raw),
    archive: (_prev: ActionResult | null, form: FormData) => archive(form),
  };
}
