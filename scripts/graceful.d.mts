// Types for scripts/graceful.mjs (plain JavaScript run by `node`), for the TypeScript that imports it.
import type http from "node:http";

export const SHUTDOWN_HOOKS: symbol;
export const SERVER_HEADER: string;
export function serverNameFrom(env?: Record<string, string | undefined>): string | undefined;
export function shutdownTimeoutFrom(env?: Record<string, string | undefined>): number;
export function graceful(
  server: http.Server,
  opts: {
    close(): Promise<void>;
    env?: Record<string, string | undefined>;
    log?: { info(msg: string): void; error(msg: string): void };
    exit?(code: number): void;
  },
): {
  before(req: http.IncomingMessage, res: http.ServerResponse): boolean;
  stop(signal: string): Promise<void>;
  draining(): boolean;
  inFlight(): number;
};
