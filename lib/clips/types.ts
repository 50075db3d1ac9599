// The shapes the clips parts share (issue 21): the engine (lib/clips) runs SQL as a municipality's
// clips role and describes the schema; lib/flows/clips.ts and lib/data/clips.ts keep runs and saved
// clips; the pages and the API show them. Types only.

/** A result column: its name and PostgreSQL type name ("text", "timestamp", "int8", …). */
export type ClipColumn = { name: string; type: string };

/** A result cell as JSON: numbers that fit, strings (timestamps ISO 8601, big numbers, arrays as JSON), booleans, null. */
export type ClipCell = string | number | boolean | null;

/** What a successful run returns: at most the row cap of rows; `truncated` when there were more. */
export type ClipResult = {
  columns: ClipColumn[];
  rows: ClipCell[][];
  rowCount: number;
  truncated: boolean;
  durationMs: number;
};

/** A run's outcome: PostgreSQL's own message (never server internals) when it failed. */
export type ClipOutcome =
  { ok: true; result: ClipResult } | { ok: false; error: string; position?: number; durationMs: number };

/** Whether clips can run for a municipality: the schema and its role exist. */
export type ClipsAvailability = { ready: true } | { ready: false; reason: string };

/** One view of the clips schema as the editor's sidebar shows it. */
export type ClipsView = { name: string; description: string; columns: ClipColumn[] };
