import { heritageSiteListQuery, listHeritageSitesAfter } from "@/lib/data/heritage-sites";
import { listHandler } from "@/lib/http/record-routes";

export const GET = listHandler(heritageSiteListQuery, listHeritageSitesAfter, false);
