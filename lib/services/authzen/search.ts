// The Search APIs (§8), where the policies allow an answer. Every result, asked again as an
// evaluation, is `true` (§8.1). Unknown subject or resource types, undeclared actions and unknown
// people are an empty `results` (never a 400: certification scenario §C.4.6).
// - Action search: the declared actions of the resource's type that the subject may perform on it.
// - Subject search: the people with access to the service for whom the decision is `true`
//   (members of the service's municipality, or of any municipality for a platform-wide service,
//   and platform people), by Gatehouse user id, with their email in `properties`. Paged: `limit`
//   (default 50, at most 100) and an opaque `next_token`; a token only continues the search it came
//   from (§8.3: "PDPs SHOULD return an error when any entity or parameter has been changed").
// - Resource search: Gatehouse holds none of a service's resources, so it can list only ids a rule
//   names (`where: { id: … }` or `id: { in: [...] }`), each checked as an evaluation with the
//   properties sent. Otherwise the results are empty and the context says why; the service asks
//   /access/v1/evaluations about the resources it holds.
import "server-only";
import { createHash } from "node:crypto";
import { db } from "@/lib/db";
import { ACCESS_COLUMNS, principalFromAccess, type AccessRow } from "@/lib/auth/load-principal";
import { serviceAbility } from "@/lib/policy/ability";
import { serviceSubjectName } from "@/lib/policy/service-policies";
import { hasServiceAccess } from "@/lib/services/access";
import { ownResourceType, questionProblem, resourceSubject, standingOf, type DecisionCache } from "./evaluate";
import { SUBJECT_TYPE } from "./subjects";
import { ActionSearchSchema, AuthzenError, parseOr400, ResourceSearchSchema, SubjectSearchSchema } from "./schema";

export type SearchAnswer<T> = {
  page?: { next_token: string; count: number };
  context?: Record<string, unknown>;
  results: T[];
};

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 100;
const BATCH = 200;

export const NO_RESOURCES =
  "Gatehouse holds none of this service's resources: it lists only resources a rule names by id. Ask /access/v1/evaluations about the resources you hold.";

const done = <T>(results: T[]): SearchAnswer<T> => ({ page: { next_token: "", count: results.length }, results });

export async function searchActions(cache: DecisionCache, body: unknown): Promise<SearchAnswer<{ name: string }>> {
  const q = parseOr400(ActionSearchSchema, body);
  const type = ownResourceType(cache.service, q.resource.type);
  const userId = await cache.resolve(q.subject);
  if (!type || !userId) return done([]);
  const standing = await standingOf(cache, userId);
  if (!standing.access) return done([]);
  const subject = resourceSubject(cache.service, type, q.resource, q.resource.id);
  return done(type.actions.filter((a) => standing.ability.can(a, subject)).map((name) => ({ name })));
}

export async function searchResources(
  cache: DecisionCache,
  body: unknown,
): Promise<SearchAnswer<{ type: string; id: string }>> {
  const q = parseOr400(ResourceSearchSchema, body);
  const empty = { ...done<{ type: string; id: string }>([]), context: { reason: NO_RESOURCES } };
  if (questionProblem(cache.service, q.resource.type, q.action.name)) return empty;
  const type = ownResourceType(cache.service, q.resource.type)!;
  const userId = await cache.resolve(q.subject);
  const standing = userId ? await standingOf(cache, userId) : null;
  if (!standing?.access) return empty;
  const named = new Set<string>();
  for (const r of standing.ability.rulesFor(q.action.name, serviceSubjectName(cache.service.slug, type.name))) {
    const id = (r.conditions as { id?: unknown } | undefined)?.id;
    const ids =
      typeof id === "string" ? [id] : Array.isArray((id as { in?: unknown })?.in) ? (id as { in: unknown[] }).in : [];
    for (const x of ids) if (typeof x === "string") named.add(x);
  }
  const results = [...named]
    .sort()
    .filter((id) => standing.ability.can(q.action.name, resourceSubject(cache.service, type, q.resource, id)))
    .map((id) => ({ type: type.name, id }));
  return results.length ? done(results) : empty;
}

type Token = { after: string; query: string };

/** What a page token is bound to: the request itself, without its token (§8.3). */
function fingerprint(body: Record<string, unknown>): string {
  const { page, ...rest } = body as { page?: Record<string, unknown> };
  const { token: _token, ...pageRest } = page ?? {};
  return createHash("sha256")
    .update(JSON.stringify([rest, pageRest]))
    .digest("base64url")
    .slice(0, 22);
}

function readToken(raw: string | undefined, query: string): string | null {
  if (!raw) return null;
  let t: Partial<Token>;
  try {
    t = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as Partial<Token>;
  } catch {
    throw new AuthzenError(400, "page.token is not a token of ours");
  }
  if (typeof t?.after !== "string" || typeof t.query !== "string")
    throw new AuthzenError(400, "page.token is not a token of ours");
  if (t.query !== query)
    throw new AuthzenError(400, "page.token belongs to a different search: send the same request with it");
  return t.after;
}

const writeToken = (t: Token) => Buffer.from(JSON.stringify(t)).toString("base64url");

/** Candidates in user-id order after `after`: people who could hold rules on the service at all. */
async function candidates(municipalityId: string | null, after: string | null): Promise<AccessRow[]> {
  return db.$queryRaw<AccessRow[]>`
    select ${ACCESS_COLUMNS} from "User" u
    where u."isActive" and not u."isCitizen" and u.id > ${after ?? ""}
      and (cardinality(u."platformGroups") > 0 or exists (
        select 1 from "Membership" m where m."userId" = u.id and m.status = 'ACTIVE'
          and (${municipalityId}::text is null or m."municipalityId" = ${municipalityId})))
    order by u.id limit ${BATCH}`;
}

export async function searchSubjects(
  cache: DecisionCache,
  body: unknown,
): Promise<SearchAnswer<{ type: string; id: string; properties: { email: string } }>> {
  const q = parseOr400(SubjectSearchSchema, body);
  const after = readToken(q.page?.token, fingerprint(body as Record<string, unknown>));
  const limit = Math.min(MAX_LIMIT, Math.max(1, q.page?.limit ?? DEFAULT_LIMIT));
  const { service } = cache;
  const type = ownResourceType(service, q.resource.type);
  if (q.subject.type !== SUBJECT_TYPE || questionProblem(service, q.resource.type, q.action.name) || !type)
    return done([]);
  const subject = resourceSubject(service, type, q.resource, q.resource.id);
  const found: { type: string; id: string; properties: { email: string } }[] = [];
  let cursor = after;
  // One more than the page: whether a next page exists is known, never guessed.
  while (found.length <= limit) {
    const rows = await candidates(service.municipalityId, cursor);
    for (const row of rows) {
      cursor = row.userId;
      const ability = serviceAbility(principalFromAccess(row, "session"), service);
      if (!ability.can(q.action.name, subject)) continue;
      if (!(await hasServiceAccess(row.userId, service))) continue;
      found.push({ type: SUBJECT_TYPE, id: row.userId, properties: { email: row.email } });
      if (found.length > limit) break;
    }
    if (rows.length < BATCH) break;
  }
  const page = found.slice(0, limit);
  const next =
    found.length > limit
      ? writeToken({ after: page.at(-1)!.id, query: fingerprint(body as Record<string, unknown>) })
      : "";
  return { page: { next_token: next, count: page.length }, results: page };
}
