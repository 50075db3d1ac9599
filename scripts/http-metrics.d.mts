// Types for scripts/http-metrics.mjs (plain JavaScript run by `node`), for the TypeScript that imports it.
import type http from "node:http";

export const UNMATCHED: string;
export function routeMatcher(dir: string): (url?: string) => string;
export function countRequests(dir: string): (req: http.IncomingMessage, res: http.ServerResponse) => void;
