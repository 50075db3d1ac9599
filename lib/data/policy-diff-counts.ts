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

export type CountOptions = {
  municipalityIds?: readonly string[];
  examples?: number;
  /** Counts already made in this preview, by model and query: many pairs ask the same ones. */
  cache?: Map<string, Promise<number>>;
};

function count(model: ModelSubject, where: Where, opts: CountOptions): Promise<number> {
  if (where === null) return Promise.resolve(0);
  const key = `${model}|${JSON.stringify(where)}`;
  let hit = opts.cache?.get(key);
  if (!hit) {
    hit = delegateOf(model).count({ where });
    opts.cache?.set(key, hit);
  }
  return hit;
}

/**
 * |A \ B| as |A| − |A ∧ B|. Not `A AND NOT B`: SQL's NOT leaves out the rows where B is unknown
 * (a condition on a column that is NULL there), so "reached before" and "not reached before"
 * would not add up. Both counts are exactly what accessibleBy's query returns in the app.
 */
async function difference(model: ModelSubject, a: Where, b: Where, opts: CountOptions): Promise<number> {
  const [all, common] = await Promise.all([count(model, a, opts), count(model, and(a, b), opts)]);
  return all - common;
}

const NAME_OF = (model: ModelSubject, r: Row) => {
  const named = NAMES[model];
  return named ? named.name(r) : String(r.id);
};

/**
 * A few records in `a` and not in `b`, by id. Candidates come from `a AND NOT b` (fast, but it
 * misses rows where b is unknown), then from `a` itself, and each candidate's membership of `b`
 * is asked of the database: an example is never a record that did not change.
 */
async function examples(
  model: ModelSubject,
  a: Where,
  b: Where,
  take: number,
  change: ExampleRecord["change"],
): Promise<ExampleRecord[]> {
  if (a === null || take <= 0) return [];
  const select = { id: true, ...NAMES[model]?.select };
  const found: Row[] = [];
  for (const where of [and(a, not(b)), a]) {
    if (where === null || found.length >= take) continue;
    const rows = await delegateOf(model).findMany({ where, select, orderBy: { id: "asc" }, take: take * 20 });
    const candidates = rows.filter((r) => !found.some((f) => f.id === r.id));
    const inB =
      b === null || candidates.length === 0
        ? new Set<unknown>()
        : new Set(
            (
              await delegateOf(model).findMany({
                where: and(b, { id: { in: candidates.map((r) => r.id) } }),
                select: { id: true },
              })
            ).map((r) => r.id),
          );
    found.push(...candidates.filter((r) => !inB.has(r.id)).slice(0, take - found.length));
  }
  return found.map((r) => ({ id: String(r.id), name: NAME_OF(model, r), change }));
}

/** One side's reach: the rows `ability` may `action`, as a where (null: none). */
function reach(ability: AppAbility, action: Action, model: ModelSubject): Where {
  return normal(accessibleBy(ability, action).ofType(model as QueryableModel));
}

/**
 * Without `field`: records of `model` the head reaches for `action` and the base does not (plus:
 * gained), and the reverse (minus: lost). With `field`: on the records both reach, those that show
 * the field under the head and not the base (plus: shown), and the reverse (minus: hidden) —
 * records gained or lost as a whole are the first question's.
 */
export async function accessChange(
  model: ModelSubject,
  action: Action,
  base: AppAbility,
  head: AppAbility,
  opts: CountOptions & { field?: string } = {},
): Promise<{ plus: number; minus: number; examples: ExampleRecord[] }> {
  const scope = scopeOf(model, opts.municipalityIds) ?? null;
  let b = and(scope, reach(base, action, model));
  let h = and(scope, reach(head, action, model));
  if (opts.field !== undefined) {
    const both = and(b, h);
    b = and(both, normal(fieldVisibleWhere(base, action, model, opts.field)));
    h = and(both, normal(fieldVisibleWhere(head, action, model, opts.field)));
  }
  const [plus, minus] = await Promise.all([difference(model, h, b, opts), difference(model, b, h, opts)]);
  const take = opts.examples ?? 3;
  const kind = (k: "gained" | "lost") => (opts.field === undefined ? k : "fields");
  const shown = plus ? await examples(model, h, b, take, kind("gained")) : [];
  // A field's examples: the records that show it, else those that hide it (one query).
  const more = minus && (opts.field === undefined || !plus) ? await examples(model, b, h, take, kind("lost")) : [];
  return { plus, minus, examples: [...shown, ...more] };
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
