// Calling a server action over HTTP exactly as the browser does: the action id from the build's
// server-reference manifest, the arguments encoded by React's own encodeReply (JSON text, or
// multipart for FormData), the answer read from the RSC stream.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";

const ROOT = path.resolve(import.meta.dirname, "../../..");
const require = createRequire(import.meta.url);
const { encodeReply } = require(
  path.join(ROOT, "node_modules/next/dist/compiled/react-server-dom-webpack/client.node.js"),
) as {
  encodeReply: (args: unknown[]) => Promise<string | FormData>;
};

export type BuiltAction = { id: string; name: string; file: string; pages: string[] };

/** Every server action of the production build. */
export function builtActions(): BuiltAction[] {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, ".next/server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { workers: Record<string, unknown>; filename: string; exportedName: string }>;
  };
  return Object.entries(manifest.node).map(([id, a]) => ({
    id,
    name: a.exportedName,
    file: a.filename,
    pages: Object.keys(a.workers),
  }));
}

/** A FormData argument, written as a plain record so cases stay data (a Blob: an uploaded file). */
export type FormArg = { form: Record<string, string | string[] | Blob> };
export type ActionArg = FormArg | unknown;

function isForm(a: unknown): a is FormArg {
  return typeof a === "object" && a !== null && "form" in a && Object.keys(a).length === 1;
}

export type ActionAnswer = { status: number; ok: boolean | null; redirect: string | null; body: string };

export async function callAction(
  ctx: APIRequestContext,
  baseURL: string,
  action: BuiltAction,
  pagePath: string,
  args: ActionArg[],
): Promise<ActionAnswer> {
  const encoded = await encodeReply(
    args.map((a) => {
      if (!isForm(a)) return a;
      const fd = new FormData();
      for (const [k, v] of Object.entries(a.form)) for (const one of Array.isArray(v) ? v : [v]) fd.append(k, one);
      return fd;
    }),
  );
  const headers: Record<string, string> = { "Next-Action": action.id, Accept: "text/x-component", Origin: baseURL };
  const send = () =>
    typeof encoded === "string"
      ? ctx.post(pagePath, {
          headers: { ...headers, "Content-Type": "text/plain;charset=UTF-8" },
          data: encoded,
          maxRedirects: 0,
          failOnStatusCode: false,
        })
      : ctx.post(pagePath, { headers, multipart: encoded, maxRedirects: 0, failOnStatusCode: false });
  const res = await send().catch((e: unknown) => {
    // A kept-alive connection the server closed for idleness just as the request went out: the
    // server never read it (no answer at all), so sending it again on a new connection is safe.
    if (e instanceof Error && /ECONNRESET|socket hang up/.test(e.message)) return send();
    throw e;
  });
  const body = await res.text();
  const ok = /"ok":true/.test(body) ? true : /"ok":false/.test(body) ? false : null;
  const redirect = res.headers()["x-action-redirect"] ?? res.headers()["location"] ?? null;
  return { status: res.status(), ok, redirect, body };
}
