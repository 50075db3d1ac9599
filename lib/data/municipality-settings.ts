// A municipality's settings (issue 16): read and changed through the policies like any governed
// record. The row is found with accessibleBy(ability, "read").ofType("Municipality") and written
// with accessibleBy(ability, "update") in the WHERE; which settings a viewer may change is
// permittedFieldsOf on that very row (a municipality admin gets the fields municipality_admin.yaml
// lists for their own municipality; platform groups get all of them anywhere). A field outside
// that list is refused by name, never silently dropped. Every change is audited with the changed
// fields' before and after, in the write's transaction. Two municipalities never claim the same
// email domain: a database trigger refuses it, and that refusal becomes the field's message.
import "server-only";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { accessibleBy, subjectOf } from "@/lib/policy/casl";
import { MODEL_FIELDS } from "@/lib/policy/subjects";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, validationErrorOf } from "@/lib/errors";
import {
  SETTINGS_FIELDS,
  SETTINGS_LABELS,
  settingsInput,
  type SettingsField,
  type SettingsValues,
} from "@/lib/schemas/municipality-settings";
import type { Viewer } from "@/lib/identity/viewer";
import { permittedFields, project } from "./project";
import { assertAccessCurrent } from "./access-version";

const select = {
  id: true,
  slug: true,
  updatedAt: true,
  archivedAt: true,
  ...Object.fromEntries(SETTINGS_FIELDS.map((f) => [f, true])),
} as Record<SettingsField | "id" | "slug" | "updatedAt" | "archivedAt", true>;

type Row = Record<string, unknown> & { id: string; slug: string; updatedAt: Date };

export type MunicipalitySettingsView = {
  id: string;
  slug: string;
  /** The settings the viewer may read, as stored. */
  values: Partial<Record<SettingsField, unknown>>;
  /** The settings the viewer may change on this row (the form's fields); the others are shown read-only. */
  editable: SettingsField[];
  updatedAt: string;
};

function inReach(viewer: Viewer, action: "read" | "update", where: { slug?: string; id?: string }) {
  return { AND: [accessibleBy(viewer.ability, action).ofType("Municipality"), where] };
}

function editableOn(viewer: Viewer, row: Row): SettingsField[] {
  if (!viewer.ability.can("update", subjectOf("Municipality", row))) return [];
  const allowed = permittedFields(viewer.ability, "update", "Municipality", row, MODEL_FIELDS.Municipality);
  return SETTINGS_FIELDS.filter((f) => allowed.includes(f));
}

/** The settings page's data, or NotFoundError when the viewer may not read this municipality. */
export async function municipalitySettings(viewer: Viewer, slug: string): Promise<MunicipalitySettingsView> {
  const row = (await db.municipality.findFirst({
    where: inReach(viewer, "read", { slug: slug.slice(0, 64) }),
    select,
  })) as Row | null;
  if (!row) throw new NotFoundError();
  const readable = project(viewer.ability, "read", "Municipality", row, MODEL_FIELDS.Municipality);
  const values = Object.fromEntries(SETTINGS_FIELDS.filter((f) => f in readable).map((f) => [f, readable[f]]));
  return {
    id: row.id,
    slug: row.slug,
    values,
    editable: editableOn(viewer, row),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** `the email domain "x" is already claimed by municipality y` (the trigger in the console migration). */
const CLAIMED = /the email domain "([^"]+)" is already claimed/;

/**
 * Changes the settings in `raw` (the form's fields) on the municipality `municipalityId`. Refuses,
 * naming them, fields the schema does not know and fields the viewer may not change on this row;
 * `confirm` runs with the changed fields before anything is written (the action asks for a
 * recent sign-in there when a security setting changes). Returns the fields that changed.
 */
export async function updateMunicipalitySettings(
  viewer: Viewer,
  municipalityId: string,
  raw: unknown,
  opts: { expectedUpdatedAt?: string; confirm?: (changed: SettingsField[]) => Promise<void> } = {},
): Promise<{ changed: SettingsField[] }> {
  const before = (await db.municipality.findFirst({
    where: inReach(viewer, "read", { id: municipalityId.slice(0, 64) }),
    select,
  })) as Row | null;
  if (!before) throw new NotFoundError();
  const parsed = settingsInput.safeParse(raw);
  if (!parsed.success)
    throw validationErrorOf(parsed.error, {
      message: "Please correct the marked fields.",
      known: MODEL_FIELDS.Municipality,
    });
  const input = parsed.data as Partial<Record<SettingsField, unknown>>;
  const sent = Object.keys(input) as SettingsField[];
  const editable = editableOn(viewer, before);
  if (editable.length === 0) throw new ForbiddenError("You may read these settings but not change them.");
  const refused = sent.filter((f) => !editable.includes(f));
  if (refused.length)
    throw new ForbiddenError(
      `You may not change: ${refused.map((f) => `${SETTINGS_LABELS[f]} (${f})`).join(", ")}. Nothing was saved.`,
    );
  const changed = sent.filter((f) => !same(before[f], input[f]));
  if (changed.length === 0) return { changed };
  await opts.confirm?.(changed);
  const data = Object.fromEntries(changed.map((f) => [f, input[f]])) as SettingsValues;
  const version = opts.expectedUpdatedAt ? new Date(opts.expectedUpdatedAt) : before.updatedAt;
  const actorId = viewer.principal.kind === "user" ? viewer.principal.userId : null;
  try {
    await db.$transaction(async (tx) => {
      await assertAccessCurrent(tx, viewer);
      const res = await tx.municipality.updateMany({
        where: {
          AND: [accessibleBy(viewer.ability, "update").ofType("Municipality"), { id: before.id, updatedAt: version }],
        },
        data,
      });
      if (res.count !== 1)
        throw new ConflictError("Someone else changed these settings in the meantime. Reload the page and try again.");
      await recordAudit(tx, {
        action: "municipality.settings.update",
        actorId,
        actorType: viewer.principal.kind === "user" && viewer.principal.via === "token" ? "token" : "user",
        municipalityId: before.id,
        targetType: "Municipality",
        targetId: before.id,
        data: JSON.parse(
          JSON.stringify({
            changed: Object.fromEntries(changed.map((f) => [f, { from: before[f] ?? null, to: input[f] ?? null }])),
          }),
        ),
      });
    });
  } catch (e) {
    const claimed = e instanceof Error ? CLAIMED.exec(e.message) : null;
    if (!claimed) throw e;
    throw domainConflict(claimed[1]!, data);
  }
  return { changed };
}

/** The trigger's refusal as a message on the field that holds the domain (not naming the other municipality). */
function domainConflict(domain: string, data: SettingsValues): ValidationError {
  const field = (data.emailDomains ?? []).includes(domain) ? "emailDomains" : "selfRegistrationDomains";
  const message = `The domain ${domain} belongs to another municipality. Nothing was saved.`;
  return new ValidationError(message, { [field]: [message] });
}
