// Runs policies/tests/*.yaml: principal + action + subject (with attributes) → expected allow or
// deny, and optionally the exact visible fields. Pure: no database, so `npm run policy:test`
// answers in a second and a reviewer can read the expectations next to the policy change.
// A principal is named (in a case's `principal:` or as a key of a matrix's `allow:`) as
//   anonymous                     a visitor without a tracking link (the public group)
//   <email>                       a test account of lib/seed/test-users.ts, as seeded
//   group:<g>[+<g>…]@<slug>       one active membership holding exactly these groups
//   citizen:<user id>             a citizen account (the public and citizen groups, `$user.id` = the id)
//   tracking:<request id>         an anonymous visitor holding a valid tracking link for that request
//                                 (the public and citizen groups, `$tracking.requestId` = the id)
//   { groups, platformGroups, municipality, department, allowedCategories }   an inline person
// so `reporterUserId: ada` or `requestId: r-1` in the subject's attributes decides whose report it is.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import { permittedFieldsOf } from "@casl/ability/extra";
import { TEST_ACCOUNTS } from "@/lib/seed/test-users";
import { ServiceCategory } from "@/lib/generated/prisma/enums";
import { ANONYMOUS, type Principal } from "@/lib/identity/principal";
import { buildAbility } from "./ability";
import { subjectOf } from "./casl";
import { loadPolicies } from "./load";
import { ACTIONS, actionsFor, fieldsOf, SUBJECTS, type Action, type SubjectName } from "./subjects";

export const DEFAULT_TEST_DIR = path.join(process.cwd(), "policies", "tests");

const inlinePrincipal = z
  .object({
    platformGroups: z.array(z.string()).default([]),
    groups: z.array(z.string()).default([]),
    municipality: z.string().optional(),
    department: z.string().nullable().default(null),
    allowedCategories: z.array(z.enum(ServiceCategory)).default([]),
  })
  .strict();

/** "group:<name>[+<name>…]@<municipality slug>": one membership holding exactly these groups (matrix keys). */
const GROUP_KEY = /^group:([a-z_]+(?:\+[a-z_]+)*)@([a-z0-9-]+)$/;
/** "citizen:<user id>" and "tracking:<request id>": the citizen group's two kinds of principal. */
const CITIZEN_KEY = /^citizen:(\S+)$/;
const TRACKING_KEY = /^tracking:(\S+)$/;
const principalSpec = z.union([
  z.literal("anonymous"),
  z.string().regex(GROUP_KEY),
  z.string().regex(CITIZEN_KEY),
  z.string().regex(TRACKING_KEY),
  z.string().email(),
  inlinePrincipal,
]);
const subjectName = z.enum(SUBJECTS).refine((s) => s !== "all", "name a subject");
const attributes = z.record(z.string(), z.unknown()).default({});

const caseSchema = z
  .object({
    name: z.string(),
    principal: principalSpec,
    action: z.enum(ACTIONS),
    subject: subjectName,
    attributes,
    field: z.string().optional(),
    expect: z.enum(["allow", "deny"]),
    fields: z.array(z.string()).optional(),
  })
  .strict();

const matrixSchema = z
  .object({
    name: z.string(),
    subject: subjectName,
    attributes,
    /** principal → the actions it may perform; every other action of ACTIONS is expected denied. */
    allow: z.record(z.string(), z.array(z.enum(ACTIONS))),
    /** principal → exact readable fields (optional). */
    fields: z.record(z.string(), z.array(z.string())).optional(),
  })
  .strict();

const fileSchema = z
  .object({ cases: z.array(caseSchema).default([]), matrices: z.array(matrixSchema).default([]) })
  .strict();

export type PolicyCase = {
  file: string;
  name: string;
  principal: z.infer<typeof principalSpec>;
  action: Action;
  subject: SubjectName;
  attributes: Record<string, unknown>;
  field?: string;
  expect: "allow" | "deny";
  fields?: string[];
};

export function loadPolicyTests(dir = DEFAULT_TEST_DIR): PolicyCase[] {
  const out: PolicyCase[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith(".yaml"))
    .sort()) {
    const parsed = fileSchema.safeParse(parse(readFileSync(path.join(dir, file), "utf8")));
    if (!parsed.success)
      throw new Error(
        `policies/tests/${file}: ${parsed.error.issues[0]!.path.join(".")}: ${parsed.error.issues[0]!.message}`,
      );
    // A typo in a test (an attribute or field the subject does not have) would make it pass or
    // fail for the wrong reason: refuse it like a typo in a policy.
    const checkNames = (where: string, subject: SubjectName, names: string[]) => {
      const known = fieldsOf(subject);
      for (const n of names)
        if (n !== "municipality" && !known.includes(n))
          throw new Error(`policies/tests/${file} ${where}: unknown field "${n}" for ${subject}`);
    };
    parsed.data.cases.forEach((c, i) =>
      checkNames(`case #${i + 1} (${c.name})`, c.subject as SubjectName, [
        ...Object.keys(c.attributes),
        ...(c.field ? [c.field] : []),
        ...(c.fields ?? []),
      ]),
    );
    parsed.data.matrices.forEach((m, i) =>
      checkNames(`matrix #${i + 1} (${m.name})`, m.subject as SubjectName, [
        ...Object.keys(m.attributes),
        ...Object.values(m.fields ?? {}).flat(),
      ]),
    );
    for (const c of parsed.data.cases) out.push({ file, ...c, subject: c.subject as SubjectName });
    for (const m of parsed.data.matrices) {
      for (const [who, allowed] of Object.entries(m.allow)) {
        const principal = principalSpec.parse(who);
        for (const action of actionsFor(m.subject as SubjectName).filter((a) => a !== "manage")) {
          out.push({
            file,
            name: `${m.name}: ${who} ${action}`,
            principal,
            action,
            subject: m.subject as SubjectName,
            attributes: m.attributes,
            expect: allowed.includes(action) ? "allow" : "deny",
            ...(action === "read" && m.fields?.[who] ? { fields: m.fields[who] } : {}),
          });
        }
      }
    }
  }
  return out;
}

