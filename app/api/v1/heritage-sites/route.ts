import { recordRoutes } from "@/lib/http/record-routes";

const routes = recordRoutes("HeritageSite", { staff: true });
export const GET = routes.list;
export const POST = routes.create;
