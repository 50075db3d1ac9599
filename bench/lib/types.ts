// The shape of bench/results.json (also what bench/lib/report.ts renders).
import type { Summary } from "./stats.ts";
import type { LogoutLatencyResult } from "./logout-latency.ts";

export type AbilityResult = {
  principal: string;
  rules: number;
  /** buildAbility with the ability cache emptied before every call (compiled policies stay cached). */
  coldUs: Summary;
  /** buildAbility for a principal already in the cache. */
  cachedUs: Summary;
};

export type PerRequestResult = {
  /** Bearer token → principal (token, holder, memberships, module switches in one statement) → staff viewer. */
  bearerToViewerMs: Summary;
  /** Session path without the cookie: fresh principal from the database → staff viewer. */
  principalToViewerMs: Summary;
  /** Statements each path sends to the database (steady state: the token's use already recorded). */
  roundTrips?: { bearerToViewer: number; principalToViewer: number; publicViewer: number };
};

export type Explain = { sql: string; plan: string; seqScan: boolean; executionMs: number | null };

export type ListResult = {
  scenario: string;
  label: string;
  /** Rows the principal may read (what the policy lets through), for context. */
  rowsInScope: number;
  libdataMs: Summary;
  handMs: Summary;
  /** median(lib/data) / median(hand SQL). */
  ratio: number;
  identical: boolean;
  mismatch?: string;
  naive?: { ms: Summary; scannedRows: number; ratio: number; identical: boolean; capped: boolean };
  explain?: Explain;
  /** Statements lib/data sent for one page (Prisma's query log). */
  statements?: number;
};

/** Median ms of the manager's page, layer by layer (see measure.ts, overheadBreakdown). */
export type Breakdown = {
  pg: number;
  prismaRaw: number;
  prismaPlain?: number;
  prismaFindMany: number;
  libdata: number;
  projection: number;
};

export type HttpResult = {
  /** floor: a route with no database work (the OpenAPI document) — what Next and proxy.ts cost alone. */
  /** authzen: POST /access/v1/evaluation (one decision); authzen-batch: /access/v1/evaluations (bench/lib/authzen.ts). */
  endpoint: "public" | "staff" | "floor" | "authzen" | "authzen-batch";
  path: string;
  connections: number;
  durationS: number;
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  non2xx: number;
};

/** AuthZEN decisions on the production server (bench/lib/authzen.ts). */
export type AuthzenResult = {
  batchSize: number;
  runs: HttpResult[];
  /** Decisions per second batched ÷ single, by connections. */
  ratio: { "1": number; "8": number };
  note?: string;
};

export type SizeResult = {
  size: string;
  rows: number;
  database: { name: string; reused: boolean; seconds: number; phases: Record<string, number> };
  ability: AbilityResult[];
  perRequest: PerRequestResult;
  /** The staff API's page: cursor paging, 50 rows, no total. */
  lists: ListResult[];
  /** The workspace's page: offset paging, 50 rows plus the total count. */
  workspace: ListResult[];
  /** The public map's open requests within the map's bounds (lib/data/request-map.ts), capped. */
  map?: ListResult[];
  breakdown?: Breakdown;
  http: HttpResult[];
  httpNote?: string;
  authzen?: AuthzenResult;
};

export type Results = {
  generatedAt: string;
  mode: "small" | "full";
  machine: {
    cpus: number;
    cpuModel: string;
    loadavgAtStart: number[];
    loadavgAtEnd: number[];
    node: string;
    postgres: string;
  };
  build: { reused: boolean; current: boolean; seconds: number; note?: string };
  sizes: SizeResult[];
  /** Connected services: deactivate → back-channel logout received by the permits demo. */
  servicesLogout?: LogoutLatencyResult;
  totalSeconds: number;
};
