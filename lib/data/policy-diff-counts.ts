// Record counts for a policy-change preview (lib/governance/policy-diff.ts): for one action on one
// record type, how many records the head ability reaches that the base ability did not (gained)
// and the other way round (lost), and per field on how many of the records reachable under both a
// field becomes visible or hidden. Counted by PostgreSQL, never by loading rows: every set is
// accessibleBy(ability, action).ofType(model) (or the same query over the rules of one field,
// fieldVisibleWhere), combined with AND / NOT and the municipality scope.
//
// The abilities are built by the preview from compiled policy sets, not a viewer's own: this
// module answers "how many", and a few example ids with their names, for the platform's preview
// (the console page gates who may ask) and the `npm run policy:diff` command line.
import "server-only";
import { db } from "@/lib/db";
import { accessibleBy, type AppAbility } from "@/lib/policy/casl";
import { MODEL_FIELDS, type Action, type ModelSubject } from "@/lib/policy/subjects";
import { fieldVisibleWhere, type QueryableModel } from "./scoped-records";

/** A Prisma where, or null: matches nothing (so the query need not run). */
type Where = Record<string, unknown> | null;

/**
 * accessibleBy's "no rule at all" is `{ OR: [] }`, which the CASL client extension turns into
 * "nothing" for the whole query — so a NOT around it would wrongly match nothing too. Normalise
 * it to null first, and `{}` (a rule without conditions) stays "everything".
 */
function normal(w: object): Where {
  const o = w as Record<string, unknown>;
  const keys = Object.keys(o);
  return keys.length === 1 && Array.isArray(o.OR) && o.OR.length === 0 ? null : o;
}

function and(...parts: Where[]): Where {
  if (parts.some((p) => p === null)) return null;
  const real = parts.filter((p) => Object.keys(p!).length > 0);
  return real.length === 0 ? {} : real.length === 1 ? real[0]! : { AND: real };
}

function not(w: Where): Where {
  if (w === null) return {};
  return Object.keys(w).length === 0 ? null : { NOT: w };
}

/** The model's rows in these municipalities; undefined when the model cannot be scoped to one. */
function scopeOf(model: ModelSubject, municipalityIds?: readonly string[]): Where | undefined {
  if (!municipalityIds) return {};
  if (model === "Municipality") return { id: { in: [...municipalityIds] } };
  if ((MODEL_FIELDS[model] as readonly string[]).includes("municipalityId"))
    return { municipalityId: { in: [...municipalityIds] } };
  return undefined;
}

/**
 * The record types a preview counts: every model a policy speaks of (Statistics is an aggregate,
 * not rows). With a municipality scope, only those whose rows belong to a municipality.
 */
export function countedSubjects(municipalityIds?: readonly string[]): ModelSubject[] {
  return (Object.keys(MODEL_FIELDS) as ModelSubject[]).filter((m) => scopeOf(m, municipalityIds) !== undefined);
}

type Row = Record<string, unknown>;
type Delegate = {
  count(args: object): Promise<number>;
  findMany(args: object): Promise<Row[]>;
};

function delegateOf(model: ModelSubject): Delegate {
  const name = model[0]!.toLowerCase() + model.slice(1);
  return (db as unknown as Record<string, Delegate>)[name]!;
}

/** How an example record is named in the report: its reference, title, name — never just an id when it has a name. */
const NAMES: Partial<Record<ModelSubject, { select: Record<string, unknown>; name: (r: Row) => string }>> = {
  ServiceRequest: { select: { reference: true, title: true }, name: (r) => `${r.reference} — ${r.title}` },
  HeritageSite: { select: { name: true }, name: (r) => String(r.name) },
  Document: { select: { title: true }, name: (r) => String(r.title) },
  Municipality: { select: { name: true }, name: (r) => String(r.name) },
  Department: { select: { name: true }, name: (r) => String(r.name) },
  Membership: { select: { user: { select: { email: true } } }, name: (r) => String((r.user as Row).email) },
  AccessReviewItem: { select: { groups: true }, name: (r) => `review of ${(r.groups as string[]).join(", ")}` },
  Invitation: { select: { email: true }, name: (r) => String(r.email) },
  ApiToken: { select: { name: true }, name: (r) => String(r.name) },
  User: { select: { email: true }, name: (r) => String(r.email) },
  SsoConnection: { select: { displayName: true }, name: (r) => String(r.displayName) },
  RequestTag: { select: { label: true }, name: (r) => String(r.label) },
  Service: { select: { name: true }, name: (r) => String(r.name) },
  AccessReview: { select: { name: true }, name: (r) => String(r.name) },
  AuditEvent: { select: { action: true }, name: (r) => String(r.action) },
};

