// npm run policy:matrix — writes policies/permission-matrix.md from the policy files.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { matrixMarkdown } from "../lib/policy/matrix.ts";

const out = path.resolve(import.meta.dirname, "../policies/permission-matrix.md");
writeFileSync(out, matrixMarkdown() + "\n");
console.log(`wrote ${path.relative(process.cwd(), out)}`);
