// SCIM filters (RFC 7644 §3.4.2.2) → Prisma conditions. The expression is parsed by
// `scim2-parse-filter` (the parser `scim-patch` itself uses for PATCH paths, so a filter means the
// same in both), then translated here for the attributes and operators Entra ID and Okta send:
//   Users:  userName eq "…", externalId eq "…", id eq "…", emails[type eq "work"].value eq "…",
//           emails.value eq "…", displayName eq "…", active eq true — joined by and / or
//   Groups: displayName eq "…", externalId eq "…", id eq "…", members[value eq "…"],
//           members.value eq "…" (Entra: `id eq "g" and members[value eq "u"]`)
// Anything else — another operator, attribute or shape — is a 400 invalidFilter naming it, never
// a silently wider answer. Every condition is ANDed by the caller with the connection's own
// municipality, so no filter can reach another one.
import "server-only";
import { parse, type Filter } from "scim2-parse-filter";
import type { Prisma } from "@/lib/generated/prisma/client";
import { GROUP_SCHEMA, USER_SCHEMA } from "./discovery";
import { ScimError } from "./response";

const MAX_FILTER = 1000;
const MAX_TERMS = 50;

const invalid = (detail: string) => new ScimError(400, "invalidFilter", detail);

/** "urn:…:User:userName" and "userName" alike, lower case. */
function attrName(path: string): string {
  const p = path.toLowerCase();
  for (const urn of [USER_SCHEMA, GROUP_SCHEMA])
    if (p.startsWith(`${urn.toLowerCase()}:`)) return p.slice(urn.length + 1);
  return p;
}

function parsed(raw: string): Filter {
  if (raw.length > MAX_FILTER) throw invalid(`The filter is longer than ${MAX_FILTER} characters.`);
  try {
    return parse(raw);
  } catch {
    throw invalid("The filter could not be parsed.");
  }
}

type Leaf<W> = (attr: string, value: string | number | boolean | null, f: Filter) => W;

function translate<W>(
  f: Filter,
  leaf: Leaf<W>,
  members: ((f: Filter) => W) | null,
  budget = { n: 0 },
): W | { AND: W[] } | { OR: W[] } {
  if (++budget.n > MAX_TERMS) throw invalid(`The filter has more than ${MAX_TERMS} terms.`);
  if (f.op === "and" || f.op === "or") {
    const parts = f.filters.map((x) => translate(x, leaf, members, budget) as W);
    return f.op === "and" ? { AND: parts } : { OR: parts };
  }
  if (f.op === "[]") {
    if (members && attrName(f.attrPath) === "members") return members(f.valFilter);
    if (attrName(f.attrPath) === "emails") return emailsFilter<W>(f.valFilter);
    throw invalid(`Filtering on "${f.attrPath}[…]" is not supported.`);
  }
  if (f.op !== "eq") throw invalid(`The operator "${f.op}" is not supported here; use eq.`);
  return leaf(attrName(f.attrPath), f.compValue, f);
}

/**
 * `emails[type eq "work"].value eq "a@b"` parses as `emails[type eq "work"] and emails.value eq
 * "a@b"`: the one address kept is the work address, so the bracket narrows nothing.
 */
function emailsFilter<W>(inner: Filter): W {
  if (inner.op === "eq" && attrName(inner.attrPath) === "type" && String(inner.compValue).toLowerCase() === "work")
    return {} as W;
  throw invalid('Only emails[type eq "work"] is supported.');
}

const text = (v: unknown, attr: string): string => {
  if (typeof v !== "string") throw invalid(`"${attr}" is compared with a string.`);
  if (v.includes("\u0000")) throw invalid("The filter contains a NUL character.");
  return v;
};

type Terms<W> = Record<string, (v: unknown) => W>;

/** A leaf from a table of attribute (lower case) → condition; any other attribute is refused. */
const fromTerms =
  <W>(resource: string, terms: Terms<W>): Leaf<W> =>
  (attr, v) => {
    const term = Object.hasOwn(terms, attr) ? terms[attr] : undefined;
    if (!term) throw invalid(`Filtering ${resource} on "${attr}" is not supported.`);
    return term(v);
  };

/** id and externalId, which Users and Groups both have (externalId in a column of its own name). */
const idTerms = (externalId: "scimExternalId" | "externalId") => ({
  id: (v: unknown) => ({ id: text(v, "id").slice(0, 64) }),
  externalid: (v: unknown) => ({ [externalId]: text(v, "externalId") }),
});

const member = (v: unknown): Prisma.DirectoryGroupWhereInput => ({
  members: { some: { membershipId: text(v, "members.value").slice(0, 64) } },
});

const USER_TERMS: Terms<Prisma.MembershipWhereInput> = {
  ...idTerms("scimExternalId"),
  username: (v) => ({ scimUserName: { equals: text(v, "userName"), mode: "insensitive" } }),
  "emails.value": (v) => ({ user: { email: { equals: text(v, "emails.value"), mode: "insensitive" } } }),
  displayname: (v) => ({ user: { name: text(v, "displayName") } }),
  active: (v) => {
    if (typeof v !== "boolean") throw invalid('"active" is compared with true or false.');
    return v ? { status: "ACTIVE" } : { status: { not: "ACTIVE" } };
  },
};

const GROUP_TERMS: Terms<Prisma.DirectoryGroupWhereInput> = {
  ...idTerms("externalId"),
  displayname: (v) => ({ displayName: { equals: text(v, "displayName"), mode: "insensitive" } }),
  "members.value": member,
};

/** A Users filter as a Membership condition. */
export function userFilter(raw: string): Prisma.MembershipWhereInput {
  return translate(parsed(raw), fromTerms("Users", USER_TERMS), null) as Prisma.MembershipWhereInput;
}

/** A Groups filter as a DirectoryGroup condition. */
export function groupFilter(raw: string): Prisma.DirectoryGroupWhereInput {
  const members = (inner: Filter): Prisma.DirectoryGroupWhereInput => {
    if (inner.op !== "eq" || attrName(inner.attrPath) !== "value")
      throw invalid('Only members[value eq "…"] is supported.');
    return member(inner.compValue);
  };
  return translate(parsed(raw), fromTerms("Groups", GROUP_TERMS), members) as Prisma.DirectoryGroupWhereInput;
}
