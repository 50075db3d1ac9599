// Runs Prisma 6.19's CLI (package alias "prisma6") for `migrate diff`: its WASM schema engine
// ships in npm, so migration SQL can be produced offline (TOOLCHAIN.md). It needs a reachable
// PostgreSQL for its adapter even though a schema-to-schema diff reads nothing from it.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** Prisma 6 wants `url` in the datasource block; Prisma 7 forbids it. Add it to a temp copy. */
function p6Schema(schemaPath: string, dir: string): string {
  const text = readFileSync(schemaPath, "utf8").replace(
    /datasource db \{\s*provider\s*=\s*"postgresql"\s*\}/,
    'datasource db {\n  provider = "postgresql"\n  url      = env("P6_URL")\n}',
  );
  const out = path.join(dir, path.basename(schemaPath));
  writeFileSync(out, text);
  return out;
}

/** SQL that turns the database described by `from` (or nothing) into `to`. */
export function diffSql(databaseUrl: string, to: string, from?: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), "gatehouse-p6-"));
  const args = [
    path.join(ROOT, "node_modules/prisma6/build/index.js"),
    "migrate",
    "diff",
    "--config",
    path.join(ROOT, "prisma/p6.config.ts"),
    ...(from ? ["--from-schema-datamodel", p6Schema(from, dir)] : ["--from-empty"]),
    "--to-schema-datamodel",
    p6Schema(to, dir),
    "--script",
  ];
  const placeholder = path.join(ROOT, "package.json");
  return execFileSync(process.execPath, args, {
    cwd: ROOT,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      P6_URL: databaseUrl,
      // generate/diff never run these engines, but the CLI insists that a file exists.
      PRISMA_QUERY_ENGINE_LIBRARY: placeholder,
      PRISMA_SCHEMA_ENGINE_BINARY: placeholder,
      PRISMA_HIDE_UPDATE_MESSAGE: "1",
      CHECKPOINT_DISABLE: "1",
    },
  });
}
