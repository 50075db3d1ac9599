// Who may be handed a service request (issue 18): the active members of its municipality whose
// own policies let them work it — each member's ability built through lib/policy from that
// membership (groups, department, categories) and the municipality's module switches, then asked
// whether it may update the row's status. The assignment itself is left out of the question
// (the row is judged unassigned): the operator's "assigned to me" rule would otherwise make anyone
// eligible for a request once it is theirs. Abilities come from lib/policy's cache (keyed by the
// principal's content), so a page of requests builds each member's ability once.
import "server-only";
import { cache } from "react";
import { db } from "@/lib/db";
import { buildAbility } from "@/lib/policy/ability";
import { subjectOf } from "@/lib/policy/casl";
import { ValidationError } from "@/lib/errors";
import type { Principal } from "@/lib/identity/principal";
import type { Viewer } from "@/lib/identity/viewer";
import { loadInReach } from "./scoped-records";
import { peopleNames, personLine, UNSEEN_PERSON } from "./people-names";

type Row = Record<string, unknown>;

/** The municipality's working members as principals (one membership each), read once per request. */
const membersOf = cache(async (municipalityId: string) => {
  const [rows, muni] = await Promise.all([
    db.membership.findMany({
      where: { municipalityId, status: "ACTIVE", user: { isActive: true, erasedAt: null, isCitizen: false } },
      select: { id: true, userId: true, groups: true, departmentId: true, allowedCategories: true },
      orderBy: { user: { name: "asc" } },
    }),
    db.municipality.findUnique({ where: { id: municipalityId }, select: { disabledModules: true } }),
  ]);
  const modules = muni?.disabledModules.length ? { [municipalityId]: muni.disabledModules } : {};
  return rows.map((m) => {
    const principal: Principal = {
      kind: "user",
      userId: m.userId,
      // Abilities do not read the address or name: left out, the cache key is the access alone.
      email: "",
      name: null,
      platformGroups: [],
      memberships: [
        {
          membershipId: m.id,
          municipalityId,
          departmentId: m.departmentId,
          allowedCategories: m.allowedCategories,
          groups: m.groups,
          status: "ACTIVE",
        },
      ],
      accessVersion: 0,
      via: "session",
      isActive: true,
    };
    return { userId: m.userId, ability: buildAbility(principal, { modules, includePublic: false }) };
  });
});

/** The user ids of the people who may work this request (a full row of it), in name order. */
export async function eligibleAssigneeIds(row: Row): Promise<string[]> {
  const members = await membersOf(String(row.municipalityId));
  const unassigned = subjectOf("ServiceRequest", { ...row, assigneeId: null });
  return members.filter((m) => m.ability.can("update", unassigned, "status")).map((m) => m.userId);
}

/** An assignee must be one of those people (or nobody); anyone else is refused on the field. */
export async function assertAssigneeEligible(row: Row, assigneeId: unknown): Promise<void> {
  if (assigneeId === null || assigneeId === undefined) return;
  if ((await eligibleAssigneeIds(row)).includes(String(assigneeId))) return;
  const message = "Choose someone who may work on this request.";
  throw new ValidationError(message, { assigneeId: [message] });
}

export type AssigneeChoice = { id: string; label: string };

/**
 * The assignee picker of one request: the people who may work it, by name as far as the viewer
 * may see them (someone the viewer may not name is not offered: they cannot tell who it is),
 * and the current assignee. NotFoundError when the request is outside the viewer's reach.
 */
export async function assigneeChoices(
  viewer: Viewer,
  requestId: string,
  municipalityId: string,
): Promise<{ choices: AssigneeChoice[]; current: AssigneeChoice | null }> {
  const row = await loadInReach(viewer, "ServiceRequest", requestId, "read", { municipalityId });
  const ids = await eligibleAssigneeIds(row);
  const current = typeof row.assigneeId === "string" ? row.assigneeId : null;
  const names = await peopleNames(viewer, [...ids, current], municipalityId);
  const choice = (id: string): AssigneeChoice => ({ id, label: personLine(names.get(id)!) });
  return {
    choices: ids.filter((id) => names.get(id)!.name !== UNSEEN_PERSON).map(choice),
    current: current ? choice(current) : null,
  };
}
