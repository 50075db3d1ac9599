import { recordRoutes } from "@/lib/http/record-routes";

export const GET = recordRoutes("Document", { staff: false }).list;
