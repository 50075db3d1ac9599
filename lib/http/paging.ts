// The JSON API's cursor paging parameters, shared by the list handlers and the OpenAPI document
// (client-safe: no server imports). The rest of a list query goes to the record's own list schema.
import { z } from "zod";

export const pagingQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, "not a valid cursor")
    .optional(),
});
