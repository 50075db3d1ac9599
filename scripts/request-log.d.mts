// Types for scripts/request-log.mjs (plain JavaScript run by `node`), for the TypeScript that imports it.
import type http from "node:http";
import type { Logger } from "pino";

export const serverLog: () => Logger;
export function loggedPath(url?: string): string;
export function withRequestLog(
  listener: (req: http.IncomingMessage, res: http.ServerResponse) => void,
): (req: http.IncomingMessage, res: http.ServerResponse) => void;
export function markUpgrade(req: http.IncomingMessage): void;
