// The facts the access matrix and the leak detector reason about: municipalities, the people who
// can sign in (as principals the policy understands), and probe records whose every sensitive
// text field holds a unique marker string. Expectations are computed from policies/groups/*.yaml
// through lib/policy's compiler — never from a hand-kept list of who may see what.
import { randomBytes } from "node:crypto";
import { subject } from "@casl/ability";
import { abilityRules, type ModuleSwitches } from "../../../lib/policy/ability";
import { createPrismaAbility, type AppAbility } from "../../../lib/policy/casl";
import { loadPolicies, type CompiledPolicies } from "../../../lib/policy/load";
import type { MembershipGrant, Principal } from "../../../lib/identity/principal";
import { sql } from "../../../test/fixtures/db";
import { coarseLocation } from "../../../lib/schemas/coarse-location";

export type Muni = { id: string; slug: string };
export type RecordType = "ServiceRequest" | "HeritageSite" | "Document";
/** A request's parts (and the municipality's tag list): probed like records, judged through their request. */
export type PartType = "RequestEvent" | "RequestPhoto" | "RequestFollower" | "RequestTag";
export type Probe = {
  type: RecordType | PartType | "Service" | ReviewType | ClipType;
  id: string;
  municipalityId: string;
  row: Record<string, unknown>;
  markers: Record<string, string>;
  /** A request's part: the request probe it belongs to (lib/data shows it only with that request). */
  parent?: Probe;
  /** A service request's photos whose byte routes the access matrix asks for (its RequestPhoto parts). */
  photos?: PhotoProbe[];
};
export type PhotoProbe = { id: string; row: Record<string, unknown> };
/** An access review campaign and its items (issue 20): an item is judged through its campaign, like a request's parts. */
export type ReviewType = "AccessReview" | "AccessReviewItem";
/** A saved clip and a run of it (issue 21): their SQL, words and stored result rows are markers. */
export type ClipType = "Clip" | "ClipRun";

/** A principal with the three views the app uses: staff (own groups), public (anonymous), and both. */
export type Abilities = { staff: AppAbility; public: AppAbility; full: AppAbility };

export type Account = {
  /** Email, "anonymous", or "deactivated-mid-session". */
  label: string;
  email: string | null;
  principal: Principal;
  abilities: Abilities;
};

const ANON: Principal = { kind: "anonymous" };
/** The citizen test account (lib/seed/test-users.ts): probes filed by it are its own reports. */
export const CITIZEN_EMAIL = "citizen@example.test";

export function abilitiesOf(principal: Principal, modules: ModuleSwitches, policies?: CompiledPolicies): Abilities {
  const build = (includePublic: boolean) =>
    createPrismaAbility<AppAbility>(abilityRules(principal, { modules, policies, includePublic }));
  return {
    staff: build(false),
    public: createPrismaAbility<AppAbility>(abilityRules(ANON, { modules, policies })),
    full: build(true),
  };
}

export async function municipalities(): Promise<Muni[]> {
  // Archived municipalities (other specs archive theirs) have no portal, workspace or members.
  return sql<Muni>(`SELECT id, slug FROM "Municipality" WHERE "archivedAt" IS NULL ORDER BY slug`);
}

/**
 * The latest audit event in each of these municipalities' logs (the audit event pages' real ids):
 * its own event, or an account-level one (a sign-in) about someone who is staff there only — so
 * it belongs to exactly one of them.
 */
export function auditEventsOf(munis: Muni[]): Promise<{ seq: string; municipalityId: string }[]> {
  return sql<{ seq: string; municipalityId: string }>(
    `SELECT DISTINCT ON (m.id) e.seq::text AS seq, m.id AS "municipalityId"
       FROM "Municipality" m JOIN "AuditEvent" e ON e."municipalityId" = m.id OR (
         e."municipalityId" IS NULL
         AND EXISTS (SELECT 1 FROM "Membership" x WHERE x."userId" = e."subjectUserId" AND x."municipalityId" = m.id)
         AND NOT EXISTS (SELECT 1 FROM "Membership" y WHERE y."userId" = e."subjectUserId" AND y."municipalityId" <> m.id))
      WHERE m.id = ANY($1) ORDER BY m.id, e.seq DESC`,
    [munis.map((m) => m.id)],
  );
}

