// The map's queries and the coarse location lib/data writes, against the real database: a report
// filed through the public create gets approx coordinates on the 0.0025° grid; "Is this the same
// problem?" finds open reports of the same category within about 150 m — never a closed one,
// another category, a far one or one of another municipality; the map's markers carry the
// coarse point only.
import { beforeAll, describe, expect, it } from "vitest";
import { testPrisma } from "@/test/fixtures/db";
import { freshMunicipality } from "@/test/fixtures/municipalities";
import { staffViewerOf } from "@/test/fixtures/viewers";
import { freshPerson } from "@/test/fixtures/people";
import { coarseLocation } from "@/lib/schemas/coarse-location";
import { recordsOf } from "./record-store";
import { anonymousViewer } from "./anonymous-viewer";
import { coarseFieldsFor } from "./coarse-write";
import { NotFoundError } from "@/lib/errors";
import { checkForDuplicates, DUPLICATE_CHECKS_PER_IP, TooManyChecksError } from "@/lib/flows/possible-duplicates";
import {
  DUPLICATE_RADIUS_METRES,
  coarseSlackMetres,
  duplicateQuerySchema,
  openRequestsOnMap,
  parseBbox,
  possibleDuplicates,
} from "./request-map";

const raw = testPrisma();
const requests = recordsOf("ServiceRequest");
// About 45° N: 1 m ≈ 1/111,320° of latitude, 1/78,700° of longitude.
const PIN = { latitude: 45.10113, longitude: 7.60087 };
const north = (m: number) => ({ latitude: PIN.latitude + m / 111_320, longitude: PIN.longitude });
const east = (m: number) => ({
  latitude: PIN.latitude,
  longitude: PIN.longitude + m / (111_320 * Math.cos((PIN.latitude * Math.PI) / 180)),
});

async function report(
  municipalityId: string,
  title: string,
  at: { latitude: number; longitude: number },
  category = "ROADS",
): Promise<string> {
  const created = await requests.create(await anonymousViewer(), {
    municipalityId,
    category,
    title,
    description: "A problem someone reported on the map.",
    area: "Centre",
    latitude: String(at.latitude),
    longitude: String(at.longitude),
  });
  return String(created.reference);
}

describe("coarse location on write", () => {
  it("sets approxLatitude/approxLongitude from the reporter's pin, on the 0.0025° grid", async () => {
    const town = await freshMunicipality();
    const reference = await report(town.id, "Pothole by the bakery", PIN);
    const row = await raw.serviceRequest.findFirstOrThrow({ where: { municipalityId: town.id, reference } });
    expect(row.latitude).toBeCloseTo(PIN.latitude, 6);
    expect({ approxLatitude: row.approxLatitude, approxLongitude: row.approxLongitude }).toEqual(
      coarseLocation(PIN.latitude, PIN.longitude),
    );
    expect(row.approxLatitude).toBe(45.1);
    expect(row.approxLongitude).toBe(7.6);
  });

  it("follows a changed coordinate and leaves the approx pair alone when none changes", () => {
    const before = { latitude: 45.1, longitude: 7.6 };
    expect(coarseFieldsFor("ServiceRequest", { latitude: 45.2011 }, before)).toEqual({
      approxLatitude: 45.2,
      approxLongitude: 7.6,
    });
    expect(coarseFieldsFor("ServiceRequest", { latitude: null }, before)).toEqual({
      approxLatitude: null,
      approxLongitude: null,
    });
    expect(coarseFieldsFor("ServiceRequest", { status: "TRIAGED" }, before)).toEqual({});
    // A type without a coarse pair gets nothing.
    expect(coarseFieldsFor("HeritageSite", { latitude: 45.2 }, before)).toEqual({});
  });
});

