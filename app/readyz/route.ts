// Readiness for a load balancer: 200 {"status":"ready"} when this server can serve requests
// (lib/health/readiness.ts), else 503 {"status":"not ready"}. No details: which check failed is in the
// server's log, not in an answer anyone can fetch.
import { readiness } from "@/lib/health/readiness";

export const dynamic = "force-dynamic";

export async function GET() {
  const { ready } = await readiness();
  return Response.json(ready ? { status: "ready" } : { status: "not ready" }, {
    status: ready ? 200 : 503,
    headers: { "Cache-Control": "no-store", ...(ready ? {} : { "Retry-After": "5" }) },
  });
}
