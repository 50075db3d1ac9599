import { requestEventRoutes } from "@/lib/http/request-events-routes";
import { notifyFollowers } from "@/lib/flows/request-casework";

const routes = requestEventRoutes({ onEntry: notifyFollowers });
export const GET = routes.GET;
export const POST = routes.POST;
