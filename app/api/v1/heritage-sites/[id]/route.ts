import { getHeritageSite } from "@/lib/data/heritage-sites";
import { getHandler } from "@/lib/http/record-routes";

export const GET = getHandler(getHeritageSite, true);