export async function moduleSwitches(): Promise<ModuleSwitches> {
  const rows = await sql<{ id: string; disabledModules: string[] }>(
    `SELECT id, "disabledModules" FROM "Municipality" WHERE cardinality("disabledModules") > 0`,
  );
  return Object.fromEntries(rows.map((r) => [r.id, r.disabledModules]));
}

/**
 * What a person's access *should* be, read from their user and membership rows the way DESIGN.md
 * defines it (active users; ACTIVE memberships only) — independent of lib/auth's loader, which is
 * one of the things under test.
 */
export async function principalOf(email: string): Promise<Principal> {
  const [u] = await sql<{
    id: string;
    name: string | null;
    platformGroups: string[];
    isActive: boolean;
    isCitizen: boolean;
  }>(`SELECT id, name, "platformGroups", "isActive", "isCitizen" FROM "User" WHERE email = $1`, [email]);
  if (!u || !u.isActive) return ANON;
  // A citizen account: the citizen group on its own reports, never a membership or platform group.
  if (u.isCitizen)
    return {
      kind: "user",
      userId: u.id,
      email,
      name: u.name,
      platformGroups: [],
      memberships: [],
      accessVersion: 0,
      via: "session",
      isCitizen: true,
    };
  const ms = await sql<{
    id: string;
    municipalityId: string;
    departmentId: string | null;
    allowedCategories: string[];
    groups: string[];
  }>(
    `SELECT id, "municipalityId", "departmentId", "allowedCategories"::text[] AS "allowedCategories", groups FROM "Membership" WHERE "userId" = $1 AND status = 'ACTIVE'
       AND "municipalityId" IN (SELECT id FROM "Municipality" WHERE "archivedAt" IS NULL)`,
    [u.id],
  );
  const memberships: MembershipGrant[] = ms.map((m) => ({
    membershipId: m.id,
    municipalityId: m.municipalityId,
    departmentId: m.departmentId,
    allowedCategories: m.allowedCategories as MembershipGrant["allowedCategories"],
    groups: m.groups,
  }));
  return {
    kind: "user",
    userId: u.id,
    email,
    name: u.name,
    platformGroups: u.platformGroups,
    memberships,
    accessVersion: 0,
    via: "session",
  };
}

export async function accountOf(
  label: string,
  email: string | null,
  modules: ModuleSwitches,
  policies?: CompiledPolicies,
): Promise<Account> {
  const principal = email ? await principalOf(email) : ANON;
  return { label, email, principal, abilities: abilitiesOf(principal, modules, policies) };
}

/** Recompute every account's abilities from another policy directory (the "broken policy" self-test). */
export function withPolicies(accounts: Account[], modules: ModuleSwitches, dir: string): Account[] {
  const policies = loadPolicies(dir);
  return accounts.map((a) => ({ ...a, abilities: abilitiesOf(a.principal, modules, policies) }));
}

// ---------------------------------------------------------------------------------------------
// Probe records

/** A marker: unique, lowercase alphanumerics only, so no escaping (HTML, JSON, CSV, RSC) can hide it. */
const marker = () => `zq${randomBytes(6).toString("hex")}`;

const SR_TEXT = [
  "reference",
  "title",
  "description",
  "area",
  "address",
  "reporterName",
  "reporterEmail",
  "reporterPhone",
  "internalNotes",
] as const;

const HS_TEXT = [
  "name",
  "summary",
  "district",
  "period",
  "designation",
  "address",
  "ownerName",
  "ownerContact",
  "reviewNotes",
] as const;
const DOC_TEXT = ["title", "summary", "body", "url"] as const;

