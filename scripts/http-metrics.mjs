// Counts every request scripts/server.mjs serves, into the metrics of lib/ops/metrics.ts (which
// keeps its registry on globalThis: this plain-JavaScript server and Next's bundles share the
// process). Each request is labelled with the route pattern it reached — `/w/[slug]/requests/[id]`
// — taken from the build's own routes manifest, never with its raw path: a raw path would make a
// series per record (and put slugs and ids into the metrics).
//
// Plain JavaScript on purpose, like server.mjs: it runs before Next has loaded anything.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

const METRICS = Symbol.for("gatehouse.metrics");
/** Label of a path no route of the build matches (mostly 404s): one series for all of them. */
export const UNMATCHED = "(unmatched)";

/**
 * The route patterns of the build in `dir` (.next/routes-manifest.json; a dev server's under
 * .next/dev), as a function from a request's path to its pattern. Static routes first, then the
 * dynamic ones in the manifest's order (Next sorts them most specific first, as it matches them).
 * Without a manifest every path is UNMATCHED except Next's own assets.
 */
export function routeMatcher(dir) {
  const file = [".next/routes-manifest.json", ".next/dev/routes-manifest.json"]
    .map((f) => path.join(dir, f))
    .find((f) => existsSync(f));
  const manifest = file ? JSON.parse(readFileSync(file, "utf8")) : {};
  const exact = new Map();
  const patterns = [];
  for (const r of [...(manifest.staticRoutes ?? []), ...(manifest.dynamicRoutes ?? [])]) {
    if (typeof r?.page !== "string" || typeof r?.regex !== "string") continue;
    const re = new RegExp(r.regex);
    patterns.push([re, r.page]);
    if (!r.page.includes("[")) exact.set(r.page, r.page);
  }
  return (url = "/") => {
    const pathname = url.split("?")[0].split("#")[0] || "/";
    if (pathname.startsWith("/_next/static/")) return "/_next/static";
    if (pathname.startsWith("/_next/image")) return "/_next/image";
    if (pathname.startsWith("/_next/")) return "/_next";
    // The OpenID Provider for connected services (served beside Next by scripts/server.mjs).
    if (/^\/oidc(\/|$)/.test(pathname)) return "/oidc";
    const hit = exact.get(pathname);
    if (hit) return hit;
    for (const [re, page] of patterns) if (re.test(pathname)) return page;
    return UNMATCHED;
  };
}

/**
 * A function for server.mjs to call first thing on each request: times it until its answer is
 * finished (or the connection closed early: status "aborted") and counts it by route pattern,
 * method and status. Requests answered before lib/ops/metrics.ts has made the registry (the
 * first moments of a start) are not counted.
 */
export function countRequests(dir) {
  const routeOf = routeMatcher(dir);
  return (req, res) => {
    const start = process.hrtime.bigint();
    const route = routeOf(req.url);
    res.once("close", () => {
      const count = globalThis[METRICS]?.countHttpRequest;
      if (typeof count !== "function") return;
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      count(route, req.method ?? "GET", res.writableFinished ? res.statusCode : "aborted", seconds);
    });
  };
}
