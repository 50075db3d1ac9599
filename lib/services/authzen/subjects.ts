// Who an AuthZEN subject `{ "type": "user", "id": … }` is. The id may be any of the ways a service
// knows a person:
// - their Gatehouse user id (the `sub` of the ID tokens Gatehouse issues to services);
// - their email address, in any case;
// - their subject at an identity provider linked to their account (next-auth Account rows:
//   `sso-<slug>` OIDC and `saml-<slug>` SAML connections, Google, Microsoft). For a municipality's
//   service only that municipality's connections and the two OAuth providers count; for a
//   platform-wide service, any linked provider.
// Exactly one person must match across all three. No match, or two people (an IdP subject that
// equals someone else's user id or address, the same subject at two providers): no one — the
// decision is `false`, as for a person without access, so the answer never tells a service
// whether someone exists (README "AuthZEN").
//
// One statement; the email arm runs only for ids holding an "@" (user ids never do), so a lookup
// by user id or IdP subject walks only unique indexes.
import "server-only";
import { db } from "@/lib/db";
import { samlProviderId } from "@/lib/auth/saml";
import { ssoProviderId } from "@/lib/auth/sso";
import type { Subject } from "./schema";

export const SUBJECT_TYPE = "user";
const OAUTH_PROVIDERS = ["google", "azure-ad"];

/** The providers whose subjects count for a service of this municipality (null: any). */
async function providersFor(municipalityId: string | null): Promise<string[] | null> {
  if (municipalityId === null) return null;
  const m = await db.municipality.findUnique({ where: { id: municipalityId }, select: { slug: true } });
  return m ? [ssoProviderId(m.slug), samlProviderId(m.slug), ...OAUTH_PROVIDERS] : OAUTH_PROVIDERS;
}

/** Per request: the service's providers, read once however many subjects a batch names. */
export type SubjectResolver = (subject: Pick<Subject, "type" | "id">) => Promise<string | null>;

export function subjectResolver(service: { municipalityId: string | null }): SubjectResolver {
  let providers: Promise<string[] | null> | undefined;
  const seen = new Map<string, Promise<string | null>>();
  return (subject) => {
    if (subject.type !== SUBJECT_TYPE) return Promise.resolve(null);
    let hit = seen.get(subject.id);
    if (!hit) {
      providers ??= providersFor(service.municipalityId);
      hit = providers.then((p) => lookUp(subject.id, p));
      seen.set(subject.id, hit);
    }
    return hit;
  };
}

async function lookUp(id: string, providers: string[] | null): Promise<string | null> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    select id from "User" where id = ${id}
    union select id from "User" where ${id.includes("@")} and lower(email) = lower(${id})
    union select "userId" as id from "Account"
      where "providerAccountId" = ${id} and (${providers}::text[] is null or provider = any(${providers}::text[]))
    limit 2`;
  return rows.length === 1 ? rows[0]!.id : null;
}
