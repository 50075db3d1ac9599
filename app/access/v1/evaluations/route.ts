// AuthZEN evaluations (lib/services/authzen): HTTP Basic service credentials only, no cookie is read.
import { authzenRoute } from "@/lib/services/authzen/handler";

export const { GET, POST } = authzenRoute("evaluations");
export const dynamic = "force-dynamic";
