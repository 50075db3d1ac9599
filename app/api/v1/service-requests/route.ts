import { listServiceRequestsAfter } from "@/lib/data/service-requests";
import { listHandler } from "@/lib/http/record-routes";

export const GET = listHandler((viewer, q) => listServiceRequestsAfter(viewer, q as never), true);