function texts(fields: readonly string[], tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fields) {
    const m = marker();
    // Titles carry the run tag so list pages can be filtered down to the probes.
    out[f] =
      f === "reporterEmail"
        ? `${m}@probe.test`
        : f === "url"
          ? `https://probe.test/${m}`
          : f === "title" || f === "name"
            ? `Probe ${tag} ${m}`
            : f === "reference"
              ? `PR-${m}`
              : `${m}`;
  }
  return out;
}

/**
 * An exact location with seven decimals (its own marker: the number as JS and PostgreSQL print
 * it) and the coarse point the public may read (lib/schemas/coarse-location.ts, four decimals).
 */
function probeLocation(): { row: Record<string, number>; markers: Record<string, string> } {
  // Under 0.1°, seven decimals, the last one a 3 (so the printed number keeps all seven).
  const seven = () => ((randomBytes(4).readUInt32BE(0) % 99_999) * 10 + 13) / 1e7;
  const latitude = Number((52.09 + seven()).toFixed(7));
  const longitude = Number((5.12 + seven()).toFixed(7));
  return {
    row: { latitude, longitude, ...coarseLocation(latitude, longitude) } as Record<string, number>,
    markers: { latitude: String(latitude), longitude: String(longitude) },
  };
}

function markersOf(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([f, v]) => [f, /zq[0-9a-f]{12}/.exec(v)![0]]));
}

type SrShape = {
  category: string;
  isPublic: boolean;
  assignTo?: string;
  departmentSlug?: string;
  /** Filed by this citizen account (reporterUserId). */
  reporter?: string;
};
type HsShape = { kind: string; isPublic: boolean };
type DocShape = { kind: string; visibility: string; archived: boolean };

/**
 * One record per policy-relevant shape in each municipality: public and not, an operator's
 * category and another, assigned to someone by name; every heritage kind, public and not; every
 * document visibility, archived and not. `full` adds more combinations.
 */
export function probeShapes(full: boolean): { sr: SrShape[]; hs: HsShape[]; doc: DocShape[] } {
  const sr: SrShape[] = [
    { category: "ROADS", isPublic: true, departmentSlug: "public-works" },
    { category: "ROADS", isPublic: false, departmentSlug: "public-works" },
    { category: "WASTE", isPublic: true },
    { category: "WASTE", isPublic: false, assignTo: "operator@riverton.test" },
    { category: "NOISE", isPublic: false, assignTo: "operator@lakeside.test" },
    // A citizen account's own reports, public and not (policies/groups/citizen.yaml).
    { category: "ROADS", isPublic: true, reporter: CITIZEN_EMAIL },
    { category: "WASTE", isPublic: false, reporter: CITIZEN_EMAIL },
  ];
  const kinds = ["HISTORIC_AREA", "CHARACTER_AREA", "ARCHAEOLOGICAL_ZONE", "MASTER_PLAN_ZONE", "INVENTORY_RESOURCE"];
  const hs: HsShape[] = full
    ? kinds.flatMap((kind) => [
        { kind, isPublic: true },
        { kind, isPublic: false },
      ])
    : [
        { kind: "HISTORIC_AREA", isPublic: true },
        { kind: "HISTORIC_AREA", isPublic: false },
        { kind: "ARCHAEOLOGICAL_ZONE", isPublic: true },
        { kind: "INVENTORY_RESOURCE", isPublic: false },
      ];
  const doc: DocShape[] = full
    ? ["REGULATION", "GUIDANCE"].flatMap((kind) =>
        ["PUBLIC", "INTERNAL"].flatMap((visibility) =>
          [false, true].map((archived) => ({ kind, visibility, archived })),
        ),
      )
    : [
        { kind: "REGULATION", visibility: "PUBLIC", archived: false },
        { kind: "GUIDANCE", visibility: "INTERNAL", archived: false },
        { kind: "REGULATION", visibility: "PUBLIC", archived: true },
      ];
  if (full)
    sr.push(
      { category: "STREET_LIGHTING", isPublic: true },
      { category: "PARKS", isPublic: false, departmentSlug: "public-works" },
      { category: "ROADS", isPublic: false, assignTo: "operator@riverton.test" },
    );
  return { sr, hs, doc };
}

