/** A page's query as Next.js hands it over. */
export type SearchParams = Record<string, string | string[] | undefined>;

/** First value of each search parameter, empty strings dropped — the shape list queries take. */
export function firstValues(
  sp: Record<string, string | string[] | undefined>,
  keys: readonly string[],
): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const k of keys) {
    const v = Array.isArray(sp[k]) ? sp[k]![0] : sp[k];
    if (typeof v === "string" && v !== "") out[k] = v;
  }
  return out;
}
