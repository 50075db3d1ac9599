import { recordRoutes } from "@/lib/http/record-routes";

const routes = recordRoutes("Document", { staff: true });
export const GET = routes.get;
export const PATCH = routes.update;
