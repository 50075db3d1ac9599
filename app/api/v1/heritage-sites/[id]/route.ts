import { getHeritageSite, updateHeritageSite, type heritageSiteUpdate } from "@/lib/data/heritage-sites";
import { getHandler } from "@/lib/http/record-routes";
import { updateHandler } from "@/lib/http/write-routes";
import type { z } from "zod";

export const GET = getHandler(getHeritageSite, true);
export const PATCH = updateHandler((viewer, id, body) => updateHeritageSite(viewer, id, body as z.input<typeof heritageSiteUpdate>));
