// Ending access (seed 003, "Removing access"): the link ended and the provider's grants, tokens and
// sessions for that service gone, only where the last source went; a batched access check over a
// group of a few hundred members with its counts, stoppable and resumable from its cursor; and
// the start-up comparison of group files that notices a group no longer granting a service.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadPolicies, type CompiledPolicies } from "@/lib/policy/load";
import { testPrisma } from "@/test/fixtures/db";
import { freshMunicipality } from "@/test/fixtures/municipalities";
import { freshPerson } from "@/test/fixtures/people";
import { freshService } from "@/test/fixtures/services";
import { intranetService, linkOf, oidcRowsAt, signedIntoService } from "@/test/fixtures/service-links";
import { uniq } from "@/test/fixtures/unique";
import { endAccessForService, endLostAccess, runAccessCheck, startAccessCheck } from "./access-end";
import { grantedPairs, watchServicePolicies } from "./policy-watch";

const raw = testPrisma();

/** A copy of policies/ whose group files are edited by `change` (file name → new text). */
function editedPolicies(change: (file: string, text: string) => string): CompiledPolicies {
  const dir = mkdtempSync(path.join(tmpdir(), "gh-policies-"));
  cpSync(path.join(process.cwd(), "policies"), dir, { recursive: true });
  const groups = path.join(dir, "groups");
  for (const f of ["operator.yaml", "manager.yaml"]) {
    const file = path.join(groups, f);
    writeFileSync(file, change(f, readFileSync(file, "utf8")));
  }
  return loadPolicies(groups);
}

const ACCESS_RULE =
  /\n {2}- can: access\n {4}on: Service\n {4}where: \{ municipalityId: \$membership\.municipalityId, slug: permits \}/;

/** The operator group without its `access` rule (the group file that stopped granting permits). */
const withoutOperatorAccess = () =>
  editedPolicies((f, text) => {
    if (f !== "operator.yaml") return text;
    expect(text).toMatch(ACCESS_RULE);
    return text.replace(ACCESS_RULE, "");
  });

describe("endLostAccess", () => {
  it("cuts only the services whose last source went, inside the caller's transaction", async () => {
    const town = await freshMunicipality();
    const permits = await freshService({ municipalityId: town.id });
    const intranet = await intranetService(town.id);
    const p = await freshPerson(town.id, ["operator"]);
    const a = await signedIntoService(permits, p.id);
    await signedIntoService(intranet, p.id);
    // Still an operator: nothing ends.
    expect(await raw.$transaction((tx) => endLostAccess(tx as never, p.id, "checked"))).toEqual({ ended: [] });
    const ended = await raw.$transaction(async (tx) => {
      await tx.membership.update({ where: { id: p.memberships[0]!.id }, data: { groups: [] } });
      return endLostAccess(tx as never, p.id, "removed from the operator group");
    });
    expect(ended).toEqual({ ended: [permits.id] });
    const link = await linkOf(permits.id, p.id);
    expect(link.endedAt).not.toBeNull();
    expect(link.endReason).toBe("removed from the operator group");
    expect(await oidcRowsAt(permits.clientId, p.id)).toBe(0);
    // The intranet (membership state) keeps its link and its provider rows.
    expect((await linkOf(intranet.id, p.id)).endedAt).toBeNull();
    expect(await oidcRowsAt(intranet.clientId, p.id)).toBeGreaterThan(0);
    expect(a.sid).toBeTruthy();
    const audit = await raw.auditEvent.findFirst({ where: { action: "service.access_ended", targetId: link.id } });
    expect(audit?.subjectUserId).toBe(p.id);
  });

  it("a rolled-back change cuts nothing", async () => {
    const town = await freshMunicipality();
    const s = await freshService({ municipalityId: town.id });
    const p = await freshPerson(town.id, ["operator"]);
    await signedIntoService(s, p.id);
    await raw
      .$transaction(async (tx) => {
        await tx.user.update({ where: { id: p.id }, data: { isActive: false } });
        expect((await endLostAccess(tx as never, p.id, "account deactivated")).ended).toEqual([s.id]);
        throw new Error("roll back");
      })
      .catch(() => undefined);
    expect((await linkOf(s.id, p.id)).endedAt).toBeNull();
    expect(await oidcRowsAt(s.clientId, p.id)).toBeGreaterThan(0);
  });

  it("a disabled service cuts everyone who uses it", async () => {
    const town = await freshMunicipality();
    const s = await freshService({ municipalityId: town.id });
    const people = await Promise.all([1, 2, 3].map(() => freshPerson(town.id, ["operator"])));
    for (const p of people) await signedIntoService(s, p.id);
    const r = await raw.$transaction(async (tx) => {
      await tx.service.update({ where: { id: s.id }, data: { disabledAt: new Date() } });
      return endAccessForService(tx as never, s.id, "service disabled");
    });
    expect(r).toEqual({ ended: 3 });
    for (const p of people) expect(await oidcRowsAt(s.clientId, p.id)).toBe(0);
  });
});

