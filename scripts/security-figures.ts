// Prints what the security and race suites tried in their last runs (reduced and full size), as
// recorded by test/fixtures/figures.ts: the source of the README's figures.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { FIGURES_DIR } from "../test/fixtures/figures";

let any = false;
for (const size of ["reduced", "full"]) {
  const dir = path.join(FIGURES_DIR, size);
  if (!existsSync(dir)) continue;
  any = true;
  console.log(`\n## ${size} size\n\n| suite | recorded at | figures |\n| --- | --- | --- |`);
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()) {
    const {
      suite,
      at,
      size: _size,
      ...figures
    } = JSON.parse(readFileSync(path.join(dir, file), "utf8")) as Record<string, unknown>;
    const text = Object.entries(figures)
      .map(([k, v]) => `${k} ${typeof v === "number" ? v.toLocaleString("en") : String(v)}`)
      .join(", ");
    console.log(`| ${String(suite)} | ${String(at).slice(0, 16)} | ${text} |`);
  }
}
if (!any) console.log("No figures yet: run `npm test` or `npm run test:security:full` first.");
