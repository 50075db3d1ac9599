import { publicPhotoRoute } from "@/lib/http/photo-routes";

export const GET = publicPhotoRoute("full");
