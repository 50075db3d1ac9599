// The per-row field projection reuses the field list computed for a pattern of matching rules
// (lib/data/project.ts). It must give exactly what CASL's permittedFieldsOf gives on that row,
// for every group and combination, on rows that hit each rule condition both ways.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { permittedFieldsOf } from "@casl/ability/extra";
import { abilityRules, buildAbility } from "@/lib/policy/ability";
import { createPrismaAbility, subjectOf, type AppAbility } from "@/lib/policy/casl";
import { loadPolicies } from "@/lib/policy/load";
import { MODEL_FIELDS, type Action } from "@/lib/policy/subjects";
import type { Principal } from "@/lib/identity/principal";
import { columnsFor, permittedFields, project } from "./project";

const HOME = "m-home";
const OTHER = "m-other";
const ME = "u-me";
const MODELS = ["ServiceRequest", "HeritageSite", "Document"] as const;
const ACTIONS: Action[] = ["read", "update", "create"];

// Values that each policy condition looks at, on both sides of it.
const row = fc.record({
  id: fc.constantFrom("r1", "r2"),
  municipalityId: fc.constantFrom(HOME, OTHER),
  isPublic: fc.boolean(),
  category: fc.constantFrom("ROADS", "PARKS", "WASTE", "GRAFFITI"),
  assigneeId: fc.constantFrom(ME, "u-else", null),
  departmentId: fc.constantFrom("d-mine", "d-else", null),
  kind: fc.constantFrom("HISTORIC_AREA", "ARCHAEOLOGICAL_ZONE", "INVENTORY_RESOURCE", "REGULATION", "LINK"),
  visibility: fc.constantFrom("PUBLIC", "INTERNAL"),
  archivedAt: fc.constantFrom(null, new Date("2026-01-01T00:00:00Z")),
  title: fc.constant("t"),
  reporterEmail: fc.constant("a@b.test"),
  internalNotes: fc.constant("n"),
});

function principal(groupsSets: string[][], categories: string[][] = []): Principal {
  return {
    kind: "user",
    userId: ME,
    email: "me@x.test",
    name: null,
    platformGroups: [],
    accessVersion: 1,
    via: "session",
    memberships: groupsSets.map((groups, i) => ({
      membershipId: `ms-${i}`,
      municipalityId: i === 0 ? HOME : OTHER,
      departmentId: "d-mine",
      allowedCategories: (categories[i] ?? []) as never,
      groups,
    })),
  };
}

const groups = [...loadPolicies().groups.keys()].filter((g) => loadPolicies().groups.get(g)!.scope === "municipality");
const abilities: [string, AppAbility][] = [
  ["anonymous", buildAbility({ kind: "anonymous" })],
  ...groups.map((g): [string, AppAbility] => [g, buildAbility(principal([[g]]))]),
  [
    "operator with categories + viewer elsewhere",
    buildAbility(principal([["operator"], ["viewer"]], [["PARKS", "GRAFFITI"]])),
  ],
  ["volunteer + document_editor", buildAbility(principal([["volunteer", "document_editor"]]))],
  ["module switched off", buildAbility(principal([["manager"]]), { modules: { [HOME]: ["heritage"] } })],
];

describe("field projection", () => {
  it.each(abilities)("%s: equals permittedFieldsOf on every row, whatever the order rows come in", (_name, ability) => {
    fc.assert(
      fc.property(
        fc.array(row, { minLength: 1, maxLength: 30 }),
        fc.constantFrom(...MODELS),
        fc.constantFrom(...ACTIONS),
        (rows, model, action) => {
          const all = MODEL_FIELDS[model];
          for (const r of rows) {
            const expected = permittedFieldsOf(ability, action, subjectOf(model, r), {
              fieldsFrom: (rule) => rule.fields ?? [...all],
            }).sort();
            expect(permittedFields(ability, action, model, r, all).sort()).toEqual(expected);
            expect(Object.keys(project(ability, action, model, r, all)).sort()).toEqual(expected.filter((f) => f in r));
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it("a caller changing the returned list changes nothing for the next row", () => {
    const ability = buildAbility(principal([["viewer"]]));
    const r = { id: "x", municipalityId: HOME, title: "t", reporterEmail: "a@b.test", internalNotes: "n" };
    const first = permittedFields(ability, "read", "ServiceRequest", r, MODEL_FIELDS.ServiceRequest);
    first.push("reporterEmail");
    first.length = 0;
    expect(Object.keys(project(ability, "read", "ServiceRequest", r, MODEL_FIELDS.ServiceRequest)).sort()).toEqual([
      "id",
      "internalNotes",
      "municipalityId",
      "title",
    ]);
  });

  it("a rule widened in a new ability is seen at once (plans belong to one ability object)", () => {
    const p = principal([["viewer"]]);
    const narrow = createPrismaAbility<AppAbility>(abilityRules(p));
    const r = { id: "x", municipalityId: HOME, reporterEmail: "a@b.test" };
    expect(project(narrow, "read", "ServiceRequest", r, MODEL_FIELDS.ServiceRequest)).not.toHaveProperty(
      "reporterEmail",
    );
    // A deliberately broken policy: the viewer's limited read without its field list.
    const wide = createPrismaAbility<AppAbility>(abilityRules(p).map((rule) => ({ ...rule, fields: undefined })));
    expect(project(wide, "read", "ServiceRequest", r, MODEL_FIELDS.ServiceRequest)).toHaveProperty(
      "reporterEmail",
      "a@b.test",
    );
    expect(columnsFor(wide, "read", "ServiceRequest", MODEL_FIELDS.ServiceRequest)).toContain("reporterEmail");
    expect(columnsFor(narrow, "read", "ServiceRequest", MODEL_FIELDS.ServiceRequest)).not.toContain("reporterEmail");
  });
});
