// "Back to the service" on the no-access page: the service gets access_denied for this sign-in.
// A plain form POST answered with a 303, so the browser leaves for the provider (a node handler,
// not a Next route) in a full navigation. Only the browser the interaction is bound to can do it
// (lib/services/oidc-interaction.ts); proxy.ts refuses cross-site posts.
import { refuseServiceSignIn } from "@/lib/services/oidc-interaction";

export const dynamic = "force-dynamic";

export async function POST(req: Request, { params }: { params: Promise<{ uid: string }> }) {
  const { uid } = await params;
  const to = await refuseServiceSignIn(uid, req.headers.get("cookie"));
  const location = to ?? `/services/sign-in/${encodeURIComponent(uid)}`;
  return new Response(null, { status: 303, headers: { Location: location, "Cache-Control": "no-store" } });
}

/** Nothing to do on GET: back to the page, which says where this sign-in stands. */
export async function GET(_req: Request, { params }: { params: Promise<{ uid: string }> }) {
  const { uid } = await params;
  return new Response(null, {
    status: 303,
    headers: { Location: `/services/sign-in/${encodeURIComponent(uid)}`, "Cache-Control": "no-store" },
  });
}
