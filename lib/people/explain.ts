// "May this person do this, and why?" for the admin console's explain form and for
// `npm run policy:explain`: both ask lib/policy/explain.ts with the person's real ability and the
// same names and labels (municipality and departments by name, fields and values from the record
// registry), so they give the same answer. The console asks only about people of the admin's own
// municipality and records the admin may read themselves, looked up through lib/data with the
// admin's ability by the reference people see or by id: anything else is "not found".
import "server-only";
import { db } from "@/lib/db";
import { accessibleBy } from "@/lib/policy/casl";
import { isRecordModel, RECORD_MODELS, RECORD_TYPES } from "@/lib/records";
import { fieldLabel, label } from "@/lib/records/labels";
import { findReadableRecord, namingField, unsafeFindRecord } from "@/lib/data/record-lookup";
import { departmentNames } from "@/lib/data/departments";
import { findMunicipalityBySlug } from "@/lib/data/municipalities";
import { explain, type ExplainWords, type Explanation } from "@/lib/policy/explain";
import { ACTIONS, REQUEST_PART_SUBJECTS, type Action, type SubjectName } from "@/lib/policy/subjects";
import { REQUEST_PART_ONE } from "@/lib/policy/subject-labels";
import { subjectNoun } from "@/lib/policy/summary";
import { loadUserPrincipal } from "@/lib/auth/load-principal";
import { viewerFor } from "@/lib/auth/viewer";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { ANONYMOUS, type Principal } from "@/lib/identity/principal";
import type { Viewer } from "@/lib/identity/viewer";
import { adminMunicipality } from "./admin-scope";

/** The types the console asks about, in the order its form offers them (a request's parts as types only). */
export const EXPLAIN_SUBJECTS = [...RECORD_MODELS, "Statistics", ...REQUEST_PART_SUBJECTS] as const;
const isPart = (s: string): s is keyof typeof REQUEST_PART_ONE => s in REQUEST_PART_ONE;
/** The actions worth asking about records (manage, approve and suspend are about people). */
export const EXPLAIN_ACTIONS = ["read", "create", "update", "delete", "export"] as const;

/** Record types and actions as the form shows them ("Service requests", "Update"). */
export function explainChoices() {
  return {
    subjects: EXPLAIN_SUBJECTS.map((s) => ({ value: s, label: label(subjectNoun(s)) })),
    actions: EXPLAIN_ACTIONS.map((a) => ({ value: a, label: label(a) })),
  };
}

export type ExplainAnswer = Explanation & { person: string; note?: string };

const STATISTICS_FIELDS: Record<string, string> = { municipalityId: "Municipality", scope: "Scope" };

function checkQuestion(q: { action: string; subject: string }): { action: Action; subject: SubjectName } {
  if (!(ACTIONS as readonly string[]).includes(q.action))
    throw new ValidationError("Choose an action.", { action: ["unknown action"] });
  if (!(EXPLAIN_SUBJECTS as readonly string[]).includes(q.subject))
    throw new ValidationError("Choose a record type.", { subject: ["unknown record type"] });
  return { action: q.action as Action, subject: q.subject as SubjectName };
}

/** Names and labels: municipalities and departments from the database, fields and values from the registry. */
async function wordsFor(municipalityIds: string[]): Promise<Partial<ExplainWords>> {
  const ids = [...new Set(municipalityIds)];
  const [munis, depts] = await Promise.all([
    db.municipality.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }),
    Promise.all(ids.map((id) => departmentNames(id))),
  ]);
  const muniName = new Map(munis.map((m) => [m.id, m.name]));
  const deptName = new Map(depts.flatMap((d) => [...d]));
  return {
    municipality: (id) => muniName.get(id) ?? "another municipality",
    department: (id) => (deptName.has(id) ? `the ${deptName.get(id)} department` : "their department"),
    field: (s, f) => (isRecordModel(s) || isPart(s) ? fieldLabel(f, s) : (STATISTICS_FIELDS[f] ?? fieldLabel(f))),
    value: (v) => label(v),
    one: (s) => (isRecordModel(s) ? RECORD_TYPES[s].names.one : isPart(s) ? REQUEST_PART_ONE[s] : subjectNoun(s)),
  };
}

type Question = {
  action: Action;
  subject: SubjectName;
  /** The municipality asked about; absent (command line only): every municipality. */
  municipalityId?: string;
  row?: Record<string, unknown>;
  record?: string;
  field?: string;
};

/** The one core both entry points share: the person's own ability, explained in words. */
async function explainPrincipal(principal: Principal, email: string | null, q: Question): Promise<ExplainAnswer> {
  const them = await viewerFor(principal);
  const user = principal.kind === "user" ? principal : null;
  const here = user?.memberships.filter((m) => !q.municipalityId || m.municipalityId === q.municipalityId) ?? [];
  const person = user ? (user.name ?? user.email) : (email ?? "An anonymous visitor");
  const munis = [
    ...here.map((m) => m.municipalityId),
    ...(q.municipalityId ? [q.municipalityId] : []),
    ...(typeof q.row?.municipalityId === "string" ? [q.row.municipalityId] : []),
  ];
  const e = explain(them.ability, q.action, q.subject, q.row, q.field, {
    person,
    groups: [...new Set([...(user?.platformGroups ?? []), ...here.flatMap((m) => m.groups)])],
    personId: user?.userId,
    municipalityId: q.municipalityId,
    record: q.record,
    words: await wordsFor(munis),
  });
  return { ...e, person };
}

