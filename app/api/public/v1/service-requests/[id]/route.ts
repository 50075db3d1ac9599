import { recordRoutes } from "@/lib/http/record-routes";

export const GET = recordRoutes("ServiceRequest", { staff: false }).get;
