// scripts/http-metrics.mjs on a real HTTP server, counting into lib/ops/metrics.ts's registry as
// scripts/server.mjs does: route patterns from a routes manifest in Next's own format, never paths.
import { createServer, type Server } from "node:http";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { figure, samples } from "@/test/fixtures/metrics";
import { freePort } from "@/test/fixtures/free-port";
import { metrics, metricsText } from "@/lib/ops/metrics";
import { countRequests, routeMatcher, UNMATCHED } from "./http-metrics.mjs";

// As `next build` writes it: static routes, then dynamic ones most specific first.
const MANIFEST = {
  version: 3,
  staticRoutes: [
    { page: "/", regex: "^/(?:/)?$", routeKeys: {}, namedRegex: "^/(?:/)?$" },
    { page: "/signin", regex: "^/signin(?:/)?$", routeKeys: {}, namedRegex: "^/signin(?:/)?$" },
    { page: "/healthz", regex: "^/healthz(?:/)?$", routeKeys: {}, namedRegex: "^/healthz(?:/)?$" },
  ],
  dynamicRoutes: [
    {
      page: "/w/[slug]/requests/new",
      regex: "^/w/([^/]+?)/requests/new(?:/)?$",
      routeKeys: { nxtPslug: "nxtPslug" },
      namedRegex: "^/w/(?<nxtPslug>[^/]+?)/requests/new(?:/)?$",
    },
    {
      page: "/w/[slug]/requests/[id]",
      regex: "^/w/([^/]+?)/requests/([^/]+?)(?:/)?$",
      routeKeys: { nxtPslug: "nxtPslug", nxtPid: "nxtPid" },
      namedRegex: "^/w/(?<nxtPslug>[^/]+?)/requests/(?<nxtPid>[^/]+?)(?:/)?$",
    },
    {
      page: "/scim/v2/[slug]/[[...path]]",
      regex: "^/scim/v2/([^/]+?)(?:/(.+?))?(?:/)?$",
      routeKeys: { nxtPslug: "nxtPslug", nxtPpath: "nxtPpath" },
      namedRegex: "^/scim/v2/(?<nxtPslug>[^/]+?)(?:/(?<nxtPpath>.+?))?(?:/)?$",
    },
  ],
};

let dir: string;
let server: Server;
let base: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "gatehouse-routes-"));
  mkdirSync(path.join(dir, ".next"));
  writeFileSync(path.join(dir, ".next/routes-manifest.json"), JSON.stringify(MANIFEST));
  metrics();
  const count = countRequests(dir);
  server = createServer((req, res) => {
    count(req, res);
    if (req.url?.startsWith("/hang")) {
      res.writeHead(200);
      res.write("partial");
      return; // the client gives up; nothing ends this answer
    }
    res.writeHead(req.url?.startsWith("/w/") ? 200 : 404, { "Content-Type": "text/plain" });
    res.end("ok");
  });
  const port = await freePort();
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
  base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  rmSync(dir, { recursive: true, force: true });
});

describe("route patterns", () => {
  it("names each path by the route of the build it reaches, the more specific route first", () => {
    const routeOf = routeMatcher(dir);
    const named = Object.fromEntries(
      [
        "/",
        "/signin?next=%2Fw",
        "/signin/",
        "/w/riverton/requests/new",
        "/w/riverton/requests/cm9x1abc",
        "/scim/v2/riverton/Users/42",
        "/_next/static/chunks/main-123.js",
        "/oidc/auth?client_id=x",
        "/wp-login.php",
        "/w/riverton/requests/a/b",
      ].map((url) => [url, routeOf(url)]),
    );
    expect(named).toEqual({
      "/": "/",
      "/signin?next=%2Fw": "/signin",
      "/signin/": "/signin",
      "/w/riverton/requests/new": "/w/[slug]/requests/new",
      "/w/riverton/requests/cm9x1abc": "/w/[slug]/requests/[id]",
      "/scim/v2/riverton/Users/42": "/scim/v2/[slug]/[[...path]]",
      "/_next/static/chunks/main-123.js": "/_next/static",
      "/oidc/auth?client_id=x": "/oidc",
      "/wp-login.php": UNMATCHED,
      "/w/riverton/requests/a/b": UNMATCHED,
    });
  });

  it("without a build every page is one unmatched series", () => {
    const routeOf = routeMatcher(mkdtempSync(path.join(tmpdir(), "gatehouse-nobuild-")));
    expect(routeOf("/w/riverton/requests/x")).toBe(UNMATCHED);
    expect(routeOf("/_next/static/x.js")).toBe("/_next/static");
  });
});

describe("counting requests", () => {
  it("counts each request under its route pattern, method and status, with its duration", async () => {
    const at = (text: string, labels: Record<string, string>) =>
      figure(text, "gatehouse_http_requests_total", labels) ?? 0;
    const before = (await metricsText()).body;
    await fetch(`${base}/w/riverton/requests/one`);
    await fetch(`${base}/w/lakeside/requests/two?x=1`);
    await fetch(`${base}/w/riverton/requests/one`, { method: "POST", body: "x" });
    await fetch(`${base}/no/such/page`);
    const after = (await metricsText()).body;
    const delta = (labels: Record<string, string>) => at(after, labels) - at(before, labels);
    expect(delta({ route: "/w/[slug]/requests/[id]", method: "GET", status: "200" })).toBe(2);
    expect(delta({ route: "/w/[slug]/requests/[id]", method: "POST", status: "200" })).toBe(1);
    expect(delta({ route: UNMATCHED, method: "GET", status: "404" })).toBe(1);
    expect(
      figure(after, "gatehouse_http_request_duration_seconds_count", {
        route: "/w/[slug]/requests/[id]",
        method: "GET",
        status: "200",
      }),
    ).toBeGreaterThanOrEqual(2);
    // Never a raw path or a slug in a label.
    const routes = new Set(samples(after).flatMap((s) => (s.labels.route ? [s.labels.route] : [])));
    expect([...routes].filter((r) => /riverton|lakeside|one|two|such/.test(r))).toEqual([]);
  });

  it("counts a request whose client went away before the answer ended as aborted", async () => {
    const at = (text: string) =>
      figure(text, "gatehouse_http_requests_total", { route: UNMATCHED, status: "aborted" }) ?? 0;
    const before = at((await metricsText()).body);
    const controller = new AbortController();
    const res = await fetch(`${base}/hang`, { signal: controller.signal });
    controller.abort();
    await res.text().catch(() => undefined);
    await expect.poll(async () => at((await metricsText()).body) - before).toBe(1);
  });
});
