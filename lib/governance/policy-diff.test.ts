// The policy-change preview against the real PostgreSQL: in a fresh municipality with known
// people (volunteers, a suspended one, a viewer, API tokens) and heritage sites of every kind,
// public and not, a copy of the policies where volunteer.yaml's heritage view is narrowed must
// report exactly the people, records and fields affected — expectations worked out by hand from
// the policy files, not by the engine under test. Every query is scoped to the fresh municipality.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { freshMunicipality } from "@/test/fixtures/municipalities";
import { freshPerson } from "@/test/fixtures/people";
import { testPrisma } from "@/test/fixtures/db";
import { uniq } from "@/test/fixtures/unique";
import type { HeritageKind } from "@/lib/generated/prisma/enums";
import { loadPolicies, PolicyLoadError, type CompiledPolicies } from "@/lib/policy/load";
import { diffPolicies, policyDiffMarkdown } from "./policy-diff";
import { compilePolicyFiles, policiesAtGitRef, PolicyRefError } from "./policy-sources";

const VOLUNTEER = readFileSync(path.join(process.cwd(), "policies/groups/volunteer.yaml"), "utf8");
const FULL =
  "fields: [id, municipalityId, kind, name, summary, district, period, designation, isPublic, address, latitude, longitude, createdAt, updatedAt]";
const LIMITED =
  "fields: [id, municipalityId, kind, name, summary, district, period, designation, isPublic, createdAt, updatedAt]";
const LIMITED_KINDS = "kind: { in: [ARCHAEOLOGICAL_ZONE, INVENTORY_RESOURCE] }";

/**
 * The narrowed volunteer: no district, address or coordinates on historic, character and
 * master-plan areas, no district on archaeological zones, and inventory resources no longer at all.
 */
const NARROWED = VOLUNTEER.replace(
  FULL,
  "fields: [id, municipalityId, kind, name, summary, period, designation, isPublic, createdAt, updatedAt]",
)
  .replace(
    LIMITED,
    "fields: [id, municipalityId, kind, name, summary, period, designation, isPublic, createdAt, updatedAt]",
  )
  .replace(LIMITED_KINDS, "kind: { in: [ARCHAEOLOGICAL_ZONE] }");

/** The same rules in another order, with another label and description: changes nobody's access. */
function reordered(): string {
  const [head, ...rules] = VOLUNTEER.split(/\n(?=  - can:)/);
  expect(rules.length).toBeGreaterThan(3);
  return [head!.replace("label: Volunteer", "label: Volunteer (renamed)"), ...rules.reverse()].join("\n") + "\n";
}

const SITES: { key: string; kind: HeritageKind; isPublic: boolean }[] = [
  { key: "h1", kind: "HISTORIC_AREA", isPublic: true },
  { key: "h2", kind: "HISTORIC_AREA", isPublic: false },
  { key: "c1", kind: "CHARACTER_AREA", isPublic: false },
  { key: "m1", kind: "MASTER_PLAN_ZONE", isPublic: true },
  { key: "a1", kind: "ARCHAEOLOGICAL_ZONE", isPublic: true },
  { key: "a2", kind: "ARCHAEOLOGICAL_ZONE", isPublic: false },
  { key: "i1", kind: "INVENTORY_RESOURCE", isPublic: true },
  { key: "i2", kind: "INVENTORY_RESOURCE", isPublic: false },
  { key: "i3", kind: "INVENTORY_RESOURCE", isPublic: false },
];

/**
 * The fields the narrowing hides on sites seen before and after (and the reverse shows): address
 * and coordinates of the non-public historic / character areas (h2, c1) — the public group still
 * shows them on the public ones — the district of every non-public one among them (h2, c1, a2),
 * and on the public inventory resource (i1), now seen through the public group alone, whether it
 * is public.
 */
const HERITAGE_FIELDS = [
  { field: "district", label: "District", records: 3 },
  { field: "isPublic", label: "Public", records: 1 },
  { field: "address", label: "Address", records: 2 },
  { field: "latitude", label: "Latitude", records: 2 },
  { field: "longitude", label: "Longitude", records: 2 },
];

