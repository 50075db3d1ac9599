import { clientIpFrom } from "@/lib/auth/client-ip";
import { handleSamlResponse } from "@/lib/auth/saml";
import { samlRefusalTarget } from "@/lib/auth/saml-messages";
import { seeOther } from "../see-other";

/**
 * The assertion consumer service (HTTP-POST binding): the IdP's page posts SAMLResponse and
 * RelayState here. Any bytes get an answer: a refusal goes to the sign-in page with its reason,
 * a success to /signin/saml with a one-time ticket in the fragment (never sent to any server).
 */
/** Only the IdP's page posts here; a visit (a bookmark, a back button) goes to the sign-in page. */
export async function GET() {
  return seeOther("/signin");
}

export async function POST(req: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  let form: { SAMLResponse?: unknown; RelayState?: unknown } = {};
  if ((req.headers.get("content-type") ?? "").toLowerCase().startsWith("application/x-www-form-urlencoded")) {
    try {
      const body = new URLSearchParams(await req.text());
      form = { SAMLResponse: body.get("SAMLResponse") ?? undefined, RelayState: body.get("RelayState") ?? undefined };
    } catch {
      form = {};
    }
  }
  const r = await handleSamlResponse(slug, form, { ip: clientIpFrom(req.headers) });
  if (!r.ok) return seeOther(samlRefusalTarget(slug, r));
  return seeOther(`/signin/saml#ticket=${encodeURIComponent(r.ticket)}&next=${encodeURIComponent(r.next)}`);
}
