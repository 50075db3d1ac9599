import { staffPhotoRoute } from "@/lib/http/photo-routes";

export const GET = staffPhotoRoute("thumb");
