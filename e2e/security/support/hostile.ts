// Hostile payloads for the bad-input suite, and the writers that put them on the wire as an
// attacker would: raw JSON text (so "__proto__", "constructor" and "prototype" arrive as own keys,
// which no JavaScript object literal can guarantee), React's reply encoding for server actions
// (so NaN, Infinity, undefined, bigints and invalid dates arrive as those values), form fields
// and query strings.
import fc from "fast-check";
import { size } from "../../../test/fixtures/suite-size";

/** An object written as its entries: duplicate and prototype-polluting keys survive as written. */
export class Obj {
  constructor(readonly entries: [string, Hostile][]) {}
}
export type Hostile = string | number | boolean | null | undefined | bigint | Date | Hostile[] | Obj;

export const POLLUTING_KEYS = ["__proto__", "constructor", "prototype"] as const;

export const HOSTILE_STRINGS = [
  "' OR 1=1 --",
  '\'; DROP TABLE "User"; --',
  '" OR ""="',
  "1; SELECT pg_sleep(5)",
  '\') UNION SELECT "passwordHash" FROM "User" --',
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "javascript:alert(1)",
  "</textarea><svg onload=alert(1)>",
  "\u0000",
  "a\u0000b",
  "\uFEFF\u202E\u200B",
  "\uD800",
  "𝕏😀👩‍👩‍👧",
  "../../etc/passwd",
  "%00",
  "%27%20OR%201=1",
  "${7*7}",
  "{{7*7}}",
  "$$",
  "$undefined",
  "NaN",
  "-1e308",
  "1e309",
  "Infinity",
  "2026-02-30T25:61:00Z",
  "0000-00-00",
  "not-a-date",
  "-1",
  "0",
  "9".repeat(40),
  "c".repeat(65),
  " ",
  "\n\r\t",
  "null",
  "undefined",
  "true",
  "[]",
  "{}",
  "__proto__",
  "admin@riverton.test\u0000",
  "ADMIN@RIVERTON.TEST ",
];

/** ≥ 1 MB is over every limit we have (and Next's 1 MB action limit); 70 kB is over the API's 64 kB. */
export const HUGE_LENGTHS = [70_000, 1_100_000] as const;

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 20 }) },
);

export const hugeString: fc.Arbitrary<string> = fc.constantFrom(...HUGE_LENGTHS).map((n) => "x".repeat(n));

export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    1e308,
    -1e308,
    -0,
    2 ** 53 + 1,
    5e-324,
    -1,
  ),
  fc.integer(),
  fc.double(),
);

const scalar: fc.Arbitrary<Hostile> = fc.oneof(
  { weight: 5, arbitrary: hostileString },
  { weight: 2, arbitrary: hostileNumber },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constantFrom<Hostile>(null, undefined) },
  { weight: 1, arbitrary: fc.bigInt() },
  { weight: 1, arbitrary: fc.constantFrom(new Date(Number.NaN), new Date(-8.64e15), new Date(8.64e15)) },
);

const key: fc.Arbitrary<string> = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(...POLLUTING_KEYS) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      "isAdmin",
      "municipalityId",
      "id",
      "userId",
      "groups",
      "platformGroups",
      "passwordHash",
      "$$typeof",
      "then",
      "toString",
      "",
    ),
  },
  { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
);

/** Nesting far deeper than any form (and deep enough to overflow a recursive decoder). */
export const deepValue: fc.Arbitrary<Hostile> = fc
  .tuple(fc.integer({ min: 30, max: size(5_000, 20_000) }), fc.boolean())
  .map(([n, asObject]) => {
    let v: Hostile = "bottom";
    for (let i = 0; i < n; i++) v = asObject ? new Obj([["a", v]]) : [v];
    return v;
  });

const { value: nested } = fc.letrec<{ value: Hostile }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    scalar,
    fc.array(tie("value"), { maxLength: 3 }),
    fc.array(fc.tuple(key, tie("value")), { maxLength: 4 }).map((e) => new Obj(e)),
  ),
}));

/** Any hostile value: wrong types, injection strings, odd numbers, nesting, now and then a huge string. */
export const hostileValue: fc.Arbitrary<Hostile> = fc.oneof(
  { weight: 12, arbitrary: nested },
  { weight: 1, arbitrary: deepValue },
  { weight: 1, arbitrary: hugeString },
);