/**
 * One probe row written straight to its table, column for column as the policies see it (no lib
 * code in the way, so a bug there cannot hide a probe); enum columns cast to their type. A
 * request's parts are append-only rows without updatedAt.
 */
async function insertRow(
  table: string,
  row: Record<string, unknown>,
  enums: Record<string, string>,
  updatedAt = true,
): Promise<void> {
  const columns = Object.keys(row);
  const values = columns.map((c, i) => `$${i + 1}${enums[c] ? `::"${enums[c]}"` : ""}`);
  const [more, now] = updatedAt ? [`, "updatedAt"`, ", now()"] : ["", ""];
  await sql(
    `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}${more}) VALUES (${values.join(", ")}${now})`,
    Object.values(row),
  );
}

/** A 1×1 PNG: a photo probe's bytes. */
const PIXEL = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);

/** The timeline kinds probed on every request: text the public may see, and text it never may. */
const EVENT_KINDS = ["STATUS_CHANGED", "PUBLIC_COMMENT", "INTERNAL_NOTE", "ASSIGNED"] as const;

/**
 * A request probe's parts, each with markers where its policy hides something: every timeline
 * entry's text, a published and an unpublished photo (its id is the marker: an unpublished photo's
 * id must never reach the public), a follower's address, and the municipality's tag (its label),
 * which the request carries in \`tags\`.
 */
async function insertParts(request: Probe, tag: Probe, n: () => string): Promise<Probe[]> {
  const out: Probe[] = [];
  const base = {
    municipalityId: request.municipalityId,
    requestId: request.id,
    onPublicRequest: request.row.isPublic,
    reporterUserId: null,
  };
  for (const kind of EVENT_KINDS) {
    const body = marker();
    const row = { id: `probe-ev-${n()}-${body}`, ...base, kind, body };
    await insertRow("RequestEvent", row, { kind: "RequestEventKind" }, false);
    out.push({
      type: "RequestEvent",
      id: row.id,
      municipalityId: request.municipalityId,
      row,
      markers: { body },
      parent: request,
    });
  }
  for (const isPublished of [true, false]) {
    const id = marker();
    const row = {
      id,
      ...base,
      storageKey: `probe/${id}`,
      thumbKey: `probe/${id}/thumb`,
      contentType: "image/png",
      width: 1,
      height: 1,
      byteSize: PIXEL.length,
      isPublished,
      publishedAt: isPublished ? new Date() : null,
    };
    await insertRow("RequestPhoto", row, {}, false);
    // Its bytes behind the storage interface's PostgreSQL backend, so the photo routes can answer.
    for (const key of [row.storageKey, row.thumbKey])
      await insertRow(
        "StoredObject",
        { key, contentType: "image/png", byteSize: PIXEL.length, bytes: PIXEL },
        {},
        false,
      );
    out.push({
      type: "RequestPhoto",
      id,
      municipalityId: request.municipalityId,
      row,
      markers: { id },
      parent: request,
    });
  }
  const email = `${marker()}@probe.test`;
  const follower = { id: `probe-fo-${n()}`, municipalityId: request.municipalityId, requestId: request.id, email };
  await insertRow("RequestFollower", follower, {}, false);
  out.push({
    type: "RequestFollower",
    id: follower.id,
    municipalityId: request.municipalityId,
    row: follower,
    markers: markersOf({ email }),
    parent: request,
  });
  await sql(`UPDATE "ServiceRequest" SET tags = array_append(tags, $2) WHERE id = $1`, [request.id, tag.id]);
  return out;
}

