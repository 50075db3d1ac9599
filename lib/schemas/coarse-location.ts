// The public's view of where a request is: the exact point snapped to a grid of 0.0025° (about
// 280 m north–south, less east–west at our latitudes), so a pin on the public map shows the
// neighbourhood, never the house. The exact latitude/longitude stay staff fields (policies);
// lib/data sets approxLatitude/approxLongitude from them on every write. Pure: the browser map
// and the migration (20261201203232_citizens_casework) use the same grid.
export const COARSE_GRID_DEGREES = 0.0025;

const snap = (v: number) => Number((Math.round(v / COARSE_GRID_DEGREES) * COARSE_GRID_DEGREES).toFixed(4));

export function coarseLocation(
  latitude: number | null | undefined,
  longitude: number | null | undefined,
): { approxLatitude: number | null; approxLongitude: number | null } {
  if (typeof latitude !== "number" || typeof longitude !== "number")
    return { approxLatitude: null, approxLongitude: null };
  return { approxLatitude: snap(latitude), approxLongitude: snap(longitude) };
}

/** Metres between two points (haversine); good enough for "within about 150 m". */
export function metresBetween(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const r = 6_371_000;
  const rad = (d: number) => (d * Math.PI) / 180;
  const dLat = rad(b.lat - a.lat);
  const dLon = rad(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * r * Math.asin(Math.sqrt(h));
}
