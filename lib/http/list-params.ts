// searchParams → a validated list query. The record types' list schemas (lib/records/list.ts)
// are strict zod objects; here only the keys a page or export knows (listKeys) are picked (first value each, empty dropped), so a stray
// parameter is ignored by pages instead of failing them, while the JSON API stays strict.
import { z } from "zod";
import { firstValues } from "./search-params";

export type RawParams = Record<string, string | string[] | undefined>;

export type ParsedList<Q> =
  | { ok: true; query: Q; values: Record<string, string | undefined> }
  | { ok: false; values: Record<string, string | undefined>; errors: Record<string, string[] | undefined> };

export function parseListParams<S extends z.ZodType>(
  schema: S,
  sp: RawParams | URLSearchParams,
  keys: readonly string[],
  fixed: Record<string, unknown>,
): ParsedList<z.output<S>> {
  const raw: RawParams =
    sp instanceof URLSearchParams ? Object.fromEntries(keys.map((k) => [k, sp.get(k) ?? undefined])) : sp;
  const values = firstValues(raw, keys);
  const r = schema.safeParse({ ...values, ...fixed });
  if (!r.success)
    return { ok: false, values, errors: z.flattenError(r.error).fieldErrors as Record<string, string[] | undefined> };
  return { ok: true, query: r.data, values };
}
