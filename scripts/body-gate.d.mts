// Types for scripts/body-gate.mjs (plain JavaScript run by `node`), for the TypeScript that imports it.
import type http from "node:http";

export const MAX_BODY_BYTES: number;
export const UPLOAD_BODY_BYTES: number;
export const UPLOAD_PATHS: RegExp[];
export const TOO_LARGE_HEADER: string;
export function bodyLimitFor(req: {
  method?: string;
  url?: string;
  headers: Record<string, string | string[] | undefined>;
}): number;
export function gateBody(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  limit: number,
  proceed: (forNext: http.IncomingMessage) => void,
): void;
