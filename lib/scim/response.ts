// SCIM answers (RFC 7644 §3.1, §3.12): `application/scim+json`, and every refusal an Error
// message with its status and scimType — for malformed input, unknown filters, bad PATCH paths,
// uniqueness and mutability — so a directory's provisioning log says what was wrong. Anything
// unexpected is logged and answered as a plain SCIM 500 without detail; bad bytes never reach it
// (lib/scim/router.ts parses and bounds everything first).
import "server-only";
import { AppError } from "@/lib/errors";
import { isDatabaseUnavailable, RETRY_AFTER_SECONDS } from "@/lib/db-faults";
import { log } from "@/lib/ops/log";

export const SCIM_CONTENT_TYPE = "application/scim+json";
export const ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";
export const LIST_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

export type ScimType =
  | "invalidFilter"
  | "tooMany"
  | "uniqueness"
  | "mutability"
  | "invalidSyntax"
  | "invalidPath"
  | "noTarget"
  | "invalidValue"
  | "invalidVers"
  | "sensitive";

/** A refusal the protocol layer raises; `scimType` null for statuses that have none (401, 404, 405, 429). */
export class ScimError extends Error {
  constructor(
    readonly status: number,
    readonly scimType: ScimType | null,
    detail: string,
  ) {
    super(detail);
    this.name = "ScimError";
  }
}

export function scimJson(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { "Content-Type": SCIM_CONTENT_TYPE, "Cache-Control": "no-store", ...headers },
  });
}

export function scimError(
  status: number,
  scimType: ScimType | null,
  detail: string,
  headers: Record<string, string> = {},
) {
  return scimJson(
    { schemas: [ERROR_SCHEMA], status: String(status), ...(scimType ? { scimType } : {}), detail },
    status,
    headers,
  );
}

/** Prisma's unique-constraint failure (two requests creating the same person at once). */
function isUniqueViolation(err: unknown): boolean {
  return typeof err === "object" && err !== null && (err as { code?: unknown }).code === "P2002";
}

/** Any error as a SCIM Error response; typed errors keep their message, others become a bare 500. */
export function scimErrorOf(err: unknown): Response {
  if (err instanceof ScimError) return scimError(err.status, err.scimType, err.message);
  if (err instanceof AppError && err.status < 500) {
    const scimType = (err as { scimType?: ScimType | null }).scimType ?? (err.status === 400 ? "invalidValue" : null);
    return scimError(err.status, scimType, err.status === 404 ? "Resource not found." : err.message);
  }
  if (isUniqueViolation(err)) return scimError(409, "uniqueness", "Another resource already has this value.");
  if (isDatabaseUnavailable(err))
    return scimError(503, null, "The service is briefly unavailable; try again.", {
      "Retry-After": String(RETRY_AFTER_SECONDS),
    });
  log.error({ err }, "[scim] request failed");
  return scimError(500, null, "Something went wrong on our side; nothing was changed.");
}
