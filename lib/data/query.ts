// Shared list-query parsing. Search and sort only touch fields every reader of the list may see
// (the public ones), so neither can be used to infer hidden values.
import { z } from "zod";

export const pageSchema = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
  dir: z.enum(["asc", "desc"]).default("desc"),
};

/** PostgreSQL text cannot hold a NUL byte: a filter with one is bad input (400), not a query error. */
export const filterText = (max: number) => z.string().trim().max(max).refine((s) => !s.includes("\u0000"), "Contains a NUL character.");

export const searchSchema = filterText(200).optional().transform((s) => (s ? s : undefined));

export const idSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, "not a valid id");

export function containsAny(q: string | undefined, fields: string[]): object {
  if (!q) return {};
  return { OR: fields.map((f) => ({ [f]: { contains: q, mode: "insensitive" } })) };
}
