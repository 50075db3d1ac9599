import { getServiceRequest } from "@/lib/data/service-requests";
import { getHandler } from "@/lib/http/record-routes";

export const GET = getHandler(getServiceRequest, false);
