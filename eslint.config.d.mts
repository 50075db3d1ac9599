// Types for what scripts/lib/layers.test.ts imports from eslint.config.mjs.
import type { Linter } from "eslint";

/** lib folder (or top-level lib module) → the lib folders it may import. */
export declare const LAYERS: Record<string, string[]>;
declare const config: Linter.Config[];
export default config;
