import { recordRoutes } from "@/lib/http/record-routes";

export const GET = recordRoutes("HeritageSite", { staff: false }).list;
