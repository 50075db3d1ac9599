// SCIM Groups (RFC 7643 §4.2) of one municipality's directory: DirectoryGroup rows. Their display
// names are what the claim mapping reads (claim `groups`) to give members their Gatehouse groups;
// the writes and that recomputation are lib/flows/directory-sync.ts. Members are SCIM Users of the
// same directory (membership ids); `excludedAttributes=members` leaves them out, as Entra asks.
import "server-only";
import { z } from "zod";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import {
  createDirectoryGroup,
  deleteDirectoryGroup,
  replaceDirectoryGroup,
  type DirectoryActor,
  type GroupFields,
} from "@/lib/flows/directory-sync";
import { GROUP_SCHEMA } from "./discovery";
import { applyPatch } from "./body";
import { groupFilter } from "./filter";
import { ScimError } from "./response";
import { pageOf, type Paging } from "./paging";

const MAX_MEMBERS = 10_000;

const baseSelect = {
  id: true,
  externalId: true,
  displayName: true,
  createdAt: true,
  updatedAt: true,
} as const satisfies Prisma.DirectoryGroupSelect;
const memberSelect = {
  ...baseSelect,
  members: {
    select: { membershipId: true, membership: { select: { user: { select: { name: true, email: true } } } } },
  },
} as const satisfies Prisma.DirectoryGroupSelect;
const groupSelect = (withMembers: boolean) => (withMembers ? memberSelect : baseSelect);
type GroupRow = {
  id: string;
  externalId: string | null;
  displayName: string;
  createdAt: Date;
  updatedAt: Date;
  members?: { membershipId: string; membership: { user: { name: string | null; email: string } } }[];
};

function scimGroup(g: GroupRow, base: string) {
  return {
    schemas: [GROUP_SCHEMA],
    id: g.id,
    ...(g.externalId ? { externalId: g.externalId } : {}),
    displayName: g.displayName,
    ...(g.members
      ? {
          members: g.members.map((m) => ({
            value: m.membershipId,
            display: m.membership.user.name ?? m.membership.user.email,
            $ref: `${base}/Users/${m.membershipId}`,
          })),
        }
      : {}),
    meta: {
      resourceType: "Group",
      created: g.createdAt.toISOString(),
      lastModified: g.updatedAt.toISOString(),
      location: `${base}/Groups/${g.id}`,
    },
  };
}

const groupBody = z.looseObject({
  displayName: z.string().trim().min(1, "displayName is required").max(200),
  externalId: z
    .union([z.string().trim().max(256), z.null()])
    .optional()
    .transform((v) => (v ? v : null)),
  members: z
    .array(z.looseObject({ value: z.string().min(1).max(64) }))
    .max(MAX_MEMBERS)
    .optional()
    .default([]),
});

function groupFields(body: unknown): GroupFields {
  const p = groupBody.safeParse(body);
  if (!p.success) {
    const i = p.error.issues[0]!;
    throw new ScimError(400, "invalidValue", `${i.path.join(".") || "body"}: ${i.message}`);
  }
  return {
    displayName: p.data.displayName,
    externalId: p.data.externalId,
    memberIds: p.data.members.map((m) => m.value),
  };
}

const here = (actor: DirectoryActor): Prisma.DirectoryGroupWhereInput => ({ municipalityId: actor.municipalityId });

async function oneGroup(actor: DirectoryActor, id: string, withMembers = true): Promise<GroupRow> {
  const g = await db.directoryGroup.findFirst({
    where: { AND: [here(actor), { id: id.slice(0, 64) }] },
    select: groupSelect(withMembers),
  });
  if (!g) throw new ScimError(404, null, "Resource not found.");
  return g as GroupRow;
}

/** `excludedAttributes=members` (Entra) or `attributes=` without members: no member lists. */
export function wantsMembers(params: URLSearchParams): boolean {
  const excluded = (params.get("excludedAttributes") ?? "")
    .toLowerCase()
    .split(",")
    .map((s) => s.trim());
  const only = params.get("attributes");
  if (excluded.includes("members")) return false;
  if (only !== null)
    return only
      .toLowerCase()
      .split(",")
      .map((s) => s.trim())
      .includes("members");
  return true;
}

export async function listGroups(
  actor: DirectoryActor,
  base: string,
  filter: string | null,
  paging: Paging,
  members: boolean,
) {
  const where = { AND: [here(actor), filter ? groupFilter(filter) : {}] };
  return pageOf(
    paging,
    (page) => [
      db.directoryGroup.count({ where }),
      db.directoryGroup.findMany({ where, select: groupSelect(members), orderBy: { createdAt: "asc" }, ...page }),
    ],
    (g) => scimGroup(g as GroupRow, base),
  );
}

export async function getGroup(actor: DirectoryActor, base: string, id: string, members = true) {
  return scimGroup(await oneGroup(actor, id, members), base);
}

export async function createGroup(actor: DirectoryActor, base: string, body: unknown) {
  const id = await createDirectoryGroup(actor, groupFields(body));
  return getGroup(actor, base, id);
}

export async function replaceGroup(actor: DirectoryActor, base: string, id: string, body: unknown) {
  await oneGroup(actor, id, false);
  await replaceDirectoryGroup(actor, id, groupFields(body));
  return getGroup(actor, base, id);
}

/** PATCH: applied to the whole group (name and members) by scim-patch, then stored as that state. */
export async function patchGroup(actor: DirectoryActor, base: string, id: string, body: unknown) {
  const current = scimGroup(await oneGroup(actor, id), base);
  const patched = applyPatch({ ...current, members: current.members ?? [] }, body) as {
    id?: unknown;
    members?: unknown;
  };
  if (patched.id !== id) throw new ScimError(400, "mutability", "id cannot be changed.");
  await replaceDirectoryGroup(actor, id, groupFields({ ...patched, members: patched.members ?? [] }));
}

export async function deleteGroup(actor: DirectoryActor, id: string): Promise<void> {
  await oneGroup(actor, id, false);
  await deleteDirectoryGroup(actor, id);
}
