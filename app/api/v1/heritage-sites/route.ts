import { listHeritageSitesAfter } from "@/lib/data/heritage-sites";
import { listHandler } from "@/lib/http/record-routes";

export const GET = listHandler((viewer, q) => listHeritageSitesAfter(viewer, q as never), true);
