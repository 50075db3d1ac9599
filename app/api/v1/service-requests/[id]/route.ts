import { getServiceRequest, updateServiceRequest, type ServiceRequestUpdate } from "@/lib/data/service-requests";
import { getHandler } from "@/lib/http/record-routes";
import { updateHandler } from "@/lib/http/write-routes";

export const GET = getHandler(getServiceRequest, true);
export const PATCH = updateHandler((viewer, id, body) => updateServiceRequest(viewer, id, body as ServiceRequestUpdate));
