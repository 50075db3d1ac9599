// Aggregates per municipality (docs/requirements.md#municipal-platform's public dashboards, docs/requirements.md#staff-accounts's monitors). Authorized on
// the virtual "Statistics" subject: public figures count only public requests; internal figures
// count all. Aggregates never return a row, so analysts can have them without record access.
import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { subjectOf } from "@/lib/policy/casl";
import { fieldValidationError, NotFoundError, ValidationError } from "@/lib/errors";
import { idSchema } from "@/lib/records/list";
import type { Viewer } from "@/lib/identity/viewer";

export type StatisticsScope = "public" | "internal";

/** A period of days (UTC, both ends included); an end left out is open. */
export type StatisticsRange = { from?: string; to?: string };

const day = z.preprocess(
  (v) => (v === "" || v === null ? undefined : v),
  z.iso.date({ error: "Enter a date as YYYY-MM-DD." }).optional(),
);
/** The period a person or an API client asks for: real dates, "to" not before "from". */
export const statisticsRangeSchema = z
  .object({ from: day, to: day })
  .refine((r) => !r.from || !r.to || r.from <= r.to, { path: ["to"], message: "“To” must be on or after “From”." });

/** `from`/`to` from a URL's query, or a ValidationError naming the offending field. */
export function parseStatisticsRange(input: { from?: unknown; to?: unknown }): StatisticsRange {
  const parsed = statisticsRangeSchema.safeParse({ from: input.from, to: input.to });
  if (!parsed.success) throw fieldValidationError("Please correct the dates.", parsed.error);
  return parsed.data;
}

export type Statistics = {
  municipalityId: string;
  scope: StatisticsScope;
  /** The period counted (requests created on these days); null: open end. */
  range: { from: string | null; to: string | null };
  total: number;
  byCategory: { category: string; count: number }[];
  byStatus: { status: string; count: number }[];
  byMonth: { month: string; count: number }[];
  medianDaysToResolve: number | null;
  /** The categories with the most requests — every one of them when several tie — and that count. */
  mostReported: { categories: string[]; count: number } | null;
};

export function canReadStatistics(viewer: Viewer, municipalityId: string, scope: StatisticsScope): boolean {
  return viewer.ability.can("read", subjectOf("Statistics", { municipalityId, scope }));
}

/** The widest scope the viewer may read here, or null. */
export function statisticsScopeFor(viewer: Viewer, municipalityId: string): StatisticsScope | null {
  if (canReadStatistics(viewer, municipalityId, "internal")) return "internal";
  if (canReadStatistics(viewer, municipalityId, "public")) return "public";
  return null;
}

/** Which figures: the scope, and the period (StatisticsRange). */
export type StatisticsQuery = StatisticsRange & { scope: StatisticsScope };

export async function getStatistics(viewer: Viewer, idInput: string, query: StatisticsQuery): Promise<Statistics> {
  const { scope } = query;
  const parsed = z
    .object({ municipalityId: idSchema, scope: z.enum(["public", "internal"]) })
    .safeParse({ municipalityId: idInput, scope });
  if (!parsed.success) throw new ValidationError("Unknown municipality or scope.");
  const { municipalityId } = parsed.data;
  const range = parseStatisticsRange(query);
  if (!canReadStatistics(viewer, municipalityId, scope)) throw new NotFoundError();
  // Days are UTC days; "to" counts its whole day (up to the next midnight, exclusive).
  const start = range.from ? new Date(`${range.from}T00:00:00Z`) : null;
  const end = range.to ? new Date(new Date(`${range.to}T00:00:00Z`).getTime() + 86_400_000) : null;
  const createdAt = start || end ? { ...(start ? { gte: start } : {}), ...(end ? { lt: end } : {}) } : undefined;
  const where = {
    municipalityId,
    ...(scope === "public" ? { isPublic: true } : {}),
    ...(createdAt ? { createdAt } : {}),
  };
  const onlyPublic = scope === "public";
  const startAt = start?.toISOString() ?? null;
  const endAt = end?.toISOString() ?? null;
  const inRange = Prisma.sql`(${startAt}::timestamp is null or "createdAt" >= ${startAt}::timestamp)
      and (${endAt}::timestamp is null or "createdAt" < ${endAt}::timestamp)`;
  const [exists, byCategory, byStatus, byMonth, median] = await Promise.all([
    // An unknown municipality is "not found", not a page of zeros (the access matrix asks).
    db.municipality.count({ where: { id: municipalityId } }),
    db.serviceRequest.groupBy({ by: ["category"], where, _count: { _all: true }, orderBy: { category: "asc" } }),
    db.serviceRequest.groupBy({ by: ["status"], where, _count: { _all: true }, orderBy: { status: "asc" } }),
    db.$queryRaw<{ month: string; count: bigint }[]>`
      select to_char(date_trunc('month', "createdAt"), 'YYYY-MM') as month, count(*) as count
      from "ServiceRequest" where "municipalityId" = ${municipalityId} and (${!onlyPublic} or "isPublic") and ${inRange}
      group by 1 order by 1`,
    db.$queryRaw<{ days: number | null }[]>`
      select percentile_cont(0.5) within group (order by extract(epoch from ("resolvedAt" - "createdAt")) / 86400.0) as days
      from "ServiceRequest" where "municipalityId" = ${municipalityId} and "resolvedAt" is not null and (${!onlyPublic} or "isPublic") and ${inRange}`,
  ]);
  if (exists === 0) throw new NotFoundError();
  const days = median[0]?.days;
  const categories = byCategory.map((c) => ({ category: c.category, count: c._count._all }));
  return {
    municipalityId,
    scope,
    range: { from: range.from ?? null, to: range.to ?? null },
    total: byStatus.reduce((n, s) => n + s._count._all, 0),
    byCategory: categories,
    byStatus: byStatus.map((s) => ({ status: s.status, count: s._count._all })),
    byMonth: byMonth.map((m) => ({ month: m.month, count: Number(m.count) })),
    medianDaysToResolve: days === null || days === undefined ? null : Math.round(Number(days) * 10) / 10,
    mostReported: mostReported(categories),
  };
}

/** The top categories by count, all of them when several share the top count; null when none. */
export function mostReported(
  categories: { category: string; count: number }[],
): { categories: string[]; count: number } | null {
  const count = Math.max(0, ...categories.map((c) => c.count));
  if (count === 0) return null;
  return { categories: categories.filter((c) => c.count === count).map((c) => c.category), count };
}
