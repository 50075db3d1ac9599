import { recordRoutes } from "@/lib/http/record-routes";
import { requestTimeline } from "@/lib/flows/request-casework";

const routes = recordRoutes("ServiceRequest", { staff: true, timeline: requestTimeline });
export const GET = routes.get;
export const PATCH = routes.update;
