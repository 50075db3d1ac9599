// autocannon ships no type declarations; this is the part of its API the benchmark uses.
declare module "autocannon" {
  import type { EventEmitter } from "node:events";

  export type Options = {
    url: string;
    connections?: number;
    /** Seconds. */
    duration?: number;
    headers?: Record<string, string>;
    pipelining?: number;
    /** Seconds before a request counts as a timeout. */
    timeout?: number;
  };

  export type Result = {
    requests: { total: number; average: number };
    duration: number;
    errors: number;
    timeouts: number;
    non2xx: number;
    "2xx": number;
  };

  /** Emits "response" (client, statusCode, resBytes, responseTimeMs) for every response. */
  export type Instance = EventEmitter & { stop(): void };

  export default function autocannon(opts: Options, cb: (err: Error | null, result: Result) => void): Instance;
}
