// AuthZEN search: resource (lib/services/authzen): HTTP Basic service credentials only, no cookie is read.
import { authzenRoute } from "@/lib/services/authzen/handler";

export const { GET, POST } = authzenRoute("search/resource");
export const dynamic = "force-dynamic";
