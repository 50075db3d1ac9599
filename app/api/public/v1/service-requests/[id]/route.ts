import { recordRoutes } from "@/lib/http/record-routes";
import { apiRequestPhotos } from "@/lib/data/request-photos";

// Published photos of a public request only (ids and public URLs).
export const GET = recordRoutes("ServiceRequest", {
  staff: false,
  detail: async (viewer, record) => ({ photos: await apiRequestPhotos(viewer, record, "public") }),
}).get;
