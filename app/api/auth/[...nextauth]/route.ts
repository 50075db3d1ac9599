import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";

// Built per request so configuration (secrets, SSO connections) is read at run time, not at
// build, and so the request's address is recorded with the session it creates.
async function handler(req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) {
  const params = await ctx.params;
  // next-auth answers a credentials callback by GET with a 500 ("not supported"); the credentials
  // form only ever POSTs, so say what is wrong instead.
  if (req.method === "GET" && params.nextauth.join("/") === "callback/credentials") {
    return new Response("Sign in with the form: this address takes POST only.", { status: 405, headers: { Allow: "POST", "Content-Type": "text/plain; charset=utf-8" } });
  }
  return NextAuth(req as never, { params } as never, await authOptions(req));
}

export { handler as GET, handler as POST };
