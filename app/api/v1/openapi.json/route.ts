import { env } from "@/lib/env";
import { openApiDocument } from "@/lib/http/openapi";

export function GET() {
  return Response.json(openApiDocument(env().APP_URL), { headers: { "Cache-Control": "public, max-age=300" } });
}
