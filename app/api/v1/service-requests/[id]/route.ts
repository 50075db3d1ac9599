import { recordRoutes } from "@/lib/http/record-routes";
import { requestTimeline } from "@/lib/flows/request-casework";
import { apiRequestPhotos } from "@/lib/data/request-photos";

// Every photo the caller's policy shows, with the staff URLs and whether each is public.
const routes = recordRoutes("ServiceRequest", {
  staff: true,
  timeline: requestTimeline,
  detail: async (viewer, record) => ({ photos: await apiRequestPhotos(viewer, record, "staff") }),
});
export const GET = routes.get;
export const PATCH = routes.update;
