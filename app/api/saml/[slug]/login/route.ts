import { clientIpFrom } from "@/lib/auth/client-ip";
import { startSamlLogin } from "@/lib/auth/saml";
import { seeOther } from "../see-other";

/** Starts a SAML sign-in: an AuthnRequest to the municipality's IdP (HTTP-Redirect binding). */
export async function GET(req: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const next = new URL(req.url).searchParams.get("next");
  const r = await startSamlLogin(slug, next, clientIpFrom(req.headers));
  if (!r.ok)
    return seeOther(`/signin?error=${r.reason === "rate_limited" ? "SamlRateLimited" : "SamlUnknownConnection"}`);
  return seeOther(r.url);
}