let municipalityId: string;
let municipalityName: string;
let volunteers: string[];
const siteIds: Record<string, string> = {};
let current: CompiledPolicies;
let narrowed: CompiledPolicies;

beforeAll(async () => {
  const db = testPrisma();
  const m = await freshMunicipality();
  municipalityId = m.id;
  municipalityName = m.name;
  const works = m.departments.find((d) => d.slug === "works")!.id;
  const people = [
    await freshPerson(m.id, ["volunteer"]),
    await freshPerson(m.id, ["volunteer"], { departmentId: works }),
    await freshPerson(m.id, ["volunteer"], { allowedCategories: ["PARKS"] }),
  ];
  volunteers = people.map((p) => p.email).sort();
  // Not replayed: a suspended membership carries no access, a deactivated person neither.
  await freshPerson(m.id, ["volunteer"], { status: "SUSPENDED" });
  await freshPerson(m.id, ["volunteer"], { isActive: false });
  // Replayed, unaffected: a viewer (no change for them costs nothing and reports nothing).
  await freshPerson(m.id, ["viewer"]);
  const future = new Date(Date.now() + 30 * 86_400_000);
  const token = (name: string, groups: string[], extra: object = {}) =>
    db.apiToken.create({
      data: {
        name,
        tokenHash: `test-${uniq()}`,
        prefix: "gh_test",
        userId: people[0]!.id,
        municipalityId: m.id,
        groups,
        createdById: people[0]!.id,
        expiresAt: future,
        ...extra,
      },
    });
  await token("Volunteer export script", ["volunteer"]);
  await token("Revoked script", ["volunteer"], { revokedAt: new Date() });
  await token("Expired script", ["volunteer"], { expiresAt: new Date(Date.now() - 1000) });
  for (const s of SITES) {
    const row = await db.heritageSite.create({
      data: {
        id: `${m.id}-${s.key}`,
        municipalityId: m.id,
        kind: s.kind,
        name: `Site ${s.key}`,
        summary: "A site",
        district: "Old town",
        isPublic: s.isPublic,
        address: `${s.key} Main Street`,
        latitude: 45.1,
        longitude: 7.1,
      },
    });
    siteIds[s.key] = row.id;
  }
  current = compilePolicyFiles([]);
  narrowed = compilePolicyFiles([{ name: "volunteer.yaml", text: NARROWED }]);
});