/** `n` operators of the town, each signed into the service (links only: the check's work is the links). */
async function operators(townId: string, serviceId: string, n: number): Promise<string[]> {
  const tag = uniq();
  const ids = Array.from({ length: n }, (_, i) => `op-${tag}-${String(i).padStart(4, "0")}`);
  await raw.user.createMany({ data: ids.map((id) => ({ id, email: `${id}@example.test`, name: id })) });
  await raw.membership.createMany({
    data: ids.map((userId) => ({ userId, municipalityId: townId, groups: ["operator"], status: "ACTIVE" as const })),
  });
  await raw.serviceLink.createMany({ data: ids.map((userId) => ({ serviceId, municipalityId: townId, userId })) });
  return ids;
}

describe("access checks", () => {
  it("walks a group of a few hundred members in batches, reports counts, stops and resumes from its cursor", async () => {
    const town = await freshMunicipality();
    const s = await freshService({ municipalityId: town.id });
    const ids = await operators(town.id, s.id, 300);
    const admin = await freshPerson(town.id, ["municipality_admin"]);
    // One of them also holds a direct grant: they keep access.
    await raw.serviceGrant.create({
      data: { serviceId: s.id, municipalityId: town.id, userId: ids[7]!, grantedById: admin.id, reason: "pilot user" },
    });
    // Someone outside the group with a link is not this check's business.
    const viewer = await freshPerson(town.id, ["viewer"]);
    await signedIntoService(s, viewer.id);
    const policies = withoutOperatorAccess();
    const { id } = await startAccessCheck({
      serviceId: s.id,
      group: "operator",
      reason: "operator no longer grants permits",
    });
    expect(await raw.accessCheck.findUniqueOrThrow({ where: { id } })).toMatchObject({
      total: 300,
      checked: 0,
      status: "RUNNING",
      municipalityId: town.id,
    });
    await runAccessCheck(id, { policies, batchSize: 100, maxBatches: 1 });
    const half = await raw.accessCheck.findUniqueOrThrow({ where: { id } });
    expect(half).toMatchObject({ checked: 100, status: "RUNNING" });
    expect(half.cursor).not.toBeNull();
    await runAccessCheck(id, { policies, batchSize: 100 });
    const done = await raw.accessCheck.findUniqueOrThrow({ where: { id } });
    expect(done).toMatchObject({ total: 300, checked: 300, ended: 299, status: "DONE", lastError: null });
    expect(done.finishedAt).not.toBeNull();
    const open = await raw.serviceLink.count({ where: { serviceId: s.id, endedAt: null } });
    expect(open).toBe(2); // the one with a grant, and the viewer outside the group
    expect((await linkOf(s.id, ids[7]!)).endedAt).toBeNull();
    expect((await linkOf(s.id, ids[8]!)).endReason).toBe("operator no longer grants permits");
    // Running a finished check again changes nothing.
    await runAccessCheck(id, { policies, batchSize: 100 });
    expect((await raw.accessCheck.findUniqueOrThrow({ where: { id } })).checked).toBe(300);
  }, 120_000);

  it("a fault marks the check FAILED with the error, and a later run resumes it", async () => {
    const town = await freshMunicipality();
    const s = await freshService({ municipalityId: town.id });
    await operators(town.id, s.id, 30);
    const { id } = await startAccessCheck({ serviceId: s.id, group: "operator", reason: "test" });
    const broken = { ...withoutOperatorAccess(), groups: undefined } as unknown as CompiledPolicies;
    await expect(runAccessCheck(id, { policies: broken, batchSize: 10 })).rejects.toThrow();
    expect(await raw.accessCheck.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "FAILED", checked: 0 });
    expect((await raw.accessCheck.findUniqueOrThrow({ where: { id } })).lastError).toBeTruthy();
    await runAccessCheck(id, { policies: withoutOperatorAccess(), batchSize: 10 });
    expect(await raw.accessCheck.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "DONE",
      checked: 30,
      ended: 30,
      lastError: null,
    });
  });
});

