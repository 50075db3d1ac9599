// The PostgreSQL type of each column the clips views can hold, read from prisma/schema.prisma (the
// generated client keeps no list flags or enum names at runtime). Enums are shown — and cast in the
// views — as text, so an analyst compares with 'OPEN' and no type of the app's schema is needed.
import { readFileSync } from "node:fs";
import path from "node:path";

export type ColumnType = { type: string; enum: boolean; list: boolean };

const SCALARS: Record<string, string> = {
  String: "text",
  Int: "int4",
  BigInt: "int8",
  Float: "float8",
  Decimal: "numeric",
  Boolean: "bool",
  DateTime: "timestamp",
  Json: "jsonb",
};

let parsed: Map<string, Map<string, ColumnType>> | undefined;

function parse(text: string): Map<string, Map<string, ColumnType>> {
  const enums = new Set([...text.matchAll(/^enum\s+(\w+)\s*\{/gm)].map((m) => m[1]!));
  const models = new Map<string, Map<string, ColumnType>>();
  for (const m of text.matchAll(/^model\s+(\w+)\s*\{([\s\S]*?)^\}/gm)) {
    const fields = new Map<string, ColumnType>();
    for (const line of m[2]!.split("\n")) {
      const f = /^\s+(\w+)\s+(\w+)(\[\])?(\?)?/.exec(line);
      if (!f) continue;
      const [, name, type, list] = f;
      const isEnum = enums.has(type!);
      const base = isEnum ? "text" : SCALARS[type!];
      if (!base) continue; // a relation
      fields.set(name!, { type: list ? `${base}[]` : base, enum: isEnum, list: Boolean(list) });
    }
    models.set(m[1]!, fields);
  }
  return models;
}

export function columnType(model: string, field: string): ColumnType {
  parsed ??= parse(readFileSync(path.join(process.cwd(), "prisma", "schema.prisma"), "utf8"));
  const t = parsed.get(model)?.get(field);
  if (!t) throw new Error(`prisma/schema.prisma has no column ${model}.${field}`);
  return t;
}
