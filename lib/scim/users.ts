// SCIM Users (RFC 7643 §4.1) of one municipality's directory: each is a Membership there (its id
// is the membership id) with the person's account behind it. Reads are scoped to the connection's
// municipality and to memberships the directory manages (lib/flows/directory-sync.ts linkedHere);
// writes go through lib/flows/directory-sync.ts, which decides what a directory may do.
import "server-only";
import { z } from "zod";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import {
  MEMBER_COLUMNS,
  linkedHere,
  provisionMember,
  removeMember,
  updateMember,
  type DirectoryActor,
  type MemberFields,
} from "@/lib/flows/directory-sync";
import { USER_SCHEMA } from "./discovery";
import { applyPatch } from "./body";
import { userFilter } from "./filter";
import { ScimError } from "./response";
import { pageOf, type Paging } from "./paging";

const userSelect = {
  id: true,
  status: true,
  ...MEMBER_COLUMNS,
  createdAt: true,
  updatedAt: true,
  user: { select: { email: true, name: true } },
  directoryGroups: { select: { group: { select: { id: true, displayName: true } } } },
} as const satisfies Prisma.MembershipSelect;
type UserRow = Prisma.MembershipGetPayload<{ select: typeof userSelect }>;

export function scimUser(m: UserRow, base: string) {
  return {
    schemas: [USER_SCHEMA],
    id: m.id,
    ...(m.scimExternalId ? { externalId: m.scimExternalId } : {}),
    userName: m.scimUserName ?? m.user.email,
    active: m.status === "ACTIVE",
    name: {
      ...(m.scimGivenName ? { givenName: m.scimGivenName } : {}),
      ...(m.scimFamilyName ? { familyName: m.scimFamilyName } : {}),
      ...(m.user.name ? { formatted: m.user.name } : {}),
    },
    ...(m.user.name ? { displayName: m.user.name } : {}),
    ...(m.jobTitle ? { title: m.jobTitle } : {}),
    emails: [{ value: m.user.email, type: "work", primary: true }],
    ...(m.phone ? { phoneNumbers: [{ value: m.phone, type: "work" }] } : {}),
    groups: m.directoryGroups.map((g) => ({
      value: g.group.id,
      display: g.group.displayName,
      $ref: `${base}/Groups/${g.group.id}`,
    })),
    meta: {
      resourceType: "User",
      created: m.createdAt.toISOString(),
      lastModified: m.updatedAt.toISOString(),
      location: `${base}/Users/${m.id}`,
    },
  };
}

const short = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) =>
  z
    .union([short(max), z.null()])
    .optional()
    .transform((v) => (v ? v : null));
// Entra ID sends `active` as "True"/"False" in some PATCH requests.
const flag = z
  .union([z.boolean(), z.enum(["true", "false", "True", "False", "TRUE", "FALSE"])])
  .transform((v) => (typeof v === "boolean" ? v : v.toLowerCase() === "true"));
const email = z.email().max(254);
const multi = z.array(
  z.looseObject({
    value: z.unknown(),
    type: z.string().max(50).optional(),
    primary: flag.optional(),
  }),
);

/** What a directory may send for a User; unknown attributes (the enterprise extension among them) are ignored. */
const userBody = z.looseObject({
  userName: short(256).min(1, "userName is required"),
  externalId: optionalText(256),
  active: flag.optional().default(true),
  displayName: optionalText(200),
  title: optionalText(200),
  name: z
    .looseObject({ givenName: optionalText(100), familyName: optionalText(100), formatted: optionalText(200) })
    .optional(),
  emails: multi.max(20).optional(),
  phoneNumbers: multi.max(20).optional(),
});

/** The work (else primary, else first) entry's value of a multi-valued attribute. */
function pickValue(list: z.infer<typeof multi> | undefined): unknown {
  if (!list?.length) return undefined;
  return (list.find((e) => e.type?.toLowerCase() === "work") ?? list.find((e) => e.primary) ?? list[0])!.value;
}

export function memberFields(body: unknown): MemberFields {
  const p = userBody.safeParse(body);
  if (!p.success) {
    const i = p.error.issues[0]!;
    throw new ScimError(400, "invalidValue", `${i.path.join(".") || "body"}: ${i.message}`);
  }
  const u = p.data;
  const address = email.safeParse(pickValue(u.emails) ?? u.userName);
  if (!address.success)
    throw new ScimError(400, "invalidValue", "Send a work email in emails, or a userName that is an email address.");
  const phone = pickValue(u.phoneNumbers);
  return {
    userName: u.userName,
    email: address.data.toLowerCase(),
    externalId: u.externalId,
    active: u.active,
    displayName: u.displayName ?? u.name?.formatted ?? null,
    givenName: u.name?.givenName ?? null,
    familyName: u.name?.familyName ?? null,
    jobTitle: u.title,
    phone: typeof phone === "string" && phone.trim() ? phone.trim().slice(0, 50) : null,
  };
}

async function oneUser(actor: DirectoryActor, id: string): Promise<UserRow> {
  const m = await db.membership.findFirst({
    where: { AND: [linkedHere(actor), { id: id.slice(0, 64) }] },
    select: userSelect,
  });
  if (!m) throw new ScimError(404, null, "Resource not found.");
  return m;
}

export async function listUsers(actor: DirectoryActor, base: string, filter: string | null, paging: Paging) {
  const where = { AND: [linkedHere(actor), filter ? userFilter(filter) : {}] };
  return pageOf(
    paging,
    (page) => [
      db.membership.count({ where }),
      db.membership.findMany({ where, select: userSelect, orderBy: { createdAt: "asc" }, ...page }),
    ],
    (r) => scimUser(r, base),
  );
}

export async function getUser(actor: DirectoryActor, base: string, id: string) {
  return scimUser(await oneUser(actor, id), base);
}

export async function createUser(actor: DirectoryActor, base: string, body: unknown) {
  const id = await provisionMember(actor, memberFields(body));
  return getUser(actor, base, id);
}

export async function replaceUser(actor: DirectoryActor, base: string, id: string, body: unknown) {
  await oneUser(actor, id);
  await updateMember(actor, id, memberFields(body));
  return getUser(actor, base, id);
}

export async function patchUser(actor: DirectoryActor, base: string, id: string, body: unknown) {
  const current = scimUser(await oneUser(actor, id), base);
  const patched = applyPatch(current, body);
  if ((patched as { id?: unknown }).id !== id) throw new ScimError(400, "mutability", "id cannot be changed.");
  await updateMember(actor, id, memberFields(patched));
  return getUser(actor, base, id);
}

export async function deleteUser(actor: DirectoryActor, id: string): Promise<void> {
  await oneUser(actor, id);
  await removeMember(actor, id);
}
