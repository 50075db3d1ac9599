// Why: the layer arrows (DESIGN.md "Layers") are only worth something if nothing points back up.
// This reads every import in lib/ (TypeScript's own pre-processor, so `import type`, re-exports
// and dynamic imports all count), resolves `@/lib/...` and relative specifiers to a lib folder,
// and finds cycles between folders. Test files are left out: a test may set up what it needs
// from any layer; the arrows are about the code that ships. Used by scripts/lib/layers.test.ts.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

export const ROOT = path.resolve(import.meta.dirname, "../..");

const isSource = (f: string) => /\.(ts|tsx)$/.test(f) && !/\.test\.tsx?$/.test(f) && !f.endsWith(".d.ts");

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) {
      if (name === "generated" || name === "node_modules") continue;
      walk(full, out);
    } else if (isSource(full)) out.push(full);
  }
  return out;
}

/** "lib/data" for lib/data/x.ts; "lib/db.ts" style top-level files are their own unit ("lib/db"). */
export function unitOf(relPath: string): string | null {
  const p = relPath.replace(/\\/g, "/").replace(/\.(ts|tsx|js|mjs)$/, "");
  const m = /^lib\/([^/]+)(\/|$)/.exec(p);
  if (!m) return null;
  return `lib/${m[1]}`;
}

function resolveSpecifier(fromFile: string, spec: string): string | null {
  let target: string;
  if (spec.startsWith("@/")) target = spec.slice(2);
  else if (spec.startsWith(".")) target = path.relative(ROOT, path.resolve(path.dirname(fromFile), spec));
  else return null;
  return target.replace(/\\/g, "/");
}

export type Edge = { from: string; to: string; file: string; specifier: string };

/** Every import from one lib folder (or top-level lib file) to another. */
export function libEdges(): Edge[] {
  const edges: Edge[] = [];
  for (const file of walk(path.join(ROOT, "lib"))) {
    const rel = path.relative(ROOT, file).replace(/\\/g, "/");
    const from = unitOf(rel);
    if (!from) continue;
    const info = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
    for (const ref of info.importedFiles) {
      const target = resolveSpecifier(file, ref.fileName);
      if (!target) continue;
      const to = unitOf(target);
      if (!to || to === from || to === "lib/generated") continue;
      edges.push({ from, to, file: rel, specifier: ref.fileName });
    }
  }
  return edges;
}

/** Strongly connected components with more than one folder: each is a cycle (Tarjan). */
export function folderCycles(edges: Edge[]): string[][] {
  const graph = new Map<string, Set<string>>();
  for (const e of edges) {
    if (!graph.has(e.from)) graph.set(e.from, new Set());
    if (!graph.has(e.to)) graph.set(e.to, new Set());
    graph.get(e.from)!.add(e.to);
  }
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const strong = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v)!) {
      if (!idx.has(w)) {
        strong(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const comp: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        comp.push(w);
      } while (w !== v);
      if (comp.length > 1) out.push(comp.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!idx.has(v)) strong(v);
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const edges = libEdges();
  const pairs = new Map<string, string[]>();
  for (const e of edges) {
    const k = `${e.from} -> ${e.to}`;
    pairs.set(k, [...(pairs.get(k) ?? []), `${e.file} (${e.specifier})`]);
  }
  for (const [k, files] of [...pairs].sort()) console.log(`${k}\n    ${files.join("\n    ")}`);
  console.log("\ncycles:", JSON.stringify(folderCycles(edges)));
}
