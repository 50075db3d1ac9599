// What this server process must finish before it exits on SIGTERM (scripts/graceful.mjs runs the
// hooks once the HTTP server has drained its in-flight requests). The registry lives on
// globalThis under a Symbol.for key because two module graphs share this one process: Next's
// server bundle (where lib/jobs registers the queue) and scripts/server.mjs (which runs them).
// Keep the key equal to SHUTDOWN_HOOKS in scripts/graceful.mjs.
import "server-only";

/** `ms`: how long the hook may take (what is left of SHUTDOWN_TIMEOUT_MS); it should give up after. */
export type ShutdownHook = (ms: number) => Promise<void>;

const KEY = Symbol.for("gatehouse.shutdown.hooks");
const g = globalThis as unknown as { [KEY]?: Map<string, ShutdownHook> };

/** Idempotent by name: registering again replaces the hook (a restarted worker registers anew). */
export function onShutdown(name: string, hook: ShutdownHook): void {
  (g[KEY] ??= new Map()).set(name, hook);
}

/** The hooks registered in this process, by name (for tests and the server's shutdown). */
export function shutdownHooks(): ReadonlyMap<string, ShutdownHook> {
  return g[KEY] ?? new Map();
}