let unknownSeq = 0;
/**
 * An object that can never be a valid input: known field names with hostile values, polluting
 * keys, and always one field no schema knows (every schema of ours is strict, so this alone must
 * be refused — the rest shows what the refusal survives).
 */
export function hostileObject(knownKeys: readonly string[] = []): fc.Arbitrary<Obj> {
  const k =
    knownKeys.length > 0
      ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...knownKeys) }, { weight: 2, arbitrary: key })
      : key;
  return fc
    .tuple(fc.array(fc.tuple(k, hostileValue), { maxLength: 6 }), hostileValue)
    .map(([entries, extra]) => new Obj([...entries, [`zz_unknown_${unknownSeq++ % 1000}`, extra]]));
}

// ---------------------------------------------------------------------------------------------
// Writers

/** A number as JSON text, with a writer's own words for the four values JSON has none for. */
function numberText(
  x: number,
  words: { nan: string; infinity: string; minusInfinity: string; minusZero: string },
): string {
  if (Number.isNaN(x)) return words.nan;
  if (x === Infinity) return words.infinity;
  if (x === -Infinity) return words.minusInfinity;
  return Object.is(x, -0) ? words.minusZero : JSON.stringify(x);
}

/** Plain JSON text; values JSON has no word for are written as the nearest thing a client could send. */
export function toJsonText(v: Hostile): string {
  return write(v, (x) => {
    if (x === undefined || x === null) return "null";
    if (typeof x === "bigint") return x.toString();
    if (typeof x === "number")
      return numberText(x, { nan: '"NaN"', infinity: "1e999", minusInfinity: "-1e999", minusZero: "-0" });
    if (x instanceof Date) return Number.isNaN(x.getTime()) ? '"Invalid Date"' : JSON.stringify(x.toISOString());
    return JSON.stringify(x);
  });
}

/** React's reply encoding (what encodeReply writes for plain values), written by hand so keys survive. */
export function toReplyText(v: Hostile): string {
  return write(v, (x) => {
    if (x === undefined) return '"$undefined"';
    if (x === null) return "null";
    if (typeof x === "string") return JSON.stringify(x.startsWith("$") ? `$${x}` : x);
    if (typeof x === "bigint") return JSON.stringify(`$n${x.toString()}`);
    if (typeof x === "number")
      return numberText(x, {
        nan: '"$NaN"',
        infinity: '"$Infinity"',
        minusInfinity: '"$-Infinity"',
        minusZero: '"$-0"',
      });
    if (x instanceof Date) return JSON.stringify(`$D${Number.isNaN(x.getTime()) ? "Invalid Date" : x.toISOString()}`);
    return JSON.stringify(x);
  });
}

class Raw {
  constructor(readonly text: string) {}
}

/** Arrays and objects written with an explicit stack: nesting thousands deep cannot overflow ours. */
function write(root: Hostile, scalar: (x: Exclude<Hostile, Hostile[] | Obj>) => string): string {
  const out: string[] = [];
  const stack: (Hostile | Raw)[] = [root];
  while (stack.length > 0) {
    const x = stack.pop()!;
    if (x instanceof Raw) out.push(x.text);
    else if (Array.isArray(x) || x instanceof Obj) {
      const [open, close] = Array.isArray(x) ? ["[", "]"] : ["{", "}"];
      const items: [string | null, Hostile][] = Array.isArray(x) ? x.map((v) => [null, v]) : x.entries;
      out.push(open);
      stack.push(new Raw(close));
      for (let i = items.length - 1; i >= 0; i--) {
        stack.push(items[i]![1]);
        const k = items[i]![0];
        const sep = i > 0 ? "," : "";
        if (k !== null || sep) stack.push(new Raw(sep + (k !== null ? `${JSON.stringify(k)}:` : "")));
      }
    } else out.push(scalar(x));
  }
  return out.join("");
}

/** A form field's text: what a person (or a script) could type into it. */
export function toFieldText(v: Hostile): string {
  if (typeof v === "string") return v;
  if (v instanceof Obj || Array.isArray(v)) return toJsonText(v);
  return String(v);
}

/** Query-string pairs: every key and value as text (objects flattened to their JSON). */
export function toQueryPairs(o: Obj): [string, string][] {
  return o.entries.map(([k, v]) => [k, toFieldText(v)]);
}

/** A short description of a payload for failure messages. */
export function describe(v: Hostile): string {
  const t = toJsonText(v);
  return t.length > 240 ? `${t.slice(0, 200)}… (${t.length} chars)` : t;
}
