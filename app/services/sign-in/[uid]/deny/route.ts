// "Back to the service" on the no-access page: the service gets access_denied for this sign-in.
// A plain link (GET) answered with a 303: the browser then leaves through the provider to the
// service's own address, which the page's Content-Security-Policy (form-action 'self') would block
// at the end of a form submission's redirects. Only the browser the interaction is bound to can
// do it (lib/services/oidc-interaction.ts), and all it can do is refuse that browser's own pending
// sign-in to a service the person may not use: there is nothing for a forged request to gain.
import { refuseServiceSignIn } from "@/lib/services/oidc-interaction";

export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ uid: string }> }) {
  const { uid } = await params;
  const to = await refuseServiceSignIn(uid, req.headers.get("cookie"));
  // Gone (expired, another browser's): back to the page, which says so.
  const location = to ?? `/services/sign-in/${encodeURIComponent(uid)}`;
  return new Response(null, { status: 303, headers: { Location: location, "Cache-Control": "no-store" } });
}