/**
 * View as (lib/auth/view-as.ts): why each field of `subject` can be missing from what `viewer`
 * (the viewed person's own ability, as the page uses it) reads in the municipality — the
 * explanation of the console's explain form, never re-derived: a field no rule shows them says
 * which rule withholds it; a field some rules show says which ones, and for which records.
 */
export async function hiddenFieldReasons(
  viewer: Viewer,
  subject: SubjectName,
  municipalityId: string,
): Promise<Record<string, string>> {
  const user = viewer.principal.kind === "user" ? viewer.principal : null;
  const here = user?.memberships.filter((m) => m.municipalityId === municipalityId) ?? [];
  const e = explain(viewer.ability, "read", subject, undefined, undefined, {
    person: user ? (user.name ?? user.email) : undefined,
    groups: here.flatMap((m) => m.groups),
    personId: user?.userId,
    municipalityId,
    words: await wordsFor([municipalityId]),
  });
  const out = new Map<string, string>();
  for (const f of e.fields.withheld) out.set(f.field, `Hidden from them: ${f.why}.`);
  for (const f of e.fields.granted) out.set(f.field, `Hidden on this record: shown to them only by ${f.why}.`);
  return Object.fromEntries(out);
}

/** The console's question: a person of the admin's municipality, an action, a type, maybe a record. */
export async function explainForAdmin(
  viewer: Viewer,
  slug: string,
  q: { email: string; action: string; subject: string; recordId?: string },
): Promise<ExplainAnswer> {
  const muni = await adminMunicipality(viewer, slug);
  const { action, subject } = checkQuestion(q);
  const m = await db.membership.findFirst({
    where: {
      AND: [
        accessibleBy(viewer.ability, "read").ofType("Membership"),
        { municipalityId: muni.id, user: { email: q.email.trim().toLowerCase() } },
      ],
    },
    select: { userId: true, status: true, user: { select: { name: true, email: true, isActive: true } } },
  });
  if (!m) throw new ValidationError("No such person in this municipality.", { email: ["no such person here"] });
  let row: Record<string, unknown> | undefined;
  let record: string | undefined;
  const ref = q.recordId?.trim();
  if (ref) {
    if (isPart(subject))
      throw new ValidationError(`Ask about ${subjectNoun(subject)} without a record; leave the record empty.`, {
        recordId: ["ask about the record type only"],
      });
    if (!isRecordModel(subject))
      throw new ValidationError("Statistics are not single records; leave the record empty.", {
        recordId: ["statistics have no single records"],
      });
    // Looked up with the admin's own ability: a record they may not read is not found.
    row = (await findReadableRecord(viewer, subject, ref, muni.id)) ?? undefined;
    if (!row) throw new NotFoundError(`No ${RECORD_TYPES[subject].names.one} "${ref}" here.`);
    record = String(row[namingField(subject)] ?? row.id);
  }
  const answer = await explainPrincipal(await loadUserPrincipal(m.userId), m.user.email, {
    action,
    subject,
    municipalityId: muni.id,
    row,
    record,
  });
  const who = m.user.name ?? m.user.email;
  const note = !m.user.isActive
    ? `${who}'s account is deactivated: they have only what an anonymous visitor has.`
    : m.status !== "ACTIVE"
      ? `${who}'s access here is ${label(m.status).toLowerCase()}: they have only what the public has here.`
      : undefined;
  return { ...answer, ...(note ? { note } : {}) };
}

/**
 * The command line's question: any person (or the public), any record by id or reference, in one
 * municipality (given, or the person's only one) or all. Unscoped by design — the operator of the
 * database asks what the policies decide — and never reachable from a request.
 */
export async function unsafeExplainForCli(q: {
  email?: string;
  action: string;
  subject: string;
  record?: string;
  municipality?: string;
  field?: string;
}): Promise<ExplainAnswer> {
  const { action, subject } = checkQuestion(q);
  let principal: Principal = ANONYMOUS;
  if (q.email) {
    const user = await db.user.findUnique({ where: { email: q.email.trim().toLowerCase() }, select: { id: true } });
    if (!user) throw new NotFoundError(`No user ${q.email}.`);
    principal = await loadUserPrincipal(user.id);
  }
  let municipalityId: string | undefined;
  if (q.municipality) {
    const m = await findMunicipalityBySlug(q.municipality);
    if (!m) throw new NotFoundError(`No municipality ${q.municipality}.`);
    municipalityId = m.id;
  } else if (principal.kind === "user" && principal.memberships.length === 1) {
    municipalityId = principal.memberships[0]!.municipalityId;
  }
  let row: Record<string, unknown> | undefined;
  let record: string | undefined;
  if (q.record) {
    if (!isRecordModel(subject))
      throw new ValidationError(`${label(subjectNoun(subject))} are asked about as a type only.`);
    row = (await unsafeFindRecord(subject, q.record, municipalityId)) ?? undefined;
    if (!row) throw new NotFoundError(`No ${RECORD_TYPES[subject].names.one} ${q.record}.`);
    record = String(row[namingField(subject)] ?? row.id);
    if (typeof row.municipalityId === "string") municipalityId = row.municipalityId;
  }
  const answer = await explainPrincipal(principal, q.email ?? null, {
    action,
    subject,
    municipalityId,
    row,
    record,
    field: q.field,
  });
  return principal.kind === "anonymous" && q.email
    ? { ...answer, note: `${q.email} is deactivated, so they are treated as an anonymous visitor.` }
    : answer;
}