/**
 * A connected service of the municipality whose name is a marker (its admins see it) and whose
 * secret hash and sealed webhook secret are markers nobody may ever see (NEVER_SHOWN).
 */
async function insertServiceProbe(m: Muni, n: string): Promise<Probe> {
  const name = `Probe service ${marker()}`;
  const [clientSecretHash, webhookSecretCipher] = [marker(), marker()];
  const row = {
    id: `probe-svc-${n}`,
    municipalityId: m.id,
    slug: `probe-${n}`,
    name,
    clientId: `svc_probe_${n}`,
    clientSecretHash,
    clientSecretHint: "robe",
    webhookSecretCipher,
    redirectUris: ["https://probe.example.test/callback"],
  };
  await insertRow("Service", row, {});
  return {
    type: "Service",
    id: row.id,
    municipalityId: m.id,
    row,
    markers: markersOf({ name, clientSecretHash, webhookSecretCipher }),
  };
}

/**
 * What a reviewer is shown about a person (lib/data/access-reviews.ts ReviewSnapshot), as a probe
 * or the tour writes it: their groups (labelled by `label`), no grants, no sign-in, no changes.
 */
export function reviewSnapshot(
  person: { name: string; email: string },
  groups: string[],
  department: string | null,
  label: (group: string) => string = (g) => g,
) {
  return {
    person,
    department,
    groups: groups.map((g) => ({ name: g, label: label(g), privileged: false, deprecated: null })),
    directGrants: [],
    services: [],
    lastSignInAt: null,
    changesSince: new Date(0).toISOString(),
    changes: [],
    moreChanges: false,
  };
}

/** The test account of this municipality who reviews the review probe's person: its manager, else its admin. */
const REVIEW_PROBE_PEOPLE: Record<string, { person: string; reviewer: string }> = {
  riverton: { person: "viewer@riverton.test", reviewer: "manager@riverton.test" },
  lakeside: { person: "operator@lakeside.test", reviewer: "admin@lakeside.test" },
};

/**
 * An open access review of the municipality whose name is a marker, with one person to review
 * (a test account, assigned to its manager or admin): the item's note and what its reviewer is
 * shown (the snapshot's department) are markers only readers of that item may see. Municipalities
 * without the two test accounts get the campaign only.
 */
async function insertReviewProbe(m: Muni, n: string): Promise<Probe[]> {
  const name = `Probe review ${marker()}`;
  const row = {
    id: `probe-rv-${n}`,
    municipalityId: m.id,
    name,
    scope: "PRIVILEGED",
    dueAt: new Date(Date.now() + 30 * 86_400_000),
    undecidedRule: "KEEP",
    status: "OPEN",
  };
  await insertRow("AccessReview", row, {
    scope: "AccessReviewScope",
    undecidedRule: "AccessReviewUndecided",
    status: "AccessReviewStatus",
  });
  const review: Probe = { type: "AccessReview", id: row.id, municipalityId: m.id, row, markers: markersOf({ name }) };
  const who = REVIEW_PROBE_PEOPLE[m.slug];
  if (!who) return [review];
  const [person] = await sql<{ userId: string; membershipId: string; groups: string[]; email: string; name: string }>(
    `SELECT u.id AS "userId", ms.id AS "membershipId", ms.groups, u.email, coalesce(u.name, u.email) AS name
       FROM "User" u JOIN "Membership" ms ON ms."userId" = u.id WHERE u.email = $1 AND ms."municipalityId" = $2`,
    [who.person, m.id],
  );
  const [reviewer] = await sql<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [who.reviewer]);
  if (!person || !reviewer) return [review];
  const [note, department] = [marker(), marker()];
  const snapshot = reviewSnapshot({ name: person.name, email: person.email }, person.groups, department);
  const item = {
    id: `probe-rvi-${n}`,
    reviewId: row.id,
    municipalityId: m.id,
    membershipId: person.membershipId,
    userId: person.userId,
    reviewerId: reviewer.id,
    groups: person.groups,
    snapshot: JSON.stringify(snapshot),
    note,
  };
  await insertRow("AccessReviewItem", item, {});
  return [
    review,
    {
      type: "AccessReviewItem",
      id: item.id,
      municipalityId: m.id,
      row: { ...item, snapshot },
      markers: { note, snapshot: department },
      parent: review,
    },
  ];
}

