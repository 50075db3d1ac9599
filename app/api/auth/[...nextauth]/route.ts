import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";

// Built per request so configuration (secrets, SSO connections) is read at run time, not at
// build, and so the request's address is recorded with the session it creates.
async function handler(req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) {
  return NextAuth(req as never, { params: await ctx.params } as never, await authOptions(req));
}

export { handler as GET, handler as POST };
