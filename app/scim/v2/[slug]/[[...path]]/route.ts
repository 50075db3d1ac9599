// SCIM 2.0 directory sync for one municipality (lib/scim/router.ts): bearer token only, no
// session cookie is ever read here.
import { handleScim } from "@/lib/scim/router";

type Ctx = { params: Promise<{ slug: string; path?: string[] }> };

async function scim(req: Request, ctx: Ctx): Promise<Response> {
  const { slug, path } = await ctx.params;
  return handleScim(req, slug, path ?? []);
}

export const GET = scim;
export const POST = scim;
export const PUT = scim;
export const PATCH = scim;
export const DELETE = scim;
export const dynamic = "force-dynamic";
