// What the clips schema holds, from the policies (issue 21): for each clips record type, the fields
// the clips group may `query`, asked of the ability compiler (permittedFieldsOf on the group's own
// ability, never a person's), with policies/personal-data.yaml's personal fields out whatever a rule
// says and its free-text fields out unless a rule names them. lib/clips/schema-sql.ts turns this into
// the views; the tests compare the views' columns with it. Pure: no database, used by scripts too.
import { permittedFieldsOf } from "@casl/ability/extra";
import type { RuleOf } from "@casl/ability";
import { groupAbility } from "@/lib/policy/ability";
import { subjectOf, type AppAbility } from "@/lib/policy/casl";
import { loadPolicies, PolicyLoadError, type CompiledPolicies } from "@/lib/policy/load";
import type { ClipsSubject } from "@/lib/policy/personal-data";
import { CLIPS_SUBJECTS, fieldsOf } from "@/lib/policy/subjects";

export type { ClipsSubject };
export type ClipsSpec = Record<ClipsSubject, string[]>;

/** The sample municipality groupAbility instantiates a municipality group with. */
const SAMPLE_MUNICIPALITY = "sample-municipality";

/**
 * The clips group: the one non-deprecated municipality-scope group whose own rules say `query`
 * (analyst); its extenders inherit the rules but do not define the schema. Null: no clips at all.
 */
export function clipsGroupName(policies: CompiledPolicies = loadPolicies()): string | null {
  const own = [...policies.groups.values()].filter(
    (g) =>
      g.scope === "municipality" &&
      !g.deprecated &&
      g.rules.some((r) => r.actions.includes("query") && r.origin.startsWith(`${g.name}.yaml#`)),
  );
  if (own.length > 1) throw new PolicyLoadError(`two groups define query rules: ${own.map((g) => g.name).join(", ")}`);
  return own[0]?.name ?? null;
}

/** Fields of a clips record type the clips group may query; an empty list: no view for it. */
export function clipsSpec(policies: CompiledPolicies = loadPolicies()): ClipsSpec {
  const name = clipsGroupName(policies);
  const empty = Object.fromEntries(CLIPS_SUBJECTS.map((s) => [s, []])) as unknown as ClipsSpec;
  if (!name) return empty;
  const ability = groupAbility(name, policies);
  const { personal, freeText } = policies.personalData;
  for (const s of CLIPS_SUBJECTS) {
    const all = fieldsOf(s);
    // A rule without a field list grants what is neither personal nor free text; a `manage` rule
    // (which CASL counts as query) grants nothing here: only rules that say `query` define clips.
    const fieldsFrom = (rule: RuleOf<AppAbility>) => {
      if (!rule.inverted && ![rule.action].flat().includes("query")) return [];
      if (rule.fields) return [rule.fields].flat();
      return rule.inverted ? [...all] : all.filter((f) => !freeText[s].includes(f));
    };
    const permitted = permittedFieldsOf(ability, "query", subjectOf(s, { municipalityId: SAMPLE_MUNICIPALITY }), {
      fieldsFrom,
    }).filter((f) => !personal[s].includes(f));
    // The model's own column order, so views read like the table.
    empty[s] = all.filter((f) => permitted.includes(f));
  }
  return empty;
}

/** `ServiceRequest` → `service_requests`; `createdAt` → `created_at`. */
export function snakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/([A-Z])([A-Z][a-z])/g, "$1_$2")
    .toLowerCase();
}

export const VIEW_OF: Record<ClipsSubject, string> = {
  ServiceRequest: "service_requests",
  HeritageSite: "heritage_sites",
  Document: "documents",
  Department: "departments",
  RequestTag: "request_tags",
  RequestEvent: "request_events",
};

/** One line per record-type view, shown beside the editor. */
export const VIEW_DESCRIPTIONS: Record<ClipsSubject, string> = {
  ServiceRequest: "Service requests of the municipality, without reporters, exact locations or notes.",
  HeritageSite: "Heritage sites of the municipality, without owners, exact locations or review notes.",
  Document: "Documents of the municipality (titles and kinds, no text).",
  Department: "Departments of the municipality.",
  RequestTag: "Tags the municipality puts on requests (service_requests.tags holds their ids).",
  RequestEvent: "Timeline entries of requests (kinds and status changes; no notes, no people).",
};