/**
 * A saved clip of the municipality and one stored run of it (issue 21): the clip's name,
 * description and SQL and the run's SQL and result rows are markers only readers of that
 * municipality's clips (the clips group) may see — in the API, the pages, anywhere.
 */
async function insertClipProbes(m: Muni, n: string): Promise<Probe[]> {
  const [author] = await sql<{ id: string }>(
    `SELECT id FROM "User" ORDER BY (email = 'analyst@riverton.test') DESC, id LIMIT 1`,
  );
  const [name, description, clipSql] = [
    `Probe clip ${n} ${marker()}`,
    `About ${marker()}`,
    `select '${marker()}' as v`,
  ];
  const clip = {
    id: `probe-clip-${n}`,
    municipalityId: m.id,
    name,
    description,
    sql: clipSql,
    authorId: author!.id,
  };
  await insertRow("Clip", clip, {});
  const [runSql, cell] = [`select '${marker()}' as v`, marker()];
  const run = {
    id: `probe-cliprun-${n}`,
    municipalityId: m.id,
    clipId: clip.id,
    userId: author!.id,
    sql: runSql,
    status: "SUCCEEDED",
    columns: JSON.stringify([{ name: "v", type: "text" }]),
    rows: JSON.stringify([[cell]]),
    rowCount: 1,
  };
  await insertRow("ClipRun", run, { status: "ClipRunStatus" }, false);
  return [
    {
      type: "Clip",
      id: clip.id,
      municipalityId: m.id,
      row: clip,
      markers: markersOf({ name, description, sql: clipSql }),
    },
    {
      type: "ClipRun",
      id: run.id,
      municipalityId: m.id,
      row: { ...run, columns: [{ name: "v", type: "text" }], rows: [[cell]] },
      markers: markersOf({ sql: runSql, rows: cell }),
    },
  ];
}