describe("diffPolicies", () => {
  it("reports exactly the volunteers, heritage sites and fields the narrowed volunteer file affects", async () => {
    expect(NARROWED).not.toBe(VOLUNTEER);
    const diff = await diffPolicies(current, narrowed, {
      municipalityIds: [municipalityId],
      baseLabel: "main",
      headLabel: "proposed files",
    });
    expect(diff.base).toBe("main");
    expect(diff.head).toBe("proposed files");
    expect(diff.changedFiles).toEqual(["volunteer.yaml"]);
    // The public, three volunteers, the viewer and the one usable token.
    expect(diff.principalsChecked).toBe(6);
    expect(diff.principalsChanged).toBe(4);

    // Lost: the inventory resources only volunteers saw (i2, i3); the public one (i1) the public
    // group still shows. Hidden on the sites seen before and after: HERITAGE_FIELDS.
    const heritage = {
      subject: "HeritageSite",
      subjectLabel: "heritage sites",
      action: "read",
      gained: 0,
      lost: 2,
      fieldsShown: [],
      fieldsHidden: HERITAGE_FIELDS,
    };
    expect(
      diff.entries.map(({ changes, ...e }) => ({ ...e, changes: changes.map(({ examples: _x, ...c }) => c) })),
    ).toEqual([
      {
        kind: "membership",
        municipality: { id: municipalityId, slug: expect.any(String), name: municipalityName },
        groups: ["volunteer"],
        principals: 3,
        examplePrincipals: volunteers,
        changes: [heritage],
      },
      {
        kind: "token",
        municipality: { id: municipalityId, slug: expect.any(String), name: municipalityName },
        groups: ["volunteer"],
        principals: 1,
        examplePrincipals: ["Volunteer export script (gh_test…)"],
        changes: [heritage],
      },
    ]);
    // Examples name the records: the lost ones first (by id), then one whose fields changed.
    const examples = diff.entries[0]!.changes[0]!.examples;
    expect(examples.filter((e) => e.change === "lost")).toEqual([
      { id: siteIds.i2, name: "Site i2", change: "lost" },
      { id: siteIds.i3, name: "Site i3", change: "lost" },
    ]);
    expect(examples.filter((e) => e.change === "fields").map((e) => e.id)).toEqual(
      expect.arrayContaining([siteIds.c1]),
    );
    expect(
      examples.every((e) => [siteIds.c1, siteIds.h2, siteIds.a2, siteIds.i1, siteIds.i2, siteIds.i3].includes(e.id)),
    ).toBe(true);

    const md = policyDiffMarkdown(diff);
    expect(md).toContain("`main` → `proposed files`");
    expect(md).toContain("Changed group files: `volunteer.yaml`.");
    expect(md).toContain("**4 principals would have different access.**");
    expect(md).toContain(`### ${municipalityName} — Volunteer`);
    expect(md).toContain(`3 people: ${volunteers.join(", ")}.`);
    expect(md).toContain(`### ${municipalityName} — API tokens with Volunteer`);
    expect(md).toContain(
      "| Heritage sites | see | 0 | 2 | — | District (3), Public (1), Address (2), Latitude (2), Longitude (2) |",
    );
    expect(md).toContain(`heritage sites: Site i2 (\`${siteIds.i2}\`, lost)`);
    expect(md).not.toMatch(/HeritageSite|HISTORIC_AREA|fieldsHidden/);
  });

  it("reports the change back the other way round as gains and fields shown", async () => {
    const diff = await diffPolicies(narrowed, current, { municipalityIds: [municipalityId] });
    const c = diff.entries.find((e) => e.kind === "membership")!.changes;
    expect(c.map(({ examples: _x, ...rest }) => rest)).toEqual([
      {
        subject: "HeritageSite",
        subjectLabel: "heritage sites",
        action: "read",
        gained: 2,
        lost: 0,
        fieldsShown: HERITAGE_FIELDS,
        fieldsHidden: [],
      },
    ]);
  });

  it("counts records where a condition's column is NULL as not reached (SQL's NOT would drop them)", async () => {
    // A group of a proposed set only: first it reads the sites designated "Listed", then every site.
    const m = await freshMunicipality();
    const person = await freshPerson(m.id, ["site_helper"]);
    const ids: Record<string, string> = {};
    for (const [key, designation] of [
      ["s1", "Listed"],
      ["s2", "Other"],
      ["s3", null],
      ["s4", null],
    ] as const) {
      const row = await testPrisma().heritageSite.create({
        data: {
          id: `${m.id}-${key}`,
          municipalityId: m.id,
          kind: "HISTORIC_AREA",
          name: `Site ${key}`,
          summary: "-",
          district: "-",
          isPublic: false,
          designation,
        },
      });
      ids[key] = row.id;
    }
    const helper = (where: string) =>
      compilePolicyFiles([
        {
          name: "site_helper.yaml",
          text: `group: site_helper\nlabel: Site helper\nscope: municipality\nrules:\n  - can: read\n    on: HeritageSite\n    where: { municipalityId: $membership.municipalityId${where} }\n`,
        },
      ]);
    const listed = helper(", designation: Listed");
    const every = helper("");
    const wider = await diffPolicies(listed, every, { municipalityIds: [m.id] });
    expect(wider.entries).toHaveLength(1);
    expect(wider.entries[0]).toMatchObject({
      groups: ["site_helper"],
      principals: 1,
      examplePrincipals: [person.email],
    });
    const change = wider.entries[0]!.changes.find((c) => c.subject === "HeritageSite" && c.action === "read")!;
    expect(change).toMatchObject({ gained: 3, lost: 0, fieldsShown: [], fieldsHidden: [] });
    expect(change.examples).toEqual([
      { id: ids.s2, name: "Site s2", change: "gained" },
      { id: ids.s3, name: "Site s3", change: "gained" },
      { id: ids.s4, name: "Site s4", change: "gained" },
    ]);
    const narrower = await diffPolicies(every, listed, { municipalityIds: [m.id] });
    expect(narrower.entries[0]!.changes.find((c) => c.subject === "HeritageSite")).toMatchObject({
      gained: 0,
      lost: 3,
    });
  });

  it("gives an empty diff for a change that only reorders rules and renames the group's label", async () => {
    const text = reordered();
    expect(text).not.toBe(VOLUNTEER);
    const diff = await diffPolicies(current, compilePolicyFiles([{ name: "volunteer.yaml", text }]), {
      municipalityIds: [municipalityId],
    });
    expect(diff.changedFiles).toEqual(["volunteer.yaml"]);
    expect(diff.principalsChecked).toBe(6);
    expect(diff.principalsChanged).toBe(0);
    expect(diff.entries).toEqual([]);
    expect(policyDiffMarkdown(diff)).toContain("**No change:** nobody gains or loses access to any record or field.");
  });

  it("gives an empty diff, and names no file, for the same policies", async () => {
    const diff = await diffPolicies(current, compilePolicyFiles([]), { municipalityIds: [municipalityId] });
    expect(diff).toMatchObject({ changedFiles: [], principalsChanged: 0, entries: [] });
  });
});

