// The logger's core, in plain JavaScript because two programs load it: scripts/server.mjs (run by
// `node`, no loader) for its one line per request, and lib/ops/log.ts (bundled by Next) for
// everything else. Both run in one process, so the logger and the request context live on
// globalThis: one pino instance, one level, one redaction, whichever copy of this module came first.
//
// Redaction happens twice: values under a secret-sounding key (password, token, cookie,
// authorization, …) are replaced before pino serialises anything, and every finished JSON line
// is scrubbed once more for secrets inside text — links with a token in the path (invitations,
// password resets, e-mail confirmations, citizen registrations, request tracking), `?token=`
// and other secret query or cookie parameters, Bearer/Basic credentials, API and SCIM tokens,
// passwords in connection URLs, JWTs. A message that quotes one of them still logs, without it.
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import pino from "pino";

export const LOG_LEVELS = ["debug", "info", "warn", "error"];
/** Written by scripts/server.mjs over anything a client sent under this name. */
export const REQUEST_ID_HEADER = "x-gatehouse-request-id";
/** The response header carrying the request id; a client's own is taken only from our proxies. */
export const CLIENT_REQUEST_ID_HEADER = "x-request-id";
export const REDACTED = "[redacted]";

/** Keys whose values are secrets, wherever they sit in a logged object. */
const SECRET_KEY =
  /passw(or)?d|passphrase|secret|token|cookie|authori[sz]ation|api[-_]?key|credential|otp|csrf|private[-_]?key|signature|saml(response|request)|code[-_]?verifier|recovery|^(code|key|sig)$/i;
/** …except names that only point at one (database ids, counts, kinds, dates, display prefixes). */
const NOT_SECRET_KEY = /(Id|Ids|Count|Type|Kind|Prefix|At)$/;

const SEGMENT = String.raw`[^\s"'<>?#/\\]+`;
const TEXT_RULES = [
  // Secret links: the token is the last path segment (lib/mail/templates.ts secretLink).
  [
    new RegExp(String.raw`(/(?:invite|reset-password|confirm-email|citizens/confirm)/)${SEGMENT}`, "gi"),
    `$1${REDACTED}`,
  ],
  [new RegExp(String.raw`(/m/${SEGMENT}/track/)${SEGMENT}`, "gi"), `$1${REDACTED}`],
  // key=value in query strings, form bodies and cookie headers: ?token=, session-token=, code=, …
  [
    /(?<![\w.-])((?:__Secure-|__Host-)?[\w.-]*(?:token|secret|passw(?:or)?d|code|key|sig|signature|saml(?:response|request)|ticket|state|otp)[\w.-]*)=([^&;,\s"'<>#\\]+)/gi,
    `$1=${REDACTED}`,
  ],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{6,}/gi, `$1 ${REDACTED}`],
  // Our own token shapes (lib/auth/api-token.ts gh_, lib/scim/connection.ts scim_).
  [/\b(gh|scim)_[A-Za-z0-9_-]{12,}/g, REDACTED],
  // user:password@ in a URL (DATABASE_URL, SMTP_URL in a driver's error).
  [/(\b[a-z][a-z0-9+.-]*:\/\/[^:/\s@"'<>]*:)[^@\s/"'<>]+@/gi, `$1${REDACTED}@`],
  [/\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g, REDACTED],
];

/** Secrets inside free text removed (messages, stacks, paths, and every finished line). */
export function scrubText(text) {
  let out = String(text);
  for (const [pattern, replacement] of TEXT_RULES) out = out.replace(pattern, replacement);
  return out;
}

const isSecretKey = (key) => SECRET_KEY.test(key) && !NOT_SECRET_KEY.test(key);

/** A logged value with every secret-keyed value replaced and errors made plain (bounded depth). */
export function scrub(value, depth = 0, seen = new WeakSet()) {
  if (typeof value === "string") return scrubText(value);
  if (value === null || typeof value !== "object") return value;
  if (seen.has(value)) return "[circular]";
  if (depth > 8) return "[nested]";
  seen.add(value);
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1, seen));
  if (value instanceof Error) {
    const plain = { type: value.name, message: value.message, stack: value.stack };
    if (value.cause !== undefined) plain.cause = value.cause;
    for (const [k, v] of Object.entries(value)) plain[k] = v;
    return scrub(plain, depth, seen);
  }
  if (value instanceof Date) return value.toISOString();
  const entries = typeof value.entries === "function" && !isPlain(value) ? [...value.entries()] : Object.entries(value);
  const out = {};
  for (const [k, v] of entries) out[k] = isSecretKey(String(k)) ? REDACTED : scrub(v, depth + 1, seen);
  return out;
}

const isPlain = (v) => {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};

/** LOG_LEVEL as lib/env.ts accepts it; anything else is "info" (lib/env.ts refuses it at start). */
export function levelOf(value) {
  return LOG_LEVELS.includes(value) ? value : "info";
}

/** A logger writing scrubbed JSON lines to `destination` (standard output unless given: tests). */
export function createLogger({ level = "info", destination } = {}) {
  const out = destination ?? process.stdout;
  return pino(
    {
      level: levelOf(level),
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }), log: (obj) => scrub(obj) },
      // The request this line belongs to, when there is one (scripts/server.mjs opened it).
      mixin: () => {
        const requestId = currentRequestId();
        return requestId ? { requestId } : {};
      },
      // scrub() has made errors plain already; the standard serializer would re-wrap them.
      serializers: { err: (e) => e },
    },
    { write: (line) => out.write(scrubText(line)) },
  );
}

const LOGGER = Symbol.for("gatehouse.log");
const CONTEXT = Symbol.for("gatehouse.request-context");

/** The process's one logger: made at first use with `level`, shared by server.mjs and Next's bundle. */
export function sharedLogger(level) {
  globalThis[LOGGER] ??= createLogger({ level });
  return globalThis[LOGGER];
}

/** The per-request context scripts/server.mjs opens around each request. */
export function requestContext() {
  globalThis[CONTEXT] ??= new AsyncLocalStorage();
  return globalThis[CONTEXT];
}

/** The id of the request being served, if any (none in scripts, jobs and tests). */
export function currentRequestId() {
  return requestContext().getStore()?.requestId ?? null;
}

/** What a request id may look like when it comes from outside: a proxy's id, not free text. */
const WELL_FORMED = /^[A-Za-z0-9._:+/=-]{8,128}$/;

export const isWellFormedRequestId = (v) => typeof v === "string" && WELL_FORMED.test(v);

/**
 * The id for a request arriving with `headers` (node's lower-cased record). A client's own
 * X-Request-Id is taken only behind our proxies (`trustedHops` > 0), which set or pass it, and
 * only when well-formed; otherwise a fresh one.
 */
export function requestIdFor(headers, trustedHops) {
  const sent = headers[CLIENT_REQUEST_ID_HEADER];
  const value = Array.isArray(sent) ? sent[0] : sent;
  return trustedHops > 0 && isWellFormedRequestId(value) ? value : randomUUID();
}
