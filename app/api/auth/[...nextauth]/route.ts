import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { nextAuthRefusal } from "@/lib/auth/nextauth-guard";

// Built per request so configuration (secrets, SSO connections) is read at run time, not at
// build, and so the request's address is recorded with the session it creates.
async function handler(req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) {
  const params = await ctx.params;
  const refusal = await nextAuthRefusal(req, params.nextauth.join("/"));
  if (refusal) return refusal;
  return NextAuth(req as never, { params } as never, await authOptions(req));
}

export { handler as GET, handler as POST };