describe("policy sources", () => {
  it("refuses a proposed file that does not load, naming the file and the rule", () => {
    const broken = VOLUNTEER.replace(FULL, FULL.replace("address,", "adress,"));
    expect(broken).not.toBe(VOLUNTEER);
    let error: unknown;
    try {
      compilePolicyFiles([{ name: "volunteer.yaml", text: broken }]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PolicyLoadError);
    expect((error as Error).message).toBe(
      'policies/groups/volunteer.yaml rule #2: unknown field "adress" for HeritageSite',
    );
  });

  it("refuses a file name that is not a group file's, and a file whose group is another", () => {
    expect(() => compilePolicyFiles([{ name: "../volunteer.yaml", text: VOLUNTEER }])).toThrow(PolicyLoadError);
    expect(() => compilePolicyFiles([{ name: "Volunteer.yml", text: VOLUNTEER }])).toThrow(
      /policies\/groups\/Volunteer\.yml: a group file is named <group>\.yaml/,
    );
    expect(() => compilePolicyFiles([{ name: "helper.yaml", text: VOLUNTEER }])).toThrow(
      /policies\/groups\/helper\.yaml: declares group "volunteer"/,
    );
  });

  it("adds a new group file beside the current ones", () => {
    const text = "group: helper\nlabel: Helper\nscope: municipality\nextends: [viewer]\n";
    const set = compilePolicyFiles([{ name: "helper.yaml", text }]);
    expect(set.groups.get("helper")?.label).toBe("Helper");
    expect(set.groups.get("helper")?.rules).toEqual(set.groups.get("viewer")?.rules);
    expect([...set.groups.keys()].sort()).toEqual([...loadPolicies().groups.keys(), "helper"].sort());
  });

  it("policiesAtGitRef(HEAD) equals the working tree's policies where the files are unchanged", () => {
    const dirty = execFileSync("git", ["status", "--porcelain", "--", "policies/groups"], { encoding: "utf8" })
      .split("\n")
      .filter(Boolean)
      .map((l) => path.basename(l.slice(3).trim()));
    const atHead = policiesAtGitRef("HEAD");
    const tree = loadPolicies();
    const strip = (p: CompiledPolicies) =>
      [...p.groups.values()]
        .filter((g) => !dirty.includes(path.basename(g.file)))
        .map((g) => ({ ...g }))
        .sort((a, b) => a.name.localeCompare(b.name));
    expect(atHead.dir).not.toBe(tree.dir);
    // Clean checkout: every group compared. Never an empty comparison.
    expect(strip(tree).length).toBeGreaterThan(5);
    expect(strip(atHead)).toEqual(strip(tree));
    expect([...atHead.services.keys()]).toEqual([...tree.services.keys()]);
  });

  it("says clearly when a ref names no commit, or is not a ref at all", () => {
    expect(() => policiesAtGitRef("no-such-branch-anywhere")).toThrow(
      new PolicyRefError(`git ref "no-such-branch-anywhere" names no commit in ${process.cwd()}`),
    );
    expect(() => policiesAtGitRef("--output=/tmp/x")).toThrow(PolicyRefError);
    expect(() => policiesAtGitRef("")).toThrow(/is not a git ref/);
  });
});
