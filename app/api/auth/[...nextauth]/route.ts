import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { isParsableCallbackUrl } from "@/lib/auth/safe-redirect";
import { getSession } from "@/lib/auth/session";

const CALLBACK_COOKIES = ["next-auth.callback-url", "__Secure-next-auth.callback-url"];

const refuse = (status: number, message: string, headers: Record<string, string> = {}) =>
  new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", ...headers } });

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

// Built per request so configuration (secrets, SSO connections) is read at run time, not at
// build, and so the request's address is recorded with the session it creates.
async function handler(req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) {
  const params = await ctx.params;
  // next-auth answers a credentials callback by GET with a 500 ("not supported"); the credentials
  // form only ever POSTs, so say what is wrong instead.
  if (req.method === "GET" && params.nextauth.join("/") === "callback/credentials") {
    return refuse(405, "Sign in with the form: this address takes POST only.", { Allow: "POST" });
  }
  // next-auth's session endpoint reads only the cookie's JWT; a session revoked, expired or
  // ended by deactivation on the server must not be reported as signed in there either.
  if (req.method === "GET" && params.nextauth.join("/") === "session" && (await getSession()).status !== "active") {
    return Response.json({}, { headers: { "Cache-Control": "no-store" } });
  }
  // next-auth treats a callbackUrl it cannot parse (parameter or cookie) as its own
  // misconfiguration and answers 500; it is the caller's bad input.
  const url = new URL(req.url);
  // next-auth reads a repeated parameter as an array, which it cannot use (a repeated callbackUrl
  // is again a 500); none of its addresses takes one twice.
  const repeated = [...new Set(url.searchParams.keys())].find((k) => url.searchParams.getAll(k).length > 1);
  if (repeated !== undefined) return refuse(400, `The parameter "${repeated.slice(0, 40)}" may be given once.`);
  const param = url.searchParams.get("callbackUrl");
  if (param !== null && !isParsableCallbackUrl(param, url.origin)) return refuse(400, "callbackUrl must be a path on this site or an http(s) address.");
  for (const name of CALLBACK_COOKIES) {
    const value = cookie(req, name);
    if (value !== null && !isParsableCallbackUrl(value, url.origin)) {
      return refuse(400, "The sign-in return address was not valid; it has been cleared. Please try again.", { "Set-Cookie": `${name}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax` });
    }
  }
  return NextAuth(req as never, { params } as never, await authOptions(req));
}

export { handler as GET, handler as POST };
