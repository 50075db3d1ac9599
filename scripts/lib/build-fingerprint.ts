// "Build if needed": a production build is reused while no source file changed since.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");
const INPUTS = [
  "app",
  "lib",
  "policies",
  "public",
  "proxy.ts",
  "instrumentation.ts",
  "next.config.mjs",
  "package-lock.json",
  "tsconfig.json",
  "postcss.config.mjs",
  "prisma/schema.prisma",
];
const STAMP = path.join(ROOT, ".next", "gatehouse-fingerprint");

function walk(p: string, out: string[]) {
  if (!existsSync(p)) return;
  const st = statSync(p);
  if (st.isDirectory()) {
    for (const e of readdirSync(p)) if (e !== "node_modules" && !e.endsWith(".test.ts")) walk(path.join(p, e), out);
  } else {
    out.push(`${path.relative(ROOT, p)}:${st.size}:${Math.floor(st.mtimeMs)}`);
  }
}

export function fingerprint(): string {
  const files: string[] = [];
  for (const i of INPUTS) walk(path.join(ROOT, i), files);
  return createHash("sha256").update(files.sort().join("\n")).digest("hex");
}

export function buildIsCurrent(): boolean {
  return (
    existsSync(path.join(ROOT, ".next", "BUILD_ID")) &&
    existsSync(STAMP) &&
    readFileSync(STAMP, "utf8") === fingerprint()
  );
}

/** Record the fingerprint taken *before* the build: a file changed during the build makes the next start build again. */
export function markBuilt(before: string): void {
  writeFileSync(STAMP, before);
}
