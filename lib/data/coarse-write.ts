// The public's coarse location follows the exact one on every write: a record type with both
// latitude/longitude and approxLatitude/approxLongitude (a service request) gets the approx pair
// from lib/schemas/coarse-location.ts whenever latitude or longitude is written. Nobody sets the
// approx fields directly, so the two can never disagree.
import "server-only";
import { MODEL_FIELDS } from "@/lib/policy/subjects";
import { coarseLocation } from "@/lib/schemas/coarse-location";
import type { RecordModel } from "@/lib/records";

type Row = Record<string, unknown>;

/** The approx pair to write with `values` (the new row's fields), or nothing when no coordinate changes. */
export function coarseFieldsFor(model: RecordModel, values: Row, before: Row = {}): Row {
  if (!(MODEL_FIELDS[model] as readonly string[]).includes("approxLatitude")) return {};
  if (!("latitude" in values) && !("longitude" in values)) return {};
  const at = { ...before, ...values };
  return coarseLocation(at.latitude as number | null, at.longitude as number | null);
}
