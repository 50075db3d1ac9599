// Page and page size as every paged list reads them from its URL. More than the cap shows the cap
// (a hand-edited address gets 100 rows, not an error and not 10,000).
import { z } from "zod";

export const MAX_PAGE_SIZE = 100;

export const pagingFields = {
  page: z.coerce.number({ error: "Page: a number." }).int().min(1).max(100_000).default(1),
  pageSize: z.coerce
    .number({ error: "Page size: a number." })
    .int()
    .min(1)
    .transform((n) => Math.min(n, MAX_PAGE_SIZE))
    .default(25),
};
