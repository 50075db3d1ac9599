// Service requests on a map: the open requests inside the map's bounds (the public list's map)
// and "Is this the same problem?" on the report form (open requests of the same category near
// the reporter's pin). Both read through the viewer's policy like every list (accessibleBy on
// ServiceRequest, per-row field projection) and work on the COARSE location only.
//
// Why approx only: a query that filters on a field is an oracle for that field, whatever it
// returns. "Requests within 150 m of X" asked of the exact latitude/longitude would let anyone
// who may not read them locate a hidden exact point by asking around it. So these queries filter
// only on fields the viewer may read — approxLatitude/approxLongitude, category, status — and a
// row on which the viewer may not read every one of those fields is dropped after projection, so
// its presence says nothing either.
import "server-only";
import { z } from "zod";
import { MODEL_FIELDS } from "@/lib/policy/subjects";
import { OPEN_STATUSES } from "@/lib/records/lifecycle";
import { COARSE_GRID_DEGREES, metresBetween } from "@/lib/schemas/coarse-location";
import { ServiceCategory } from "@/lib/generated/prisma/enums";
import type { Viewer } from "@/lib/identity/viewer";
import { columnsFor, project } from "./project";
import { delegateOf, scopedWhere } from "./scoped-records";

type Row = Record<string, unknown>;
const MODEL = "ServiceRequest" as const;
const ALL = MODEL_FIELDS[MODEL];

/** What a marker or a possible duplicate shows: public fields and the coarse point, nothing else. */
export type MapMarker = {
  reference: string;
  title: string;
  category: string;
  status: string;
  lat: number;
  lon: number;
};

/** The fields the queries filter on or show: a row must let the viewer read every one. */
const NEEDED = ["reference", "title", "category", "status", "approxLatitude", "approxLongitude"] as const;

/** At most this many markers per map (newest first); the page says when there are more. */
export const MAP_MARKER_CAP = 200;

export const boundsSchema = z
  .object({
    south: z.number().min(-90).max(90),
    west: z.number().min(-180).max(180),
    north: z.number().min(-90).max(90),
    east: z.number().min(-180).max(180),
  })
  .refine((b) => b.south < b.north && b.west < b.east, "The map's edges are the wrong way round.")
  // A city-sized window at most: a world view is not a question this map answers.
  .refine((b) => b.north - b.south <= 2 && b.east - b.west <= 2, "Zoom in to see reports.");
export type Bounds = z.infer<typeof boundsSchema>;

/** "south,west,north,east" from a URL (?bbox=), or null when absent or not valid. */
export function parseBbox(raw: unknown): Bounds | null {
  if (typeof raw !== "string" || raw.length > 100) return null;
  const [south, west, north, east] = raw.split(",").map((s) => (s.trim() === "" ? NaN : Number(s)));
  const r = boundsSchema.safeParse({ south, west, north, east });
  return r.success ? r.data : null;
}

async function openRows(viewer: Viewer, filters: Row, take: number): Promise<MapMarker[]> {
  const columns = new Set(columnsFor(viewer.ability, "read", MODEL, ALL));
  // Nothing to show where the policy grants none of the map's fields.
  if (!NEEDED.every((f) => columns.has(f))) return [];
  const rows = await delegateOf(MODEL).findMany({
    where: scopedWhere(viewer, "read", MODEL, { ...filters, status: { in: OPEN_STATUSES } }),
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: Object.fromEntries([...columns].map((c) => [c, true])),
  });
  const out: MapMarker[] = [];
  for (const row of rows) {
    const p = project(viewer.ability, "read", MODEL, row, ALL) as Row;
    if (!NEEDED.every((f) => p[f] !== undefined && p[f] !== null)) continue;
    out.push({
      reference: String(p.reference),
      title: String(p.title),
      category: String(p.category),
      status: String(p.status),
      lat: Number(p.approxLatitude),
      lon: Number(p.approxLongitude),
    });
  }
  return out;
}

