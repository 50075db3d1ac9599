// The person page's history is audit data: it follows the AuditEvent permission like the audit
// log, not the Membership permission that lets the viewer open the page. Own municipalities and
// people, because test files share one database.
import { sentenceText } from "@/lib/audit/describe";
import { describe, expect, it } from "vitest";
import { NotFoundError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record";
import { testPrisma } from "@/test/fixtures/db";
import { freshMunicipality } from "@/test/fixtures/municipalities";
import { auditReaders, recordSystemEvent } from "@/test/fixtures/audit";
import { addMembership, freshPerson } from "@/test/fixtures/people";
import { viewerOf } from "@/test/fixtures/viewers";
import { createPrismaAbility, type AppAbility } from "@/lib/policy/casl";
import type { Viewer } from "@/lib/identity/viewer";
import { getPerson } from "./people";

const raw = testPrisma();

describe("a person's history on the admin page", () => {
  it("shows audit events only to viewers who may read them, never another municipality's", async () => {
    const { town, other, admin, manager, otherAdmin } = await auditReaders();
    const person = await freshPerson(town.id, ["operator"]);
    const there = await addMembership(person.id, other.id, ["viewer"]);
    const here = person.memberships[0]!;

    const record = (action: string, municipalityId: string | null) =>
      recordSystemEvent({
        action,
        municipalityId,
        subjectUserId: person.id,
        targetType: "Membership",
        targetId: municipalityId === other.id ? there.id : here.id,
        data: { note: action },
      });
    await record("test.history.town", town.id);
    await record("test.history.other", other.id);
    await record("test.history.account", null);

    const actions = async (viewer: typeof admin, membershipId: string) =>
      (await getPerson(viewer, viewer === otherAdmin ? other.id : town.id, membershipId)).history
        .map((h) => h.action)
        .sort();

    // The admin sees their municipality's events and the account-level ones about their staff.
    expect(await actions(admin, here.id)).toEqual(["test.history.account", "test.history.town"]);
    // The manager may open the person page, but its history is not theirs to read.
    const seenByManager = await getPerson(manager, town.id, here.id);
    expect(seenByManager.email).toBe(person.email);
    expect(seenByManager.history).toEqual([]);
    // Another municipality's admin: not the person page of this municipality at all…
    await expect(getPerson(otherAdmin, town.id, here.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getPerson(otherAdmin, other.id, here.id)).rejects.toBeInstanceOf(NotFoundError);
    // …and on their own membership of the same person, only their own municipality's events.
    expect(await actions(otherAdmin, there.id)).toEqual(["test.history.account", "test.history.other"]);
  });

  it("projects each event to the fields the AuditEvent rules permit", async () => {
    const town = await freshMunicipality();
    const actor = await freshPerson(town.id, ["municipality_admin"]);
    const person = await freshPerson(town.id, ["operator"]);
    const here = person.memberships[0]!;
    await raw.$transaction((tx) =>
      recordAudit(tx, {
        action: "test.history.fields",
        actorType: "user",
        actorId: actor.id,
        municipalityId: town.id,
        subjectUserId: person.id,
        data: { secretish: "kept back" },
      }),
    );
    // A rule set no group has today: the person, and only when and what happened to them.
    const ability = createPrismaAbility([
      { action: "read", subject: "Membership", conditions: { municipalityId: town.id } },
      {
        action: "read",
        subject: "AuditEvent",
        conditions: { municipalityId: town.id },
        fields: ["at", "action", "municipalityId"],
      },
    ]) as AppAbility;
    const limited: Viewer = { principal: (await viewerOf(actor.email)).principal, ability };
    const p = await getPerson(limited, town.id, here.id);
    expect(p.canReadHistory).toBe(true);
    // Only when and what: the sentence names nobody (a neutral word, never an id).
    expect(p.history.map((h) => [h.action, sentenceText(h.sentence)])).toEqual([
      ["test.history.fields", "Someone: test history fields"],
    ]);
    // With the whole event permitted, the same entry names its actor and the person, linked to their pages.
    const full = await getPerson(await viewerOf(actor.email), town.id, here.id);
    const entry = full.history.find((h) => h.action === "test.history.fields")!;
    expect(sentenceText(entry.sentence)).toBe(`${actor.name}: test history fields (about ${person.name})`);
    expect(entry.sentence).toContainEqual({
      ref: { label: actor.name, href: `/admin/${town.slug}/people/${actor.memberships[0]!.id}` },
    });
  });
});
