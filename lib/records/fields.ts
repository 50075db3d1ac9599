// Field schemas shared by the record types. Each takes what a JSON client sends and what a form
// sends (strings): an emptied optional field means "no value", a coordinate may arrive as text.
import { z } from "zod";

import { filterText, noNul } from "@/lib/schemas/filter-text";
export { filterText, noNul };

export const text = (min: number, max: number, msg?: string) =>
  z.string().trim().min(min, msg).max(max, `Keep this under ${max} characters.`);

/** Optional free text: "" (an emptied form field) is stored as null. */
export const nullableText = (max: number, msg?: string) =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? null : v),
    z
      .string()
      .trim()
      .max(max, msg ?? `Keep this under ${max} characters.`)
      .nullable(),
  );

/** Optional text that is simply left out when empty (a citizen's optional contact details). */
export const omittedWhenEmpty = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((s) => (s ? s : undefined));

export const coordinate = (min: number, max: number) =>
  z.preprocess(
    (v) => (v === "" || v === null || v === undefined ? null : typeof v === "string" ? Number(v) : v),
    z.number({ error: "Enter a number." }).min(min).max(max).nullable(),
  );

export const httpUrl = z.preprocess(
  (v) => (typeof v === "string" && v.trim() === "" ? null : v),
  z
    .string()
    .trim()
    .max(500)
    .url("Enter a full URL (https://…).")
    .refine((u) => /^https?:\/\//i.test(u), "Only http(s) links.")
    .nullable(),
);

/** A reference to another row (department, assignee): "" means none. */
export const optionalId = z.preprocess(
  (v) => (v === "" ? null : v),
  z
    .string()
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/, "not a valid id")
    .nullable(),
);

export const flag = z.boolean();

/** A set of references (a request's tags): distinct ids, at most `max`. */
export const idList = (max: number, msg: string) =>
  z
    .array(
      z
        .string()
        .max(64)
        .regex(/^[A-Za-z0-9_-]+$/, "not a valid id"),
    )
    .max(max, msg)
    .transform((ids) => [...new Set(ids)]);