/**
 * Open requests of one municipality inside `bounds` (or anywhere in it), newest first, at most
 * MAP_MARKER_CAP. `capped`: there were more than the map shows.
 */
export async function openRequestsOnMap(
  viewer: Viewer,
  municipalityId: string,
  bounds: Bounds | null,
): Promise<{ markers: MapMarker[]; capped: boolean }> {
  const inBounds = bounds
    ? {
        approxLatitude: { gte: bounds.south, lte: bounds.north },
        approxLongitude: { gte: bounds.west, lte: bounds.east },
      }
    : { approxLatitude: { not: null }, approxLongitude: { not: null } };
  const rows = await openRows(viewer, { municipalityId, ...inBounds }, MAP_MARKER_CAP + 1);
  return { markers: rows.slice(0, MAP_MARKER_CAP), capped: rows.length > MAP_MARKER_CAP };
}

export const DUPLICATE_RADIUS_METRES = 150;
const METRES_PER_DEGREE = 111_320;

/**
 * How far a coarse point can lie from the exact one: half the grid cell's diagonal at this
 * latitude. Added to the radius, so a report truly within 150 m is never missed; one a little
 * farther may show too ("about 150 m").
 */
export function coarseSlackMetres(latitude: number): number {
  const half = (COARSE_GRID_DEGREES / 2) * METRES_PER_DEGREE;
  return Math.hypot(half, half * Math.cos((latitude * Math.PI) / 180));
}

/** A number, or a number written as text (a form field); nothing else (no "" → 0). */
const degrees = (max: number) =>
  z.preprocess(
    (v) => (typeof v === "string" && /^\s*-?\d{1,3}(\.\d{1,12})?\s*$/.test(v) ? Number(v) : v),
    z.number({ error: "Enter a number." }).min(-max).max(max),
  );

/** What the report form asks: the municipality by its slug (the page's), a category and the pin. */
export const duplicateQuerySchema = z.object({
  slug: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[a-z0-9-]+$/, "not a municipality"),
  category: z.enum(ServiceCategory, { error: "Choose a category." }),
  latitude: degrees(90),
  longitude: degrees(180),
});
export type DuplicateQuery = Omit<z.infer<typeof duplicateQuerySchema>, "slug"> & { municipalityId: string };

/** Open requests of the same category within about 150 m of the pin, nearest first (at most 5). */
export async function possibleDuplicates(
  viewer: Viewer,
  q: DuplicateQuery,
): Promise<(MapMarker & { metres: number })[]> {
  const reach = DUPLICATE_RADIUS_METRES + coarseSlackMetres(q.latitude);
  const dLat = reach / METRES_PER_DEGREE;
  const dLon = reach / (METRES_PER_DEGREE * Math.max(Math.cos((q.latitude * Math.PI) / 180), 0.01));
  const rows = await openRows(
    viewer,
    {
      municipalityId: q.municipalityId,
      category: q.category,
      approxLatitude: { gte: q.latitude - dLat, lte: q.latitude + dLat },
      approxLongitude: { gte: q.longitude - dLon, lte: q.longitude + dLon },
    },
    50,
  );
  const pin = { lat: q.latitude, lon: q.longitude };
  return rows
    .map((r) => ({ ...r, metres: Math.round(metresBetween(pin, r)) }))
    .filter((r) => r.metres <= reach)
    .sort((a, b) => a.metres - b.metres)
    .slice(0, 5);
}

/**
 * Where a municipality's maps open: the middle of its newest open public reports (coarse points),
 * or the whole world when it has none yet ("Use my location" still works there).
 */
export async function mapCentreOf(
  viewer: Viewer,
  municipalityId: string,
): Promise<{ lat: number; lon: number; zoom: number }> {
  const rows = await openRows(
    viewer,
    { municipalityId, approxLatitude: { not: null }, approxLongitude: { not: null } },
    100,
  );
  if (rows.length === 0) return { lat: 20, lon: 0, zoom: 2 };
  const mid = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return { lat: mid(rows.map((r) => r.lat)), lon: mid(rows.map((r) => r.lon)), zoom: 14 };
}
