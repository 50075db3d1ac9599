import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";

// Built per request so configuration (secrets, providers) is read at run time, not at build.
async function handler(req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) {
  return NextAuth(req as never, { params: await ctx.params } as never, await authOptions());
}

export { handler as GET, handler as POST };