export async function insertProbes(munis: Muni[], full: boolean, tag: string): Promise<Probe[]> {
  const shapes = probeShapes(full);
  const probes: Probe[] = [];
  const userId = async (email?: string) =>
    email ? ((await sql<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [email]))[0]?.id ?? null) : null;
  const deptId = async (m: Muni, slug?: string) =>
    slug
      ? ((
          await sql<{ id: string }>(`SELECT id FROM "Department" WHERE "municipalityId" = $1 AND slug = $2`, [
            m.id,
            slug,
          ])
        )[0]?.id ?? null)
      : null;
  let n = 0;
  for (const m of munis) {
    // The municipality's own tag, its label a marker: another municipality's staff never see it.
    const label = `Probe ${tag} ${marker()}`;
    const tagRow = { id: `probe-tag-${tag}-${n++}`, municipalityId: m.id, label };
    await insertRow("RequestTag", tagRow, {}, false);
    const tagProbe: Probe = {
      type: "RequestTag",
      id: tagRow.id,
      municipalityId: m.id,
      row: tagRow,
      markers: markersOf({ label }),
    };
    probes.push(tagProbe);
    probes.push(await insertServiceProbe(m, `${tag}-${n++}`));
    probes.push(...(await insertReviewProbe(m, `${tag}-${n++}`)));
    probes.push(...(await insertClipProbes(m, `${tag}-${n++}`)));
    for (const s of shapes.sr) {
      const t = texts(SR_TEXT, tag);
      // Near the demo municipalities, so the public map's window holds the probes.
      const where = probeLocation();
      const row = {
        id: `probe-sr-${tag}-${n++}`,
        municipalityId: m.id,
        departmentId: await deptId(m, s.departmentSlug),
        category: s.category,
        isPublic: s.isPublic,
        status: "SUBMITTED",
        assigneeId: await userId(s.assignTo),
        reporterUserId: await userId(s.reporter),
        ...t,
        ...where.row,
      };
      // A citizen's report is opened by its reference in the URL (/my/reports/<slug>/<reference>),
      // which pages echo back (a sign-in link's `next`): that reference is not a marker, the rest are.
      if (s.reporter) (row as Record<string, unknown>).reference = `CIT-${tag}-${n}`;
      const { reference: _inUrl, ...judged } = t;
      await insertRow("ServiceRequest", row, { category: "ServiceCategory", status: "ServiceRequestStatus" });
      const request: Probe = {
        type: "ServiceRequest",
        id: row.id,
        municipalityId: m.id,
        row,
        markers: { ...markersOf(s.reporter ? judged : t), ...where.markers },
      };
      const parts = await insertParts(request, tagProbe, () => `${tag}-${n++}`);
      // The photo byte routes are asked for on the roads requests (public and not) of the reduced
      // size, on every request in full (the crawl's time).
      if (full || s.category === "ROADS")
        request.photos = parts.filter((x) => x.type === "RequestPhoto").map((x) => ({ id: x.id, row: x.row }));
      probes.push(request, ...parts);
    }
    for (const s of shapes.hs) {
      const t = texts(HS_TEXT, tag);
      const row = { id: `probe-hs-${tag}-${n++}`, municipalityId: m.id, kind: s.kind, isPublic: s.isPublic, ...t };
      await insertRow("HeritageSite", row, { kind: "HeritageKind" });
      probes.push({ type: "HeritageSite", id: row.id, municipalityId: m.id, row, markers: markersOf(t) });
    }
    for (const s of shapes.doc) {
      const t = texts(DOC_TEXT, tag);
      const archivedAt = s.archived ? new Date() : null;
      const row = {
        id: `probe-doc-${tag}-${n++}`,
        municipalityId: m.id,
        departmentId: null,
        kind: s.kind,
        visibility: s.visibility,
        archivedAt,
        ...t,
      };
      await insertRow("Document", row, { kind: "DocumentKind", visibility: "DocumentVisibility" });
      probes.push({ type: "Document", id: row.id, municipalityId: m.id, row, markers: markersOf(t) });
    }
  }
  return probes;
}

/**
/** May this ability see this photo of a request probe: the photo itself and the request it belongs to. */
export function canReadPhoto(ability: AppAbility, p: Probe, photo: PhotoProbe): boolean {
  return canRead(ability, p) && ability.can("read", subject("RequestPhoto", { ...photo.row }) as never);
}

/**
 * Can this ability read this field of this probe? (The policy's answer, per row and field.) A
 * request's part only with its request: lib/data reads parts through a request the caller can read.
 */
export function canReadField(ability: AppAbility, p: Probe, field: string): boolean {
  if (p.parent && !canRead(ability, p.parent)) return false;
  return ability.can("read", subject(p.type, { ...p.row }) as never, field);
}

export function canRead(ability: AppAbility, p: Probe): boolean {
  if (p.parent && !canRead(ability, p.parent)) return false;
  return ability.can("read", subject(p.type, { ...p.row }) as never);
}

/**
 * Fields nobody ever sees, whatever the policy: a connected service's client secret hash and its
 * sealed webhook secret (shown once, when made, from the action's answer; never read for a page).
 */
const NEVER_SHOWN = new Set(["Service.clientSecretHash", "Service.webhookSecretCipher"]);

/** Markers this account may legitimately see somewhere: the union of its staff and public views. */
export function permittedMarkers(a: Account, probes: Probe[]): Set<string> {
  const out = new Set<string>();
  for (const p of probes)
    for (const [f, m] of Object.entries(p.markers))
      if (!NEVER_SHOWN.has(`${p.type}.${f}`) && canReadField(a.abilities.full, p, f)) out.add(m);
  return out;
}
