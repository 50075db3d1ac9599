// AuthZEN search: action (lib/services/authzen): HTTP Basic service credentials only, no cookie is read.
import { authzenRoute } from "@/lib/services/authzen/handler";

export const { GET, POST } = authzenRoute("search/action");
export const dynamic = "force-dynamic";
