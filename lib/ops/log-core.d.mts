// Types for lib/ops/log-core.mjs (plain JavaScript, also loaded by scripts/server.mjs), for the TypeScript that imports it.
import type { AsyncLocalStorage } from "node:async_hooks";
import type { Logger } from "pino";

export type LogLevel = "debug" | "info" | "warn" | "error";
export type RequestContext = { requestId: string };

export const LOG_LEVELS: readonly LogLevel[];
export const REQUEST_ID_HEADER: string;
export const CLIENT_REQUEST_ID_HEADER: string;
export const REDACTED: string;
export function scrubText(text: string): string;
export function scrub(value: unknown): unknown;
export function levelOf(value: unknown): LogLevel;
export function createLogger(opts?: { level?: string; destination?: { write(line: string): unknown } }): Logger;
export function sharedLogger(level: string): Logger;
export function requestContext(): AsyncLocalStorage<RequestContext>;
export function currentRequestId(): string | null;
export function isWellFormedRequestId(value: unknown): value is string;
export function requestIdFor(headers: Record<string, string | string[] | undefined>, trustedHops: number): string;
