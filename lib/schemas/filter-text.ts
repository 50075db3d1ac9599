// Free text that reaches a PostgreSQL query: a list's search box, a filter value.
import { z } from "zod";

/** PostgreSQL text cannot hold a NUL byte: such input is bad input, not a query error. */
export const noNul = (s: string) => !s.includes("\u0000");

/** A free-text list filter. */
export const filterText = (max: number) => z.string().trim().max(max).refine(noNul, "Contains a NUL character.");
