// Liveness for a load balancer or an orchestrator: the process answers. Nothing else is asked (no
// database, no session), so a database outage never makes a healthy process look dead and get
// restarted; /readyz says whether it should get traffic. proxy.ts lets it through during an outage.
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
}
