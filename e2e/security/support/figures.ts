// Each security suite records what it tried (routes × accounts, markers, payloads, faults) so
// the README's "Security and reliability" figures come from a run, not from memory.
// Files land in test-results/security-figures/<reduced|full>/<suite>.json;
// `npm run security:figures` prints them as the README's tables.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { FULL } from "./size";

export const FIGURES_DIR = path.resolve(import.meta.dirname, "../../../test-results/security-figures");

export function recordFigures(suite: string, figures: Record<string, number | string>): void {
  const dir = path.join(FIGURES_DIR, FULL ? "full" : "reduced");
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, `${suite}.json`), JSON.stringify({ suite, size: FULL ? "full" : "reduced", at: new Date().toISOString(), ...figures }, null, 2));
}
