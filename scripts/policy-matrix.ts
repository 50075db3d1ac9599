// npm run policy:matrix — writes docs/permission-matrix.md from the policy files
// (lib/policy/matrix.test.ts fails when the committed file is out of date).
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { MATRIX_DOC, matrixMarkdown } from "../lib/policy/matrix.ts";

const out = path.resolve(import.meta.dirname, "..", MATRIX_DOC);
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, matrixMarkdown() + "\n");
console.log(`wrote ${path.relative(process.cwd(), out)}`);
