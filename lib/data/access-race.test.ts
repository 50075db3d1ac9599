// A person's record write racing the removal of their rights: a group change, a suspension or a
// deactivation committing while the write is in flight. The write must serialize with it — commit
// before the removal, or be refused as not found — never commit afterwards with the old ability.
// lib/data/access-version.ts guarantees it by confirming User.accessVersion FOR SHARE inside the write.
import { beforeAll, describe, expect, it } from "vitest";
import { loadUserPrincipal } from "@/lib/auth/load-principal";
import { viewerFor } from "@/lib/auth/viewer";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { accessibleBy } from "@/lib/policy/casl";
import type { Viewer } from "@/lib/identity/viewer";
import { recordsOf } from "./record-store";
import { changeMembershipAccess } from "@/lib/flows/group-change";
import { deactivateUser, suspendMembership } from "@/lib/flows/deactivation";
import { testPrisma } from "@/test/fixtures/db";
import { freshMunicipality } from "@/test/fixtures/municipalities";
import { freshPerson } from "@/test/fixtures/people";
import { freshViewer } from "@/test/fixtures/viewers";
import { serializedWithRemoval, type Settled } from "@/lib/flows/race-checks";
import { size } from "@/test/fixtures/suite-size";
import { recordFigures } from "@/test/fixtures/figures";
import { uniq } from "@/test/fixtures/unique";

const { update: updateServiceRequest } = recordsOf("ServiceRequest");

const raw = testPrisma();

const ROUNDS = size(6, 30);
const REMOVALS = ["group change", "suspension", "deactivation"] as const;
type Removal = (typeof REMOVALS)[number];
const REMOVAL_EVENT: Record<Removal, string> = {
  "group change": "membership.access_change",
  suspension: "membership.suspend",
  deactivation: "user.deactivate",
};

let town: Awaited<ReturnType<typeof freshMunicipality>>;
let admin: Viewer;
const tally = { rounds: 0, committedBefore: 0, refusedAfter: 0 };

beforeAll(async () => {
  town = await freshMunicipality();
  admin = await freshViewer(town.id, ["municipality_admin"]);
});

async function arrange() {
  const person = await freshPerson(town.id, ["manager"]);
  const record = await raw.serviceRequest.create({
    data: {
      municipalityId: town.id,
      reference: `AR-${uniq()}`,
      category: "ROADS",
      title: "Pothole",
      description: "A pothole on the main road.",
      area: "Centre",
      address: "1 Main Street",
      reporterName: "Rita Reporter",
      reporterEmail: "rita@example.org",
    },
  });
  // The ability is built now, as a request would build it before doing its work.
  const viewer = await viewerFor(await loadUserPrincipal(person.id));
  return { person, membershipId: person.memberships[0]!.id, recordId: record.id, viewer };
}

function remove(kind: Removal, who: { membershipId: string; userId: string }): Promise<unknown> {
  if (kind === "group change") return changeMembershipAccess(admin, who.membershipId, { groups: ["viewer"] });
  if (kind === "suspension") return suspendMembership(admin, who.membershipId, "moved to another team");
  return deactivateUser(admin, who.userId, "left the municipality");
}

async function judge(
  kind: Removal,
  a: Awaited<ReturnType<typeof arrange>>,
  write: Settled,
  note: string,
): Promise<string[]> {
  const [w, r, row] = await Promise.all([
    raw.auditEvent.findFirst({
      where: { action: "ServiceRequest.update", targetId: a.recordId },
      select: { seq: true },
    }),
    raw.auditEvent.findFirst({
      where: { action: REMOVAL_EVENT[kind], subjectUserId: a.person.id },
      select: { seq: true },
    }),
    // The write's mark: its internal note on the timeline, written in the same transaction.
    raw.requestEvent.count({ where: { requestId: a.recordId, kind: "INTERNAL_NOTE", body: note } }),
  ]);
  return serializedWithRemoval({
    write,
    writeSeq: w?.seq ?? null,
    removalSeq: r?.seq ?? null,
    changed: row === 1,
  });
}

