// The only module that reads process.env for the app. Validated once, typed everywhere.
import { z } from "zod";

/**
 * The map's tile server (app/_components/map): a {z}/{x}/{y} template and its attribution. The
 * default is OpenStreetMap's own tile server, fine for light use under its tile usage policy; a
 * municipality with real traffic points this at its own or a commercial tile service. The
 * Content-Security-Policy allows images from this origin and no other (lib/security/headers.ts).
 */
const mapTileSettings = z.object({
  MAP_TILE_URL: z
    .string()
    .url()
    .refine((u) => /^https?:\/\//.test(u), "MAP_TILE_URL must be an http(s) URL")
    .refine((u) => ["{z}", "{x}", "{y}"].every((p) => u.includes(p)), "MAP_TILE_URL needs {z}, {x} and {y}")
    .refine((u) => !u.includes("{s}"), "MAP_TILE_URL: one host, no {s} subdomains (the CSP names one origin)")
    .default("https://tile.openstreetmap.org/{z}/{x}/{y}.png"),
  MAP_TILE_ATTRIBUTION: z
    .string()
    .max(300)
    .default('&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'),
});

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().url({ message: "DATABASE_URL must be a postgresql:// URL" }),
  /** Signs session cookies and derives the key that encrypts SSO client secrets at rest. */
  AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters"),
  /**
   * Keys the audit trail's hash chain and its signed head (HMAC-SHA256, lib/audit/record.ts). Kept
   * out of the database, so whoever can only write the database cannot rewrite events and
   * recompute the chain, nor hide removed ones. Not AUTH_SECRET: rotating that must not break the
   * trail, and an auditor running `npm run audit:verify` needs this key and nothing else.
   */
  AUDIT_KEY: z.string().min(32, "AUDIT_KEY must be at least 32 characters"),
  /** Public base URL, used in mail links and as the OAuth/OIDC redirect base. */
  APP_URL: z.string().url().default("http://localhost:3000"),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default("Gatehouse <no-reply@gatehouse.local>"),
  /**
   * Without SMTP_URL: "1" prints each mail, links included, to the server's standard output
   * instead of keeping it queued — for local use (`npm start` on the embedded database sets it),
   * never where standard output is collected into shared logs. Unset: mail waits for SMTP_URL.
   */
  MAIL_CONSOLE: z
    .enum(["0", "1"], { message: 'MAIL_CONSOLE must be "1" or "0"' })
    .default("0")
    .transform((v) => v === "1"),
  GOOGLE_CLIENT_ID: z.string().optional(),
  GOOGLE_CLIENT_SECRET: z.string().optional(),
  MICROSOFT_ENTRA_CLIENT_ID: z.string().optional(),
  MICROSOFT_ENTRA_CLIENT_SECRET: z.string().optional(),
  MICROSOFT_ENTRA_TENANT_ID: z.string().optional(),
  /** Abilities cached per principal+version; 0 disables the cache. */
  ABILITY_CACHE_SIZE: z.coerce.number().int().min(0).default(5000),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  /**
   * How many proxies of ours stand in front of the app. 0 (the default): none, the client is the
   * socket's peer and X-Forwarded-For is ignored (a client can write anything there). 1: one load
   * balancer that appends the client to X-Forwarded-For; 2 for a CDN in front of a load
   * balancer, and so on. Everything further left was written by the client and can be forged
   * (lib/auth/client-ip.ts).
   */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(5).default(0),
  /** Internal, set by scripts/server.mjs in its own process: the socket address header is its. Never set it yourself. */
  GATEHOUSE_PEER_HEADER: z.enum(["1"]).optional(),
  /** Port of the local development identity provider (`npm run idp`, e2e tests). */
  IDP_PORT: z.coerce.number().int().min(1).max(65535).default(3901),
  ...mapTileSettings.shape,
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid environment:\n${lines}\nSee README.md, "Configuration".`);
  }
  cached = parsed.data;
  return cached;
}

/** Just the database URL, for tools that need the database but not the web app's secrets. */
export function databaseUrl(): string {
  const r = z.string().url().safeParse(process.env.DATABASE_URL);
  if (!r.success) throw new Error('DATABASE_URL is not set or not a URL. See README.md, "Configuration".');
  return r.data;
}

/**
 * Where uploaded bytes (request photos) are kept, lib/storage: STORAGE=pg (the default) in the
 * database, shared by every app server; STORAGE=fs as files under STORAGE_DIR (default
 * .data/uploads), for one server with its own disk.
 */
export function storageSettings(): { backend: "pg" | "fs"; dir: string } {
  const r = z
    .object({ STORAGE: z.enum(["pg", "fs"]).default("pg"), STORAGE_DIR: z.string().min(1).default(".data/uploads") })
    .safeParse(process.env);
  if (!r.success) throw new Error('STORAGE must be "pg" or "fs". See README.md, "Configuration".');
  return { backend: r.data.STORAGE, dir: r.data.STORAGE_DIR };
}

/** Just the audit key, for `npm run audit:verify` and the seal at upgrade (no web app secrets). */
export function auditKey(): string {
  const r = z.string().min(32).safeParse(process.env.AUDIT_KEY);
  if (!r.success)
    throw new Error('AUDIT_KEY is not set or shorter than 32 characters. See README.md, "Configuration".');
  return r.data;
}

export type MapTiles = { url: string; attribution: string; origin: string };

/** The tile template, its attribution and its origin (for the CSP); read by the proxy and the map pages. */
export function mapTiles(): MapTiles {
  const r = mapTileSettings.safeParse(process.env);
  if (!r.success) throw new Error(`Invalid map tile settings: ${r.error.issues.map((i) => i.message).join("; ")}`);
  const url = r.data.MAP_TILE_URL;
  return { url, attribution: r.data.MAP_TILE_ATTRIBUTION, origin: new URL(url.replace(/\{[a-z]\}/g, "0")).origin };
}

/**
 * Clips (lib/clips, issue 21): CLIPS_ROW_CAP rows at most per run (default 1000; a result with more
 * is cut and marked truncated), CLIPS_STATEMENT_TIMEOUT_MS per statement (default 5000; also the
 * clips roles' own statement_timeout, set again by `npm start` / `npm run clips:setup`).
 */
export function clipsSettings(): { rowCap: number; statementTimeoutMs: number } {
  const r = z
    .object({
      CLIPS_ROW_CAP: z.coerce.number().int().min(1).max(100_000).default(1000),
      CLIPS_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(5000),
    })
    .safeParse(process.env);
  if (!r.success)
    throw new Error(
      `Invalid clips settings: ${r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}. See README.md, "Configuration".`,
    );
  return { rowCap: r.data.CLIPS_ROW_CAP, statementTimeoutMs: r.data.CLIPS_STATEMENT_TIMEOUT_MS };
}
