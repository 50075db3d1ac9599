import { listServiceRequests, serviceRequestListQuery } from "@/lib/data/service-requests";
import { exportHandler } from "@/lib/export/handler";
import { REQUEST_LIST_KEYS } from "@/lib/http/list-params";

export const GET = exportHandler({ model: "ServiceRequest", schema: serviceRequestListQuery, keys: REQUEST_LIST_KEYS, name: "service-requests", list: listServiceRequests });