export type ExampleRecord = { id: string; name: string; change: "gained" | "lost" | "fields" };

async function count(model: ModelSubject, where: Where): Promise<number> {
  return where === null ? 0 : delegateOf(model).count({ where });
}

async function examples(
  model: ModelSubject,
  where: Where,
  take: number,
  change: ExampleRecord["change"],
): Promise<ExampleRecord[]> {
  if (where === null || take <= 0) return [];
  const named = NAMES[model];
  const rows = await delegateOf(model).findMany({
    where,
    select: { id: true, ...named?.select },
    orderBy: { id: "asc" },
    take,
  });
  return rows.map((r) => ({ id: String(r.id), name: named ? named.name(r) : String(r.id), change }));
}

export type CountOptions = { municipalityIds?: readonly string[]; examples?: number };

/** One side's reach: the rows `ability` may `action`, as a where (null: none). */
function reach(ability: AppAbility, action: Action, model: ModelSubject): Where {
  return normal(accessibleBy(ability, action).ofType(model as QueryableModel));
}

/** Records of `model` the head reaches for `action` and the base does not (gained), and the reverse (lost). */
export async function recordChange(
  model: ModelSubject,
  action: Action,
  base: AppAbility,
  head: AppAbility,
  opts: CountOptions = {},
): Promise<{ gained: number; lost: number; examples: ExampleRecord[] }> {
  const scope = scopeOf(model, opts.municipalityIds) ?? null;
  const b = reach(base, action, model);
  const h = reach(head, action, model);
  const gainedWhere = and(scope, h, not(b));
  const lostWhere = and(scope, b, not(h));
  const [gained, lost] = await Promise.all([count(model, gainedWhere), count(model, lostWhere)]);
  const take = opts.examples ?? 3;
  const shown = [
    ...(gained ? await examples(model, gainedWhere, take, "gained") : []),
    ...(lost ? await examples(model, lostWhere, take, "lost") : []),
  ];
  return { gained, lost, examples: shown };
}

/**
 * On records both sides reach for `action`: how many show `field` under the head and not the base
 * (shown), and the reverse (hidden). Records gained or lost as a whole are recordChange's.
 */
export async function fieldChange(
  model: ModelSubject,
  action: Action,
  field: string,
  base: AppAbility,
  head: AppAbility,
  opts: CountOptions = {},
): Promise<{ shown: number; hidden: number; examples: ExampleRecord[] }> {
  const scope = scopeOf(model, opts.municipalityIds) ?? null;
  const both = and(scope, reach(base, action, model), reach(head, action, model));
  const b = normal(fieldVisibleWhere(base, action, model, field));
  const h = normal(fieldVisibleWhere(head, action, model, field));
  const shownWhere = and(both, h, not(b));
  const hiddenWhere = and(both, b, not(h));
  const [shown, hidden] = await Promise.all([count(model, shownWhere), count(model, hiddenWhere)]);
  const take = opts.examples ?? 3;
  const first = shown ? shownWhere : hidden ? hiddenWhere : null;
  return { shown, hidden, examples: first ? await examples(model, first, take, "fields") : [] };
}

/** Municipality ids → slug and name, for the report's headings (a preview is a platform view). */
export async function municipalityNames(ids: readonly string[]): Promise<Map<string, { slug: string; name: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await db.municipality.findMany({
    where: { id: { in: [...ids] } },
    select: { id: true, slug: true, name: true },
  });
  return new Map(rows.map((r) => [r.id, { slug: r.slug, name: r.name }]));
}
