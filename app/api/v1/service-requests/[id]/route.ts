import { recordRoutes } from "@/lib/http/record-routes";

const routes = recordRoutes("ServiceRequest", { staff: true });
export const GET = routes.get;
export const PATCH = routes.update;
