// AuthZEN PDP metadata (§9): where a service finds the decision and search endpoints. Public, read
// at request time (APP_URL is configuration, not a build-time constant), cacheable for five minutes.
import { authzenConfiguration } from "@/lib/services/authzen/handler";

export function GET(): Response {
  return Response.json(authzenConfiguration(), { headers: { "Cache-Control": "public, max-age=300" } });
}
export const dynamic = "force-dynamic";
