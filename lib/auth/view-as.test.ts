// View as on the real database: who may be viewed (same municipality, active member, never a
// platform account, a citizen, a service account or oneself, never more than the administrator
// holds, never chained), the principal a view-as session gets (the person's, one municipality,
// marked), how it ends, and the audit trail both people see.
import { cpSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { testPrisma } from "@/test/fixtures/db";
import { freshMunicipality } from "@/test/fixtures/municipalities";
import { addMembership, freshPerson, freshUser } from "@/test/fixtures/people";
import { principalOfUser, viewerOfUser } from "@/test/fixtures/viewers";
import { loadPolicies } from "@/lib/policy/load";
import type { UserPrincipal } from "@/lib/identity/principal";
import { createSession, checkSession } from "./session-store";
import {
  endViewAs,
  endViewAsOfSid,
  groupsBeyond,
  isViewingAs,
  principalForSession,
  startViewAs,
  viewAsHistoryFor,
  viewAsRefusal,
  VIEW_AS_MINUTES,
} from "./view-as";

const raw = testPrisma();
afterAll(() => raw.$disconnect());

/** A town with an admin (signed in: a session) and an operator. */
async function town() {
  const muni = await freshMunicipality();
  const admin = await freshPerson(muni.id, ["municipality_admin"], { name: "Ada Admin" });
  const operator = await freshPerson(muni.id, ["operator"], { name: "Otto Operator" });
  const sid = await createSession(admin.id, {});
  const s = await checkSession(sid);
  if (s.status !== "active") throw new Error("no session");
  return { muni, admin, operator, sid, sessionId: s.sessionId, viewer: await viewerOfUser(admin.id) };
}

const events = (action: string, subjectUserId: string) =>
  raw.auditEvent.findMany({ where: { action, subjectUserId }, orderBy: { seq: "asc" } });

describe("startViewAs", () => {
  it("opens a view-as of an active member of the admin's municipality, audited with the admin as actor and the person as subject", async () => {
    const t = await town();
    const { id } = await startViewAs(t.viewer, t.sessionId, t.muni.id, t.operator.memberships[0]!.id, {
      ip: "192.0.2.7",
    });
    const row = await raw.viewAsSession.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({
      sessionId: t.sessionId,
      adminUserId: t.admin.id,
      targetUserId: t.operator.id,
      endedAt: null,
    });
    const [started] = await events("governance.view_as.started", t.operator.id);
    expect(started).toMatchObject({
      actorId: t.admin.id,
      actorType: "user",
      municipalityId: t.muni.id,
      targetType: "Membership",
      targetId: t.operator.memberships[0]!.id,
      ip: "192.0.2.7",
    });
    expect(await isViewingAs(t.sessionId)).toBe(true);
  });

  it("another municipality's member is not found, and nothing is opened", async () => {
    const t = await town();
    const other = await freshMunicipality();
    const stranger = await freshPerson(other.id, ["operator"]);
    await expect(startViewAs(t.viewer, t.sessionId, other.id, stranger.memberships[0]!.id)).rejects.toThrow(
      "Not found",
    );
    // Naming the admin's own municipality with the stranger's membership is not found either.
    await expect(startViewAs(t.viewer, t.sessionId, t.muni.id, stranger.memberships[0]!.id)).rejects.toThrow(
      "Not found",
    );
    expect(await isViewingAs(t.sessionId)).toBe(false);
  });

  it("refuses oneself, a platform account, a citizen, a service account and a member who is not active", async () => {
    const t = await town();
    const own = t.admin.memberships[0]!.id;
    await expect(startViewAs(t.viewer, t.sessionId, t.muni.id, own)).rejects.toThrow("You cannot view as yourself.");
    const platform = await freshUser({ platformGroups: ["platform_admin"] });
    const pm = await addMembership(platform.id, t.muni.id, ["viewer"]);
    await expect(startViewAs(t.viewer, t.sessionId, t.muni.id, pm.id)).rejects.toThrow("platform account");
    const service = await freshPerson(t.muni.id, ["viewer"], { isServiceAccount: true });
    await expect(startViewAs(t.viewer, t.sessionId, t.muni.id, service.memberships[0]!.id)).rejects.toThrow(
      "service account",
    );
    const citizen = await freshPerson(t.muni.id, ["viewer"], { isCitizen: true });
    await expect(startViewAs(t.viewer, t.sessionId, t.muni.id, citizen.memberships[0]!.id)).rejects.toThrow(
      "citizen account",
    );
    const suspended = await freshPerson(t.muni.id, ["viewer"], { status: "SUSPENDED" });
    await expect(startViewAs(t.viewer, t.sessionId, t.muni.id, suspended.memberships[0]!.id)).rejects.toThrow(
      "not active",
    );
    const gone = await freshPerson(t.muni.id, ["viewer"], { isActive: false });
    await expect(startViewAs(t.viewer, t.sessionId, t.muni.id, gone.memberships[0]!.id)).rejects.toThrow("not active");
    expect(await viewAsRefusal(t.viewer, t.muni.id, own)).toBe("You cannot view as yourself.");
    expect(await isViewingAs(t.sessionId)).toBe(false);
    expect(await raw.auditEvent.count({ where: { action: "governance.view_as.started", actorId: t.admin.id } })).toBe(
      0,
    );
  });

  it("someone who may not update the membership (an operator) finds nobody to view as", async () => {
    const t = await town();
    const viewer = await freshPerson(t.muni.id, ["viewer"]);
    const opSid = await createSession(t.operator.id, {});
    const opSession = await checkSession(opSid);
    if (opSession.status !== "active") throw new Error("no session");
    await expect(
      startViewAs(await viewerOfUser(t.operator.id), opSession.sessionId, t.muni.id, viewer.memberships[0]!.id),
    ).rejects.toThrow("Not found");
  });

  it("cannot be chained: refused while the session already views as someone", async () => {
    const t = await town();
    const second = await freshPerson(t.muni.id, ["viewer"]);
    await startViewAs(t.viewer, t.sessionId, t.muni.id, t.operator.memberships[0]!.id);
    await expect(startViewAs(t.viewer, t.sessionId, t.muni.id, second.memberships[0]!.id)).rejects.toThrow(
      "already viewing as someone",
    );
    // Nor from the view itself (the principal is the person's, marked).
    const viewing = await principalForSession(t.sessionId, await principalOfUser(t.admin.id));
    await expect(
      startViewAs({ ...t.viewer, principal: viewing }, t.sessionId, t.muni.id, second.memberships[0]!.id),
    ).rejects.toThrow("already viewing as someone");
    expect(await raw.viewAsSession.count({ where: { sessionId: t.sessionId } })).toBe(1);
  });
});

describe("never more than the administrator holds", () => {
  /** The deployed policies plus a group granting what municipality_admin does not: reading who follows a request. */
  function policiesWithFollowerDesk() {
    const dir = mkdtempSync(path.join(tmpdir(), "view-as-policies-"));
    cpSync(path.resolve("policies/groups"), dir, { recursive: true });
    writeFileSync(
      path.join(dir, "follower_desk.yaml"),
      [
        "group: follower_desk",
        "label: Follower desk",
        "description: Sees who follows each request.",
        "scope: municipality",
        "rules:",
        "  - can: read",
        "    on: RequestFollower",
        "    where: { municipalityId: $membership.municipalityId }",
        "",
      ].join("\n"),
    );
    return loadPolicies(dir);
  }

  it("names the person's groups that grant an action, subject or field the administrator's groups do not", async () => {
    const t = await town();
    const p = await freshPerson(t.muni.id, ["viewer", "follower_desk"]);
    const admin = (await principalOfUser(t.admin.id)) as UserPrincipal;
    const target = (await principalOfUser(p.id)) as UserPrincipal;
    const beyond = groupsBeyond(admin, target, t.muni.id, policiesWithFollowerDesk());
    expect(beyond.map((b) => b.label)).toEqual(["Follower desk"]);
    expect(beyond[0]!.beyond).toEqual([
      expect.objectContaining({
        action: "read",
        subject: "RequestFollower",
        fields: expect.arrayContaining(["userId"]),
      }),
    ]);
  });

  it("an admin covers every municipality group; a viewer does not cover an operator", async () => {
    const t = await town();
    const admin = (await principalOfUser(t.admin.id)) as UserPrincipal;
    for (const groups of [
      ["operator"],
      ["viewer"],
      ["document_editor"],
      ["volunteer"],
      ["manager"],
      ["municipality_admin"],
    ]) {
      const p = (await principalOfUser((await freshPerson(t.muni.id, groups)).id)) as UserPrincipal;
      expect(groupsBeyond(admin, p, t.muni.id), groups.join()).toEqual([]);
    }
    const viewer = (await principalOfUser((await freshPerson(t.muni.id, ["viewer"])).id)) as UserPrincipal;
    const op = (await principalOfUser(t.operator.id)) as UserPrincipal;
    expect(groupsBeyond(viewer, op, t.muni.id).map((b) => b.group)).toEqual(["operator"]);
  });

  it("what the person holds in another municipality is not compared (only this one)", async () => {
    const t = await town();
    const elsewhere = await freshMunicipality();
    await addMembership(t.operator.id, elsewhere.id, ["municipality_admin"]);
    const viewer = (await principalOfUser((await freshPerson(t.muni.id, ["operator"])).id)) as UserPrincipal;
    expect(groupsBeyond(viewer, (await principalOfUser(t.operator.id)) as UserPrincipal, t.muni.id)).toEqual([]);
  });
});

describe("principalForSession", () => {
  it("is the person's principal, restricted to the one membership, marked with the administrator", async () => {
    const t = await town();
    const elsewhere = await freshMunicipality();
    await addMembership(t.operator.id, elsewhere.id, ["operator"]);
    const before = await principalForSession(t.sessionId, await principalOfUser(t.admin.id));
    expect(before).toMatchObject({ userId: t.admin.id });
    expect((before as UserPrincipal).viewAs).toBeUndefined();
    const { id } = await startViewAs(t.viewer, t.sessionId, t.muni.id, t.operator.memberships[0]!.id);
    const p = (await principalForSession(t.sessionId, await principalOfUser(t.admin.id))) as UserPrincipal;
    expect(p.userId).toBe(t.operator.id);
    expect(p.memberships.map((m) => [m.municipalityId, m.groups])).toEqual([[t.muni.id, ["operator"]]]);
    expect(p.platformGroups).toEqual([]);
    expect(p.viewAs).toMatchObject({
      id,
      adminUserId: t.admin.id,
      adminName: "Ada Admin",
      targetName: "Otto Operator",
    });
    // Another session of the same administrator is not affected.
    const other = await checkSession(await createSession(t.admin.id, {}));
    if (other.status !== "active") throw new Error("no session");
    expect(
      ((await principalForSession(other.sessionId, await principalOfUser(t.admin.id))) as UserPrincipal).userId,
    ).toBe(t.admin.id);
  });

  it("ends the view-as when the person's membership is no longer active (access-changed), and after the time limit (expired)", async () => {
    const t = await town();
    await startViewAs(t.viewer, t.sessionId, t.muni.id, t.operator.memberships[0]!.id);
    await raw.membership.update({ where: { id: t.operator.memberships[0]!.id }, data: { status: "SUSPENDED" } });
    const p = (await principalForSession(t.sessionId, await principalOfUser(t.admin.id))) as UserPrincipal;
    expect(p.userId).toBe(t.admin.id);
    const rows = await raw.viewAsSession.findMany({ where: { sessionId: t.sessionId } });
    expect(rows.map((r) => r.endReason)).toEqual(["access-changed"]);

    const u = await town();
    const { id } = await startViewAs(u.viewer, u.sessionId, u.muni.id, u.operator.memberships[0]!.id);
    await raw.viewAsSession.update({
      where: { id },
      data: { startedAt: new Date(Date.now() - (VIEW_AS_MINUTES + 1) * 60_000) },
    });
    expect(((await principalForSession(u.sessionId, await principalOfUser(u.admin.id))) as UserPrincipal).userId).toBe(
      u.admin.id,
    );
    expect((await raw.viewAsSession.findUniqueOrThrow({ where: { id } })).endReason).toBe("expired");
  });
});

describe("ending and the person's history", () => {
  it("the End button ends it once, audited with how long it lasted; the person's history lists who and when", async () => {
    const t = await town();
    await startViewAs(t.viewer, t.sessionId, t.muni.id, t.operator.memberships[0]!.id);
    expect(await endViewAs(t.sessionId, "ended")).toBe(true);
    expect(await endViewAs(t.sessionId, "ended")).toBe(false);
    const [ended, ...more] = await events("governance.view_as.ended", t.operator.id);
    expect(more).toEqual([]);
    expect(ended).toMatchObject({ actorId: t.admin.id, actorType: "user", municipalityId: t.muni.id });
    expect(ended!.data).toMatchObject({ reason: "ended" });
    const history = await viewAsHistoryFor(t.operator.id);
    expect(history).toEqual([
      expect.objectContaining({ adminName: "Ada Admin", municipalityName: t.muni.name, endReason: "ended" }),
    ]);
    expect(history[0]!.endedAt).not.toBeNull();
    expect(await viewAsHistoryFor(t.admin.id)).toEqual([]);
  });

  it("signing out ends it (signed-out); a revoked session's view-as is closed when the history is read", async () => {
    const t = await town();
    await startViewAs(t.viewer, t.sessionId, t.muni.id, t.operator.memberships[0]!.id);
    await endViewAsOfSid(t.sid);
    expect((await raw.viewAsSession.findFirstOrThrow({ where: { sessionId: t.sessionId } })).endReason).toBe(
      "signed-out",
    );

    const u = await town();
    await startViewAs(u.viewer, u.sessionId, u.muni.id, u.operator.memberships[0]!.id);
    await raw.session.update({ where: { id: u.sessionId }, data: { revokedAt: new Date() } });
    const [entry] = await viewAsHistoryFor(u.operator.id);
    expect(entry).toMatchObject({ endReason: "session-ended" });
    expect(entry!.endedAt).not.toBeNull();
  });
});