describe("policy watch", () => {
  it("lists the (slug, group) pairs the group files grant", () => {
    const pairs = grantedPairs();
    expect(pairs).toContainEqual({ slug: "permits", group: "operator" });
    expect(pairs).toContainEqual({ slug: "permits", group: "manager" });
    expect(pairs).toContainEqual({ slug: "*", group: "superuser" });
    expect(pairs.some((p) => p.group === "viewer")).toBe(false);
  });

  it("notices a group file that stopped granting a service, checks that group's members there, stores the new pairs", async () => {
    const slug = `watch-${uniq()}`;
    // Group files that also grant `slug` to operators, then the same files without that rule.
    const granting = editedPolicies((f, text) =>
      f === "operator.yaml"
        ? `${text.trimEnd()}\n  - can: access\n    on: Service\n    where: { municipalityId: $membership.municipalityId, slug: ${slug} }\n`
        : text,
    );
    const town = await freshMunicipality();
    const s = await freshService({ municipalityId: town.id, slug });
    const other = await freshService({ municipalityId: town.id, slug: `other-${uniq()}` });
    const op = await freshPerson(town.id, ["operator"]);
    const mgr = await freshPerson(town.id, ["manager"]);
    await signedIntoService(s, op.id);
    await signedIntoService(s, mgr.id);
    await watchServicePolicies({ policies: granting });
    expect(
      await raw.servicePolicyGrant.findUnique({ where: { slug_group: { slug, group: "operator" } } }),
    ).not.toBeNull();
    // Their first run with `granting` changed nothing for this service.
    const notGranting = loadPolicies();
    const r = await watchServicePolicies({ policies: notGranting });
    expect(r.lost).toContainEqual({ slug, group: "operator" });
    const checks = await raw.accessCheck.findMany({
      where: { id: { in: r.checks }, serviceId: { in: [s.id, other.id] } },
    });
    expect(checks.map((c) => [c.serviceId, c.group, c.total])).toEqual([[s.id, "operator", 1]]);
    expect(await raw.servicePolicyGrant.findUnique({ where: { slug_group: { slug, group: "operator" } } })).toBeNull();
    await runAccessCheck(checks[0]!.id, { policies: notGranting });
    expect((await linkOf(s.id, op.id)).endedAt).not.toBeNull();
    // The manager was not in the group: not checked, not cut (they never had access from it anyway).
    expect((await linkOf(s.id, mgr.id)).endedAt).toBeNull();
    // Two servers starting with the same files: the second finds nothing changed.
    const [x, y] = await Promise.all([
      watchServicePolicies({ policies: notGranting }),
      watchServicePolicies({ policies: notGranting }),
    ]);
    expect([...x.lost, ...y.lost]).toEqual([]);
  });
});
