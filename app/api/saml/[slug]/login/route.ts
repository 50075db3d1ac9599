import { clientIpFrom } from "@/lib/auth/client-ip";
import { SAML_BINDING_COOKIE, startSamlLogin } from "@/lib/auth/saml";
import { env } from "@/lib/env";
import { seeOther } from "../see-other";

/** Starts a SAML sign-in: an AuthnRequest to the municipality's IdP (HTTP-Redirect binding). */
export async function GET(req: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const next = new URL(req.url).searchParams.get("next");
  const r = await startSamlLogin(slug, next, clientIpFrom(req.headers));
  if (!r.ok)
    return seeOther(`/signin?error=${r.reason === "rate_limited" ? "SamlRateLimited" : "SamlUnknownConnection"}`);
  const res = seeOther(r.url);
  const secure = env().APP_URL.startsWith("https:") ? "; Secure" : "";
  // Lax: sent with the ticket's redemption (a same-site request after the IdP's post), not cross-site.
  res.headers.append(
    "Set-Cookie",
    `${SAML_BINDING_COOKIE}=${r.binding}; Path=/; Max-Age=900; HttpOnly; SameSite=Lax${secure}`,
  );
  return res;
}
