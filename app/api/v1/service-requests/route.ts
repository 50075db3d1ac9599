import { listServiceRequestsAfter, serviceRequestListQuery, submitServiceRequest, type ServiceRequestSubmission } from "@/lib/data/service-requests";
import { listHandler } from "@/lib/http/record-routes";
import { createHandler } from "@/lib/http/write-routes";

export const GET = listHandler(serviceRequestListQuery, listServiceRequestsAfter, true);
// lib/data validates the body with its strict zod schema; unknown keys are a 400.
export const POST = createHandler((viewer, body) => submitServiceRequest(viewer, body as ServiceRequestSubmission));
