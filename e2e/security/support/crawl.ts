// Signing in over HTTP (next-auth's real credentials endpoint) and fetching many URLs with a
// small amount of parallelism, without following redirects, so the answer itself is judged.
import { request, type APIRequestContext } from "@playwright/test";
import { enrollsAtSignIn, finishPendingSignIns } from "../../../test/fixtures/sign-in";

export type Fetched = { status: number; location: string | null; body: string; contentType: string };

export async function anonymousContext(baseURL: string): Promise<APIRequestContext> {
  return request.newContext({ baseURL });
}

export async function signedInContext(baseURL: string, email: string, password: string): Promise<APIRequestContext> {
  const ctx = await request.newContext({ baseURL });
  const { csrfToken } = (await (await ctx.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await ctx.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password, callbackUrl: `${baseURL}/w`, json: "true" },
    maxRedirects: 0,
  });
  // Platform accounts wait at enrollment (MFA is always required of them): completed here.
  if (enrollsAtSignIn(email)) await finishPendingSignIns(email);
  const me = await ctx.get("/api/v1/me");
  if (me.status() !== 200)
    throw new Error(`sign-in as ${email} failed (callback ${res.status()}, /api/v1/me ${me.status()})`);
  return ctx;
}

export async function fetchOnce(ctx: APIRequestContext, path: string, rsc = false): Promise<Fetched> {
  const res = await ctx.get(path, { maxRedirects: 0, headers: rsc ? { RSC: "1" } : {}, failOnStatusCode: false });
  return {
    status: res.status(),
    location: res.headers()["location"] ?? null,
    body: await res.text(),
    contentType: res.headers()["content-type"] ?? "",
  };
}

/** Runs jobs with at most `limit` in flight (the server under test shares two cores with us). */
export async function inParallel<T, R>(items: T[], limit: number, job: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await job(items[i]!);
      }
    }),
  );
  return out;
}
