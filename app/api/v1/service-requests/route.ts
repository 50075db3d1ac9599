import { recordRoutes } from "@/lib/http/record-routes";

const routes = recordRoutes("ServiceRequest", { staff: true });
export const GET = routes.list;
export const POST = routes.create;
