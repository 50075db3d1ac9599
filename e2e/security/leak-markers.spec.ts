// The leak detector of the security suites (e2e/security/support/world.ts + judge.ts) against the
// real database: the probes' markers for a request's parts are planted where the policies hide
// something — an internal note's text, the exact coordinates, an unpublished photo's id, a
// follower's address, a tag of another municipality — and a body that shows every marker is judged
// per account, so each marker is a leak exactly for those whose policy hides it. The access
// matrix (./access-matrix.spec.ts) runs the same judge over every route of the build. No browser:
// the judge and the database only.
import { expect, test } from "@playwright/test";
import { findLeaks, type Visit } from "./support/judge";
import type { Account, Muni, Probe } from "./support/world";
import { accountOf, insertProbes, moduleSwitches, municipalities } from "./support/world";
import { sql } from "../../test/fixtures/db";

const TAG = `lm${Date.now().toString(36)}`;
let munis: Muni[];
let probes: Probe[];
const accounts = new Map<string, Account>();

test.beforeAll(async () => {
  munis = (await municipalities()).filter((m) => m.slug === "riverton" || m.slug === "lakeside");
  probes = await insertProbes(munis, false, TAG);
  const modules = await moduleSwitches();
  for (const email of [
    null,
    "volunteer@riverton.test",
    "viewer@riverton.test",
    "operator@riverton.test",
    "operator@lakeside.test",
  ])
    accounts.set(email ?? "anonymous", await accountOf(email ?? "anonymous", email, modules));
});

const muni = (slug: string) => munis.find((m) => m.slug === slug)!.id;
/** A request probe of this shape in this municipality. */
const request = (slug: string, shape: Record<string, unknown>) =>
  probes.find(
    (p) =>
      p.type === "ServiceRequest" &&
      p.municipalityId === muni(slug) &&
      Object.entries(shape).every(([k, v]) => p.row[k] === v),
  )!;
const part = (parent: Probe, type: Probe["type"], shape: Record<string, unknown> = {}) =>
  probes.find(
    (p) => p.parent === parent && p.type === type && Object.entries(shape).every(([k, v]) => p.row[k] === v),
  )!;
const tagOf = (slug: string) => probes.find((p) => p.type === "RequestTag" && p.municipalityId === muni(slug))!;

/** The markers judged leaks when a page shows every marker of every probe to this account. */
function leaked(label: string): Set<string> {
  const body = probes.flatMap((p) => Object.values(p.markers)).join(" ");
  const visit: Visit = {
    account: accounts.get(label)!,
    case: { route: "/everything", path: "/everything", kind: "page", expect: () => "ok" },
    html: { status: 200, location: null, contentType: "text/html", body },
  };
  return new Set(findLeaks([visit], probes).leaks.map((l) => l.marker));
}

