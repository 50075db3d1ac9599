// What next-auth's catch-all route refuses before next-auth sees the request. next-auth answers
// several kinds of bad input as its own misconfiguration — a 500 — and its session endpoint
// trusts the cookie's JWT alone; each check here turns one of those into the right answer.
import "server-only";
import { isParsableCallbackUrl } from "./safe-redirect";
import { getSession } from "./current-session";

const CALLBACK_COOKIES = ["next-auth.callback-url", "__Secure-next-auth.callback-url"];

const refuse = (status: number, message: string, headers: Record<string, string> = {}) =>
  new Response(message, {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", ...headers },
  });

// Read as next-auth reads it: Next's cookies() drops a value whose %-encoding is broken, which
// next-auth would still see (raw) and fail on.
function cookie(req: Request, name: string): string | null {
  for (const part of (req.headers.get("cookie") ?? "").split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) {
      try {
        return decodeURIComponent(v.join("="));
      } catch {
        return v.join("=");
      }
    }
  }
  return null;
}

/** The answer to give instead of next-auth's, or null to let next-auth handle the request. */
export async function nextAuthRefusal(req: Request, path: string): Promise<Response | null> {
  // A credentials callback (password, passkey, SAML ticket) by GET is a 500 ("not supported") in
  // next-auth; the forms only POST.
  if (req.method === "GET" && ["callback/credentials", "callback/passkey", "callback/saml"].includes(path)) {
    return refuse(405, "Sign in with the form: this address takes POST only.", { Allow: "POST" });
  }
  // The session endpoint reads only the cookie's JWT; a session revoked, expired or ended by
  // deactivation on the server must not be reported as signed in there either.
  if (req.method === "GET" && path === "session" && (await getSession()).status !== "active") {
    return Response.json({}, { headers: { "Cache-Control": "no-store" } });
  }
  const url = new URL(req.url);
  // A repeated parameter reaches next-auth as an array it cannot use (a second callbackUrl is a
  // 500); none of its addresses takes one twice.
  const repeated = [...new Set(url.searchParams.keys())].find((k) => url.searchParams.getAll(k).length > 1);
  if (repeated !== undefined) return refuse(400, `The parameter "${repeated.slice(0, 40)}" may be given once.`);
  // A callbackUrl it cannot parse (parameter or cookie) is a 500 too; it is the caller's bad input.
  const param = url.searchParams.get("callbackUrl");
  if (param !== null && !isParsableCallbackUrl(param, url.origin))
    return refuse(400, "callbackUrl must be a path on this site or an http(s) address.");
  for (const name of CALLBACK_COOKIES) {
    const value = cookie(req, name);
    if (value !== null && !isParsableCallbackUrl(value, url.origin)) {
      return refuse(400, "The sign-in return address was not valid; it has been cleared. Please try again.", {
        "Set-Cookie": `${name}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax`,
      });
    }
  }
  return null;
}
