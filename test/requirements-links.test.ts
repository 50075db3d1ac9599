// Comments and documents cite the source documents' demands as docs/requirements.md#<anchor>
// (the documents themselves are not in the repository). A citation whose anchor does not exist
// is a broken promise to the reader: this fails on it.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");
const SKIP = new Set(["node_modules", ".next", ".data", "generated", "test-results", "playwright-report", ".git"]);

function files(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(path.join(ROOT, dir))) {
    if (SKIP.has(name)) continue;
    const rel = path.join(dir, name);
    if (statSync(path.join(ROOT, rel)).isDirectory()) files(rel, out);
    else if (/\.(ts|tsx|mjs|yaml|prisma|md)$/.test(name)) out.push(rel);
  }
  return out;
}

describe("docs/requirements.md", () => {
  it("has an anchor for every citation of it in the tree", () => {
    const doc = readFileSync(path.join(ROOT, "docs/requirements.md"), "utf8");
    const anchors = new Set([...doc.matchAll(/<a id="([a-z0-9-]+)"><\/a>/g)].map((m) => m[1]));
    expect(anchors.size).toBe(5);
    const broken: string[] = [];
    for (const f of files(".")) {
      for (const m of readFileSync(path.join(ROOT, f), "utf8").matchAll(/requirements\.md#([a-z0-9-]+)/g)) {
        if (!anchors.has(m[1]!)) broken.push(`${f}: #${m[1]}`);
      }
    }
    expect(broken).toEqual([]);
  });
});
