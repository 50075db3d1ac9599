// Each security suite records what it tried (routes × accounts, markers, payloads, faults) so
// the README's "Security and reliability" figures come from a run, not from memory.
// Files land in test-results/security-figures/<suite>.json; scripts/security-figures.ts sums them.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { FULL } from "./size";

const DIR = path.resolve(import.meta.dirname, "../../../test-results/security-figures");

export function recordFigures(suite: string, figures: Record<string, number | string>): void {
  mkdirSync(DIR, { recursive: true });
  writeFileSync(path.join(DIR, `${suite}.json`), JSON.stringify({ suite, size: FULL ? "full" : "reduced", at: new Date().toISOString(), ...figures }, null, 2));
}
