// Aggregates per municipality (docs/requirements.md#municipal-platform's public dashboards, docs/requirements.md#staff-accounts's monitors). Authorized on
// the virtual "Statistics" subject: public figures count only public requests; internal figures
// count all. Aggregates never return a row, so analysts can have them without record access.
import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { subjectOf } from "@/lib/policy/casl";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { idSchema } from "@/lib/records/list";
import type { Viewer } from "@/lib/identity/viewer";

export type StatisticsScope = "public" | "internal";

export type Statistics = {
  municipalityId: string;
  scope: StatisticsScope;
  total: number;
  byCategory: { category: string; count: number }[];
  byStatus: { status: string; count: number }[];
  byMonth: { month: string; count: number }[];
  medianDaysToResolve: number | null;
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

export async function getStatistics(
  viewer: Viewer,
  municipalityIdInput: string,
  scope: StatisticsScope,
): Promise<Statistics> {
  const parsed = z
    .object({ municipalityId: idSchema, scope: z.enum(["public", "internal"]) })
    .safeParse({ municipalityId: municipalityIdInput, scope });
  if (!parsed.success) throw new ValidationError("Unknown municipality or scope.");
  const { municipalityId } = parsed.data;
  if (!canReadStatistics(viewer, municipalityId, scope)) throw new NotFoundError();
  const where = { municipalityId, ...(scope === "public" ? { isPublic: true } : {}) };
  const onlyPublic = scope === "public";
  const [exists, byCategory, byStatus, byMonth, median] = await Promise.all([
    // An unknown municipality is "not found", not a page of zeros (the access matrix asks).
    db.municipality.count({ where: { id: municipalityId } }),
    db.serviceRequest.groupBy({ by: ["category"], where, _count: { _all: true }, orderBy: { category: "asc" } }),
    db.serviceRequest.groupBy({ by: ["status"], where, _count: { _all: true }, orderBy: { status: "asc" } }),
    db.$queryRaw<{ month: string; count: bigint }[]>`
      select to_char(date_trunc('month', "createdAt"), 'YYYY-MM') as month, count(*) as count
      from "ServiceRequest" where "municipalityId" = ${municipalityId} and (${!onlyPublic} or "isPublic")
      group by 1 order by 1`,
    db.$queryRaw<{ days: number | null }[]>`
      select percentile_cont(0.5) within group (order by extract(epoch from ("resolvedAt" - "createdAt")) / 86400.0) as days
      from "ServiceRequest" where "municipalityId" = ${municipalityId} and "resolvedAt" is not null and (${!onlyPublic} or "isPublic")`,
  ]);
  if (exists === 0) throw new NotFoundError();
  const days = median[0]?.days;
  return {
    municipalityId,
    scope,
    total: byStatus.reduce((n, s) => n + s._count._all, 0),
    byCategory: byCategory.map((c) => ({ category: c.category, count: c._count._all })),
    byStatus: byStatus.map((s) => ({ status: s.status, count: s._count._all })),
    byMonth: byMonth.map((m) => ({ month: m.month, count: Number(m.count) })),
    medianDaysToResolve: days === null || days === undefined ? null : Math.round(Number(days) * 10) / 10,
  };
}
