// Prometheus metrics (lib/ops/metrics.ts, the database figures from lib/health/figures.ts), for the operator's scraper only: METRICS_TOKEN as a
// bearer token, METRICS_ALLOW as the connection addresses it may come from, or both
// (lib/ops/metrics-access.ts). Neither configured: 404, as from outside the allow-list.
import { clientIpFrom } from "@/lib/auth/client-ip";
import { metricsSettingsFrom } from "@/lib/env";
import { metricsAccess } from "@/lib/ops/metrics-access";
import { metricsText } from "@/lib/ops/metrics";
import { collectFigures } from "@/lib/health/figures";

export const dynamic = "force-dynamic";

const plain = (status: number, message: string, headers: Record<string, string> = {}) =>
  new Response(message, {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", ...headers },
  });

export async function GET(request: Request) {
  const verdict = metricsAccess(metricsSettingsFrom(), {
    // The socket's peer (no proxy hops): the allow-list never reads X-Forwarded-For.
    peer: clientIpFrom(request.headers, 0),
    authorization: request.headers.get("authorization"),
  });
  if (verdict === 404) return plain(404, "Not found.");
  if (verdict === 401)
    return plain(401, "A metrics token is needed: Authorization: Bearer <METRICS_TOKEN>.", {
      "WWW-Authenticate": 'Bearer realm="gatehouse-metrics"',
    });
  const { contentType, body } = await metricsText(collectFigures);
  return new Response(body, { headers: { "Content-Type": contentType, "Cache-Control": "no-store" } });
}
