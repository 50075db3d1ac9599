import { heritageSiteListQuery, listHeritageSites } from "@/lib/data/heritage-sites";
import { exportHandler } from "@/lib/export/handler";
import { HERITAGE_LIST_KEYS } from "@/lib/http/list-params";

export const GET = exportHandler({ model: "HeritageSite", schema: heritageSiteListQuery, keys: HERITAGE_LIST_KEYS, name: "heritage-sites", list: listHeritageSites });