describe("possible duplicates", () => {
  let town: { id: string };
  let other: { id: string };
  const refs: Record<string, string> = {};
  beforeAll(async () => {
    town = await freshMunicipality();
    other = await freshMunicipality();
    refs.near = await report(town.id, "Pothole near the corner", north(60));
    refs.edge = await report(town.id, "Pothole 140 m east", east(140));
    refs.far = await report(town.id, "Pothole across town", north(1200));
    refs.otherCategory = await report(town.id, "Broken lamp right there", PIN, "STREET_LIGHTING");
    refs.closed = await report(town.id, "Pothole fixed last week", north(20));
    refs.hidden = await report(town.id, "Pothole staff hid", north(30));
    refs.otherTown = await report(other.id, "Pothole in the other town", PIN);
    await raw.serviceRequest.updateMany({
      where: { municipalityId: town.id, reference: refs.closed },
      data: { status: "RESOLVED" },
    });
    await raw.serviceRequest.updateMany({
      where: { municipalityId: town.id, reference: refs.hidden },
      data: { isPublic: false },
    });
  });

  const found = async (municipalityId: string, category = "ROADS") =>
    (
      await possibleDuplicates(await anonymousViewer(), {
        municipalityId,
        category: category as "ROADS",
        ...PIN,
      })
    ).map((d) => d.reference);

  it("shows open public reports of the same category within about 150 m, nearest first", async () => {
    expect(await found(town.id)).toEqual([refs.near, refs.edge]);
  });

  it("never a closed one, another category, a far one, a hidden one or another municipality's", async () => {
    const shown = await found(town.id);
    for (const k of ["far", "otherCategory", "closed", "hidden", "otherTown"]) expect(shown).not.toContain(refs[k]);
    expect(await found(town.id, "STREET_LIGHTING")).toEqual([refs.otherCategory]);
    expect(await found(other.id)).toEqual([refs.otherTown]);
  });

  it("measures from the coarse point: within the radius plus the grid's slack, and says how far", async () => {
    const [first] = await possibleDuplicates(await anonymousViewer(), {
      municipalityId: town.id,
      category: "ROADS",
      ...PIN,
    });
    if (!first) throw new Error("no duplicate found");
    expect(Object.keys(first).sort()).toEqual(["category", "lat", "lon", "metres", "reference", "status", "title"]);
    const coarse = coarseLocation(north(60).latitude, north(60).longitude);
    expect([first.lat, first.lon]).toEqual([coarse.approxLatitude, coarse.approxLongitude]);
    expect(first.metres).toBeLessThanOrEqual(DUPLICATE_RADIUS_METRES + coarseSlackMetres(PIN.latitude));
    expect(coarseSlackMetres(45)).toBeGreaterThan(150);
    expect(coarseSlackMetres(45)).toBeLessThan(190);
  });

  it("a staff member sees only their own municipality's, even for the other town's pin", async () => {
    // The staff view (no public group): the workspace's, where another town's public report is out of reach.
    const manager = await staffViewerOf((await freshPerson(town.id, ["manager"])).email);
    const mine = await possibleDuplicates(manager, { municipalityId: other.id, category: "ROADS", ...PIN });
    expect(mine).toEqual([]);
    const staffView = (await possibleDuplicates(manager, { municipalityId: town.id, category: "ROADS", ...PIN })).map(
      (d) => d.reference,
    );
    // Staff may read the hidden one too; still open and same category only.
    expect(staffView).toContain(refs.hidden);
    expect(staffView).not.toContain(refs.closed);
  });
});

describe("the public map's markers", () => {
  it("open public requests inside the bounds, coarse point only", async () => {
    const town = await freshMunicipality();
    const inside = await report(town.id, "Graffiti on the bridge", PIN, "GRAFFITI");
    const outside = await report(town.id, "Graffiti far away", north(5000), "GRAFFITI");
    const bounds = parseBbox("45.09,7.59,45.11,7.61");
    expect(bounds).not.toBeNull();
    const { markers, capped } = await openRequestsOnMap(await anonymousViewer(), town.id, bounds);
    expect(markers.map((m) => m.reference)).toEqual([inside]);
    expect(capped).toBe(false);
    if (!markers[0]) throw new Error("no marker");
    expect(Object.keys(markers[0]).sort()).toEqual(["category", "lat", "lon", "reference", "status", "title"]);
    expect([markers[0].lat, markers[0].lon]).toEqual([45.1, 7.6]);
    const all = await openRequestsOnMap(await anonymousViewer(), town.id, null);
    expect(all.markers.map((m) => m.reference).sort()).toEqual([inside, outside].sort());
  });

  it("refuses bounds that are not a city-sized window", () => {
    expect(parseBbox("45.11,7.59,45.09,7.61")).toBeNull();
    expect(parseBbox("0,0,50,50")).toBeNull();
    expect(parseBbox("a,b,c,d")).toBeNull();
    expect(parseBbox("45.09,7.59,45.11")).toBeNull();
    expect(parseBbox(["45"])).toBeNull();
  });
});

describe("the report form's question", () => {
  it("takes numbers or numeric text only, and a municipality by slug", () => {
    const ok = { slug: "riverton", category: "ROADS", latitude: "52.091", longitude: 5.12 };
    expect(duplicateQuerySchema.safeParse(ok).success).toBe(true);
    for (const bad of [
      { ...ok, latitude: "" },
      { ...ok, latitude: [] },
      { ...ok, latitude: "1e3" },
      { ...ok, longitude: 181 },
      { ...ok, category: "EXPLODED" },
      { ...ok, slug: "Riverton\u0000" },
    ])
      expect(duplicateQuerySchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
  });

  it("an unknown municipality is not found; too many questions from one address are refused", async () => {
    const ip = `198.51.100.${Math.floor(Math.random() * 250)}-${Date.now()}`;
    const q = { category: "ROADS" as const, ...PIN };
    await expect(checkForDuplicates({ ...q, slug: "no-such-town" }, ip)).rejects.toBeInstanceOf(NotFoundError);
    const town = await freshMunicipality();
    for (let i = 1; i < DUPLICATE_CHECKS_PER_IP.limit; i++) await checkForDuplicates({ ...q, slug: town.slug }, ip);
    await expect(checkForDuplicates({ ...q, slug: town.slug }, ip)).rejects.toBeInstanceOf(TooManyChecksError);
  });
});
