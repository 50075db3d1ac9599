import { createHeritageSite, heritageSiteListQuery, listHeritageSitesAfter, type heritageSiteInput } from "@/lib/data/heritage-sites";
import { listHandler } from "@/lib/http/record-routes";
import { createHandler } from "@/lib/http/write-routes";
import type { z } from "zod";

export const GET = listHandler(heritageSiteListQuery, listHeritageSitesAfter, true);
export const POST = createHandler((viewer, body) => createHeritageSite(viewer, body as z.input<typeof heritageSiteInput>));
