// The clips API in the OpenAPI document: every route of app/api/v1/clips with its methods, the
// request bodies the routes parse (from lib/schemas/clips.ts, so they cannot drift), and the 503
// of a municipality where clips are not set up.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "./openapi";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** app/api/v1/clips/** route files as OpenAPI paths ([id] → {id}) with their exported methods. */
function clipRoutes(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const walk = (dir: string) => {
    for (const f of readdirSync(dir)) {
      const p = path.join(dir, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (f === "route.ts") {
        const rel = path.relative(path.join(ROOT, "app"), dir).replace(/\[(\w+)\]/g, "{$1}");
        const src = readFileSync(p, "utf8");
        out.set(
          `/${rel}`,
          [...src.matchAll(/export const (GET|POST|PATCH|PUT|DELETE)\b/g)].map((m) => m[1]!.toLowerCase()),
        );
      }
    }
  };
  walk(path.join(ROOT, "app/api/v1/clips"));
  return out;
}

describe("the clips API's OpenAPI document", () => {
  const doc = openApiDocument("http://x") as unknown as {
    paths: Record<string, Record<string, { responses: Record<string, unknown>; requestBody?: unknown }>>;
    components: { schemas: Record<string, { properties?: Record<string, unknown>; additionalProperties?: unknown }> };
  };

  it("describes every clips route and method", () => {
    const routes = clipRoutes();
    expect(routes.size).toBe(7);
    for (const [p, methods] of routes) {
      expect(doc.paths[p], p).toBeDefined();
      expect(Object.keys(doc.paths[p]!).sort(), p).toEqual(methods.sort());
    }
  });

  it("takes the bodies the routes parse, strict, and says when clips are unavailable", () => {
    const save = doc.components.schemas.ClipSave!;
    expect(Object.keys(save.properties!).sort()).toEqual(["description", "name", "sql"]);
    expect(save.additionalProperties).toBe(false);
    expect(Object.keys(doc.components.schemas.ClipRunRequest!.properties!).sort()).toEqual(["clipId", "sql"]);
    expect(doc.paths["/api/v1/clips/runs"]!.post!.responses).toHaveProperty("503");
    expect(doc.paths["/api/v1/clips/{id}/runs"]!.post!.responses).toHaveProperty("201");
  });
});