/** A citizen account: no memberships, no platform groups; its id fills `$user.id`. */
function citizen(userId: string, email: string, name: string | null): Principal {
  return {
    kind: "user",
    userId,
    email,
    name,
    platformGroups: [],
    memberships: [],
    accessVersion: 0,
    via: "session",
    isCitizen: true,
  };
}

/** Municipalities are named by slug in tests; the slug stands in for the id. The principal a test names. */
export function principalOf(spec: PolicyCase["principal"]): Principal {
  if (spec === "anonymous") return ANONYMOUS;
  if (typeof spec === "string" && TRACKING_KEY.test(spec))
    return { kind: "anonymous", trackedRequestId: TRACKING_KEY.exec(spec)![1]! };
  if (typeof spec === "string" && CITIZEN_KEY.test(spec)) {
    const id = CITIZEN_KEY.exec(spec)![1]!;
    return citizen(id, `${id}@citizen.test`, null);
  }
  if (typeof spec === "string" && GROUP_KEY.test(spec)) {
    const [, groups, municipality] = GROUP_KEY.exec(spec)!;
    return principalOf({
      platformGroups: [],
      groups: groups!.split("+"),
      municipality,
      department: null,
      allowedCategories: [],
    });
  }
  if (typeof spec === "string") {
    const a = TEST_ACCOUNTS.find((t) => t.email === spec);
    if (!a) throw new Error(`unknown test account ${spec}`);
    if (a.isActive === false) return ANONYMOUS;
    // A citizen test account (if lib/seed/test-users.ts has one): the citizen group, no memberships.
    if ((a as { isCitizen?: boolean }).isCitizen) return citizen(a.email, a.email, a.name);
    const m = a.membership;
    const active = m && (m.status ?? "ACTIVE") === "ACTIVE";
    return {
      kind: "user",
      userId: a.email,
      email: a.email,
      name: a.name,
      platformGroups: a.platformGroups ?? [],
      accessVersion: 0,
      via: "session",
      // A citizen account's own reports are those with reporterUserId = its email here (userId).
      ...(a.isCitizen ? { isCitizen: true } : {}),
      memberships: active
        ? [
            {
              membershipId: `${a.email}:${m.municipality}`,
              municipalityId: m.municipality,
              departmentId: m.department ?? null,
              allowedCategories: m.allowedCategories ?? [],
              groups: m.groups,
            },
          ]
        : [],
    };
  }
  // A test about a group that does not exist would pass vacuously (it grants nothing): refuse it.
  const groups = loadPolicies().groups;
  for (const [name, scope] of [
    ...spec.platformGroups.map((g) => [g, "platform"] as const),
    ...spec.groups.map((g) => [g, "municipality"] as const),
  ]) {
    if (groups.get(name)?.scope !== scope) throw new Error(`policy test names unknown ${scope} group "${name}"`);
  }
  return {
    kind: "user",
    userId: "inline",
    email: "inline@test",
    name: null,
    platformGroups: spec.platformGroups,
    accessVersion: 0,
    via: "session",
    memberships: spec.municipality
      ? [
          {
            membershipId: "inline",
            municipalityId: spec.municipality,
            departmentId: spec.department,
            allowedCategories: spec.allowedCategories,
            groups: spec.groups,
          },
        ]
      : [],
  };
}

export function runPolicyCase(c: PolicyCase): { ok: boolean; message: string } {
  const policies = loadPolicies();
  const ability = buildAbility(principalOf(c.principal), { policies });
  const { municipality, ...rest } = c.attributes as { municipality?: string };
  const attrs = { ...(municipality ? { municipalityId: municipality } : {}), ...rest };
  const s = subjectOf(c.subject, attrs);
  const allowed = ability.can(c.action, s, c.field);
  const rule = ability.relevantRuleFor(c.action, s, c.field);
  const decided = rule ? `${rule.inverted ? "cannot" : "can"} by ${rule.reason}` : "no rule matched";
  if ((c.expect === "allow") !== allowed) {
    return {
      ok: false,
      message: `${c.file} — ${c.name}: expected ${c.expect}, got ${allowed ? "allow" : "deny"} (${decided})`,
    };
  }
  if (c.fields) {
    const got = permittedFieldsOf(ability, c.action, s, {
      fieldsFrom: (r) => r.fields ?? [...fieldsOf(c.subject)],
    }).sort();
    const want = [...c.fields].sort();
    if (JSON.stringify(got) !== JSON.stringify(want)) {
      return {
        ok: false,
        message: `${c.file} — ${c.name}: visible fields differ.\n  expected: ${want.join(", ")}\n  got:      ${got.join(", ")}`,
      };
    }
  }
  return { ok: true, message: `${c.file} — ${c.name}: ${c.expect} (${decided})` };
}