/** The status change carries an internal note: the mark that the write committed. */
const withNote = (note: string) => ({ entries: [{ kind: "INTERNAL_NOTE" as const, body: note }] });

/** The write path as it would be without the in-transaction check: scope from the old ability only. */
async function naiveUpdate(viewer: Viewer, id: string, changes: { status: "TRIAGED"; note: string }) {
  const before = await db.serviceRequest.findFirst({
    where: { AND: [accessibleBy(viewer.ability, "update").ofType("ServiceRequest"), { id }] },
  });
  if (!before) throw new NotFoundError();
  await db.$transaction(async (tx) => {
    const r = await tx.serviceRequest.updateMany({
      where: {
        AND: [accessibleBy(viewer.ability, "update").ofType("ServiceRequest"), { id, updatedAt: before.updatedAt }],
      },
      data: { status: changes.status },
    });
    if (r.count !== 1) throw new NotFoundError();
    await tx.requestEvent.create({
      data: { municipalityId: town.id, requestId: id, kind: "INTERNAL_NOTE", body: changes.note },
    });
    await recordAudit(tx, {
      action: "ServiceRequest.update",
      actorType: "user",
      actorId: viewer.principal.kind === "user" ? viewer.principal.userId : null,
      targetType: "ServiceRequest",
      targetId: id,
      municipalityId: town.id,
    });
  });
}

describe("a write racing the removal of the writer's rights", () => {
  it.each(REMOVALS)(
    "%s committed before the write starts its transaction: the write is refused as not found and changes nothing",
    async (kind) => {
      const a = await arrange();
      await remove(kind, { membershipId: a.membershipId, userId: a.person.id });
      const note = `after ${kind}`;
      const [write] = await Promise.allSettled([
        updateServiceRequest(a.viewer, a.recordId, { status: "TRIAGED" }, undefined, {}, withNote(note)),
      ]);
      expect(write!.status).toBe("rejected");
      expect(await judge(kind, a, write!, note)).toEqual([]);
    },
  );

  it(`at the same moment, ${ROUNDS} rounds over group change, suspension and deactivation: every outcome is serializable`, async () => {
    for (let i = 0; i < ROUNDS; i++) {
      const kind = REMOVALS[i % REMOVALS.length]!;
      const a = await arrange();
      const note = `round ${i}`;
      // Every other round the write sets off a few milliseconds after the removal, so that both
      // orders (write first, removal first) and the overlaps between them come up.
      const lag = i % 2 === 0 ? 0 : 1 + ((i >> 1) % 4);
      const [write, removal] = await Promise.allSettled([
        new Promise((r) => setTimeout(r, lag)).then(() =>
          updateServiceRequest(a.viewer, a.recordId, { status: "TRIAGED" }, undefined, {}, withNote(note)),
        ),
        remove(kind, { membershipId: a.membershipId, userId: a.person.id }),
      ]);
      expect(removal!.status).toBe("fulfilled");
      expect(await judge(kind, a, write!, note), `${kind}, round ${i}`).toEqual([]);
      tally.rounds++;
      if (write!.status === "fulfilled") tally.committedBefore++;
      else tally.refusedAfter++;
    }
    recordFigures("concurrency-access", {
      raceRounds: tally.rounds,
      writesCommittedBeforeRemoval: tally.committedBefore,
      writesRefusedAfterRemoval: tally.refusedAfter,
      writesWithRemovedRights: 0,
    });
  });

  it("the judge catches a write path that trusts the ability built before the removal (naive read-check-write)", async () => {
    for (const kind of REMOVALS) {
      const a = await arrange();
      await remove(kind, { membershipId: a.membershipId, userId: a.person.id });
      const note = `naive after ${kind}`;
      const [write] = await Promise.allSettled([naiveUpdate(a.viewer, a.recordId, { status: "TRIAGED", note })]);
      expect(write!.status).toBe("fulfilled");
      expect(await judge(kind, a, write!, note)).toContain(
        "the write committed after the removal had committed, with the rights it removed",
      );
    }
  });
});