test.describe("leak markers in a request's parts", () => {
  test("are planted in the database where the policies hide something", async () => {
    const road = request("riverton", { category: "ROADS", isPublic: true });
    const [row] = await sql<{ latitude: number; tags: string[] }>(
      `SELECT latitude, tags FROM "ServiceRequest" WHERE id = $1`,
      [road.id],
    );
    expect(String(row!.latitude)).toBe(road.markers.latitude);
    expect(row!.tags).toEqual([tagOf("riverton").id]);
    const note = part(road, "RequestEvent", { kind: "INTERNAL_NOTE" });
    const [event] = await sql<{ body: string; onPublicRequest: boolean }>(
      `SELECT body, "onPublicRequest" FROM "RequestEvent" WHERE id = $1`,
      [note.id],
    );
    expect(event).toEqual({ body: note.markers.body, onPublicRequest: true });
    const photos = await sql(`SELECT id FROM "RequestPhoto" WHERE "requestId" = $1`, [road.id]);
    expect(photos).toHaveLength(2);
    const [bytes] = await sql(`SELECT "byteSize" FROM "StoredObject" WHERE key = $1`, [`probe/${photos[0]!.id}`]);
    expect(bytes).toBeDefined();
  });

  test("the public: a public request's comments and published photos only, never notes, pins, followers or tags", () => {
    const road = request("riverton", { category: "ROADS", isPublic: true });
    const hidden = request("riverton", { category: "ROADS", isPublic: false });
    const leaks = leaked("anonymous");
    expect(leaks.has(part(road, "RequestEvent", { kind: "PUBLIC_COMMENT" }).markers.body!)).toBe(false);
    expect(leaks.has(part(road, "RequestEvent", { kind: "STATUS_CHANGED" }).markers.body!)).toBe(false);
    expect(leaks.has(part(road, "RequestPhoto", { isPublished: true }).markers.id!)).toBe(false);
    for (const m of [
      part(road, "RequestEvent", { kind: "INTERNAL_NOTE" }).markers.body,
      part(road, "RequestEvent", { kind: "ASSIGNED" }).markers.body,
      part(road, "RequestPhoto", { isPublished: false }).markers.id,
      part(road, "RequestFollower").markers.email,
      road.markers.latitude,
      road.markers.longitude,
      tagOf("riverton").markers.label,
      // A request that is not public shows nothing of its history, not even its public comments.
      part(hidden, "RequestEvent", { kind: "PUBLIC_COMMENT" }).markers.body,
      part(hidden, "RequestPhoto", { isPublished: true }).markers.id,
    ])
      expect(leaks.has(m!), m).toBe(true);
  });

  test("a volunteer: no internal notes, no unpublished photos, no pins; their own municipality's tags only", () => {
    const hidden = request("riverton", { category: "ROADS", isPublic: false });
    const leaks = leaked("volunteer@riverton.test");
    expect(leaks.has(part(hidden, "RequestEvent", { kind: "PUBLIC_COMMENT" }).markers.body!)).toBe(false);
    expect(leaks.has(part(hidden, "RequestPhoto", { isPublished: true }).markers.id!)).toBe(false);
    expect(leaks.has(tagOf("riverton").markers.label!)).toBe(false);
    for (const m of [
      part(hidden, "RequestEvent", { kind: "INTERNAL_NOTE" }).markers.body,
      part(hidden, "RequestPhoto", { isPublished: false }).markers.id,
      part(hidden, "RequestFollower").markers.email,
      hidden.markers.latitude,
      tagOf("lakeside").markers.label,
    ])
      expect(leaks.has(m!), m).toBe(true);
  });

  test("staff of another municipality: nothing of Riverton beyond what the public sees", () => {
    const hidden = request("riverton", { category: "ROADS", isPublic: false });
    const leaks = leaked("operator@lakeside.test");
    for (const m of [
      part(hidden, "RequestEvent", { kind: "INTERNAL_NOTE" }).markers.body,
      part(hidden, "RequestEvent", { kind: "PUBLIC_COMMENT" }).markers.body,
      part(hidden, "RequestPhoto", { isPublished: true }).markers.id,
      hidden.markers.latitude,
      tagOf("riverton").markers.label,
    ])
      expect(leaks.has(m!), m).toBe(true);
    expect(leaks.has(tagOf("lakeside").markers.label!)).toBe(false);
  });

  test("a viewer reads the timeline and photos, never a follower's address", () => {
    const hidden = request("riverton", { category: "WASTE", isPublic: false });
    const leaks = leaked("viewer@riverton.test");
    expect(leaks.has(part(hidden, "RequestEvent", { kind: "INTERNAL_NOTE" }).markers.body!)).toBe(false);
    expect(leaks.has(part(hidden, "RequestPhoto", { isPublished: false }).markers.id!)).toBe(false);
    expect(leaks.has(hidden.markers.latitude!)).toBe(false);
    expect(leaks.has(part(hidden, "RequestFollower").markers.email!)).toBe(true);
  });

  test("judges a part through its request: an operator never sees the notes of a request outside her reach", () => {
    // Assigned to Lakeside's operator, in a category Riverton's operator does not hold, not public:
    // her timeline rule alone (the municipality's entries) would allow its notes; its request does not.
    const theirs = request("riverton", { category: "NOISE", isPublic: false });
    const mine = request("riverton", { category: "ROADS", isPublic: false });
    const leaks = leaked("operator@riverton.test");
    expect(leaks.has(part(theirs, "RequestEvent", { kind: "INTERNAL_NOTE" }).markers.body!)).toBe(true);
    expect(leaks.has(part(theirs, "RequestPhoto", { isPublished: false }).markers.id!)).toBe(true);
    expect(leaks.has(part(mine, "RequestEvent", { kind: "INTERNAL_NOTE" }).markers.body!)).toBe(false);
    expect(leaks.has(mine.markers.latitude!)).toBe(false);
  });
});
