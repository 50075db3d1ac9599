// Pagination (RFC 7644 §3.4.2.4): 1-based startIndex (below 1 counts as 1), count (negative as 0,
// at most MAX_RESULTS, default 100), and the ListResponse with totalResults — as Entra ID and
// Okta page through Users and Groups.
import "server-only";
import { MAX_RESULTS } from "./discovery";
import { LIST_SCHEMA, ScimError } from "./response";

export type Paging = { skip: number; take: number; startIndex: number };

function intParam(params: URLSearchParams, name: string, fallback: number): number {
  const raw = params.get(name);
  if (raw === null || raw === "") return fallback;
  if (!/^-?\d{1,9}$/.test(raw)) throw new ScimError(400, "invalidValue", `${name} must be a whole number.`);
  return Number(raw);
}

export function pagingOf(params: URLSearchParams): Paging {
  const startIndex = Math.max(1, intParam(params, "startIndex", 1));
  const take = Math.min(MAX_RESULTS, Math.max(0, intParam(params, "count", 100)));
  return { skip: startIndex - 1, take, startIndex };
}

export function listResponse(total: number, paging: Paging, resources: object[]) {
  return {
    schemas: [LIST_SCHEMA],
    totalResults: total,
    startIndex: paging.startIndex,
    itemsPerPage: resources.length,
    Resources: resources,
  };
}

/** One page of rows and their total, as a ListResponse of the resources `toResource` makes. */
export async function pageOf<T>(
  paging: Paging,
  query: (page: { skip: number; take: number }) => [Promise<number>, Promise<T[]>],
  toResource: (row: T) => object,
) {
  const [total, rows] = await Promise.all(query({ skip: paging.skip, take: paging.take }));
  return listResponse(total, paging, rows.map(toResource));
}
