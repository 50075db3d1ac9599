import { listServiceRequestsAfter, serviceRequestListQuery } from "@/lib/data/service-requests";
import { listHandler } from "@/lib/http/record-routes";

export const GET = listHandler(serviceRequestListQuery, listServiceRequestsAfter, false);
