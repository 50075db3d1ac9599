// The tour the page-quality checks take (issue 17): every page route of the build, opened in
// Chromium as the test accounts that may see it. The routes and who gets "ok" come from the access
// matrix's catalog (e2e/security/support/routes.ts, computed from the policy files), so a new page
// joins the tour the moment it joins the matrix. The tour runs on the demo data a new user sees —
// real records, real names — not on the matrix's marker probes.
//
// `npm test` opens each route once, as the first account in PREFERENCE that may see it (anonymous
// first for public pages); the full size (SECURITY_SIZE=full) opens it as every such account. The
// walks over the stops (walkTour) keep TOUR_PARALLEL pages open at once.
import { createHash, randomBytes } from "node:crypto";
import { subject } from "@casl/ability";
import type { APIRequestContext, Browser, BrowserContext, Page } from "@playwright/test";
import { TEST_ACCOUNTS } from "../../../lib/seed/test-users";
import { sql } from "../../../test/fixtures/db";
import { FULL } from "../../../test/fixtures/suite-size";
import { DEMO_PASSWORD } from "../../support/auth";
import { anonymousContext, inParallel, signedInContext } from "../../security/support/crawl";
import { builtRoutes, CATALOG, type CaseSpec, type World } from "../../security/support/routes";
import {
  accountOf,
  auditEventsOf,
  moduleSwitches,
  municipalities,
  reviewSnapshot,
  type Account,
  type Probe,
  type RecordType,
} from "../../security/support/world";

/** One page to check: a URL, and who opens it (an email, or null for an anonymous visitor). */
export type Stop = { route: string; path: string; account: string | null };

/** Who opens a page in the reduced tour: the first of these who may. */
export const PREFERENCE: (string | null)[] = [
  null,
  "admin@riverton.test",
  "operator@riverton.test",
  "viewer@riverton.test",
  "editor@riverton.test",
  "analyst@riverton.test",
  "manager@riverton.test",
  "volunteer@riverton.test",
  "platform.admin@gatehouse.test",
  "superuser@gatehouse.test",
];

const TABLE: Record<RecordType, string> = {
  ServiceRequest: "ServiceRequest",
  HeritageSite: "HeritageSite",
  Document: "Document",
};

/** The demo data as the catalog's world: Riverton and Lakeside, a record of each type in each. */
export async function demoWorld(): Promise<World> {
  const munis = (await municipalities()).filter((m) => m.slug === "riverton" || m.slug === "lakeside");
  const probes: Probe[] = [];
  for (const m of munis)
    for (const type of Object.keys(TABLE) as RecordType[]) {
      // A request in Riverton's operator categories, so the operator's detail page is on the tour too.
      const where =
        type === "ServiceRequest"
          ? `AND category = 'ROADS'`
          : type === "Document"
            ? `AND "archivedAt" IS NULL AND visibility = 'PUBLIC'`
            : "";
      const [row] = await sql<Record<string, unknown>>(
        `SELECT * FROM "${TABLE[type]}" WHERE "municipalityId" = $1 ${where} ORDER BY "createdAt" LIMIT 1`,
        [m.id],
      );
      if (row) probes.push({ type, id: String(row.id), municipalityId: m.id, row, markers: {} });
    }
  const ids = munis.map((m) => m.id);
  const memberships = await sql<{ id: string; municipalityId: string }>(
    `SELECT DISTINCT ON ("municipalityId") m.id, m."municipalityId" FROM "Membership" m JOIN "User" u ON u.id = m."userId"
      WHERE u.email LIKE 'operator@%' AND m."municipalityId" = ANY($1) ORDER BY "municipalityId", m.id`,
    [ids],
  );
  const departments = await sql<{ id: string; municipalityId: string }>(
    `SELECT DISTINCT ON ("municipalityId") id, "municipalityId" FROM "Department" WHERE "municipalityId" = ANY($1) ORDER BY "municipalityId", slug`,
    [ids],
  );
  return { munis, probes, memberships, departments, auditEvents: await auditEventsOf(munis), tag: "demo" };
}

/**
 * An open access review of Riverton with one person in it (its operator, reviewed by its manager),
 * made once per database, as the catalog's probes: the review pages then have a real one to open.
 */
async function tourReview(): Promise<Probe[]> {
  const [p] = await sql<{
    userId: string;
    membershipId: string;
    municipalityId: string;
    name: string;
    groups: string[];
  }>(
    `SELECT u.id AS "userId", ms.id AS "membershipId", ms."municipalityId", coalesce(u.name, u.email) AS name, ms.groups
       FROM "User" u JOIN "Membership" ms ON ms."userId" = u.id JOIN "Municipality" m ON m.id = ms."municipalityId"
      WHERE u.email = 'operator@riverton.test' AND m.slug = 'riverton'`,
  );
  const [reviewer] = await sql<{ id: string }>(`SELECT id FROM "User" WHERE email = 'manager@riverton.test'`);
  const snapshot = reviewSnapshot(
    { name: p!.name, email: "operator@riverton.test" },
    p!.groups,
    null,
    () => "Operator",
  );
  const review = {
    id: "tour-review",
    municipalityId: p!.municipalityId,
    name: "Quarterly review of privileged access",
    scope: "ALL",
    status: "OPEN",
  };
  const item = {
    id: "tour-review-item",
    reviewId: review.id,
    municipalityId: p!.municipalityId,
    userId: p!.userId,
    reviewerId: reviewer!.id,
  };
  await sql(
    `INSERT INTO "AccessReview" (id, "municipalityId", name, scope, "dueAt", "updatedAt")
     VALUES ($1, $2, $3, 'ALL', now() + interval '30 days', now()) ON CONFLICT DO NOTHING`,
    [review.id, review.municipalityId, review.name],
  );
  await sql(
    `INSERT INTO "AccessReviewItem" (id, "reviewId", "municipalityId", "membershipId", "userId", "reviewerId", groups, snapshot, "updatedAt")
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now()) ON CONFLICT DO NOTHING`,
    [
      item.id,
      review.id,
      item.municipalityId,
      p!.membershipId,
      item.userId,
      item.reviewerId,
      p!.groups,
      JSON.stringify(snapshot),
    ],
  );
  const reviewProbe: Probe = {
    type: "AccessReview",
    id: review.id,
    municipalityId: review.municipalityId,
    row: review,
    markers: {},
  };
  return [
    reviewProbe,
    {
      type: "AccessReviewItem",
      id: item.id,
      municipalityId: item.municipalityId,
      row: item,
      markers: {},
      parent: reviewProbe,
    },
  ];
}
/**
 * A saved clip of Riverton's analyst with a stored result (issue 21), for the clip's page: the
 * result rows are kept as a run stores them, so the page shows a table without running SQL.
 */
async function tourClip(): Promise<Probe[]> {
  const [m] = await sql<{ id: string }>(`SELECT id FROM "Municipality" WHERE slug = 'riverton'`);
  const [analyst] = await sql<{ id: string }>(`SELECT id FROM "User" WHERE email = 'analyst@riverton.test'`);
  const clip = {
    id: "tour-clip",
    municipalityId: m!.id,
    name: "Requests per category",
    sql: "SELECT category, count(*) AS requests\nFROM service_requests\nGROUP BY category\nORDER BY requests DESC",
  };
  await sql(
    `INSERT INTO "Clip" (id, "municipalityId", name, description, sql, "authorId", "updatedAt")
     VALUES ($1, $2, $3, 'How many requests each category has had, busiest first.', $4, $5, now()) ON CONFLICT DO NOTHING`,
    [clip.id, clip.municipalityId, clip.name, clip.sql, analyst!.id],
  );
  await sql(
    `INSERT INTO "ClipRun" (id, "municipalityId", "clipId", "userId", sql, status, columns, rows, "rowCount", "durationMs")
     VALUES ('tour-clip-run', $1, $2, $3, $4, 'SUCCEEDED', $5, $6, 4, 12) ON CONFLICT DO NOTHING`,
    [
      clip.municipalityId,
      clip.id,
      analyst!.id,
      clip.sql,
      JSON.stringify([
        { name: "category", type: "text" },
        { name: "requests", type: "int8" },
      ]),
      JSON.stringify([
        ["ROADS", 14],
        ["WASTE", 9],
        ["STREET_LIGHTING", 6],
        ["PARKS", 3],
      ]),
    ],
  );
  return [{ type: "Clip", id: clip.id, municipalityId: clip.municipalityId, row: clip, markers: {} }];
}

const REVIEW_ROUTES = ["/admin/[slug]/reviews/[id]", "/admin/[slug]/reviews/[id]/report", "/w/[slug]/reviews/[id]"];

/** Pages the catalog tries only with ids nobody may open; the tour opens a real one. */
async function extraCases(): Promise<Record<string, CaseSpec[]>> {
  const [person] = await sql<{ id: string }>(`SELECT id FROM "User" WHERE email = 'operator@riverton.test'`);
  // A tracking link of a Riverton request: the link is checked by its hash only, so any token works.
  const token = randomBytes(32).toString("base64url");
  await sql(
    `INSERT INTO "RequestFollower" (id, "municipalityId", "requestId", email, "tokenHash", "tokenExpiresAt")
     SELECT $1, r."municipalityId", r.id, $2, $3, now() + interval '1 day' FROM "ServiceRequest" r
     JOIN "Municipality" m ON m.id = r."municipalityId" WHERE m.slug = 'riverton' AND r."isPublic" ORDER BY r."createdAt" LIMIT 1`,
    [
      `tour-${token.slice(0, 8)}`,
      `tour.${token.slice(0, 8).toLowerCase()}@example.test`,
      createHash("sha256").update(token).digest("hex"),
    ],
  );
  const tracked = (path: string): CaseSpec[] => [{ path, kind: "page", expect: () => "ok" }];
  // A public Riverton request's own page, and a report the citizen account filed (the demo data has
  // none: one is copied from a Riverton request, once per database).
  const [open] = await sql<{ reference: string }>(
    `SELECT r.reference FROM "ServiceRequest" r JOIN "Municipality" m ON m.id = r."municipalityId"
      WHERE m.slug = 'riverton' AND r."isPublic" ORDER BY r."createdAt" LIMIT 1`,
  );
  const [citizen] = await sql<{ id: string }>(`SELECT id FROM "User" WHERE email = 'citizen@example.test'`);
  await sql(
    `INSERT INTO "ServiceRequest"
     SELECT (jsonb_populate_record(NULL::"ServiceRequest", to_jsonb(r) || jsonb_build_object(
       'id', 'tour-citizen-report', 'reference', 'RIV-T0001', 'reporterUserId', $1::text))).*
     FROM "ServiceRequest" r JOIN "Municipality" m ON m.id = r."municipalityId"
     WHERE m.slug = 'riverton' ORDER BY r."createdAt" LIMIT 1 ON CONFLICT DO NOTHING`,
    [citizen!.id],
  );
  // A connected service of Riverton, for its pages on both consoles.
  const tag = token
    .slice(0, 8)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "x");
  const [service] = await sql<{ id: string; municipalityId: string }>(
    `INSERT INTO "Service" (id, "municipalityId", slug, name, "clientId", "clientSecretHash", "clientSecretHint", "redirectUris", "updatedAt")
     SELECT $1, id, $2, 'Tour intranet', $3, $4, 'tour', '{https://intranet.example.test/callback}', now()
       FROM "Municipality" WHERE slug = 'riverton' RETURNING id, "municipalityId"`,
    [`tour-svc-${tag}`, `tour-${tag}`, `svc_tour_${tag}`, createHash("sha256").update(token).digest("hex")],
  );
  const readsService = (a: Account) =>
    a.abilities.full.can("read", subject("Service", { municipalityId: service!.municipalityId }) as never);
  const reviewWorld = { ...(await demoWorld()), probes: await tourReview() };
  const clipWorld = { ...(await demoWorld()), probes: await tourClip() };
  return {
    ...Object.fromEntries(REVIEW_ROUTES.map((r) => [r, CATALOG[r]!(reviewWorld)])),
    "/w/[slug]/clips/[clipId]": CATALOG["/w/[slug]/clips/[clipId]"]!(clipWorld),
    "/m/[slug]/requests/[reference]": tracked(`/m/riverton/requests/${encodeURIComponent(open!.reference)}`),
    "/my/reports/[slug]/[reference]": [
      {
        path: "/my/reports/riverton/RIV-T0001",
        kind: "page",
        expect: (a) => (a.email === "citizen@example.test" ? "ok" : "not-found"),
      },
    ],
    "/admin/[slug]/services/[id]": [
      {
        path: `/admin/riverton/services/${service!.id}`,
        kind: "page",
        expect: (a) =>
          a.abilities.full.can("read", subject("Membership", { municipalityId: service!.municipalityId }) as never) &&
          readsService(a)
            ? "ok"
            : "not-found",
      },
    ],
    "/platform/services/[id]": [
      {
        path: `/platform/services/${service!.id}`,
        kind: "page",
        expect: (a) =>
          a.abilities.full.can("create", subject("Municipality", {}) as never) && readsService(a) ? "ok" : "not-found",
      },
    ],
    "/m/[slug]/track/[token]": tracked(`/m/riverton/track/${token}`),
    "/m/[slug]/track/[token]/unsubscribe": tracked(`/m/riverton/track/${token}/unsubscribe`),
    "/platform/people/[userId]": [
      {
        path: `/platform/people/${person!.id}`,
        kind: "page",
        expect: (a) => (a.abilities.full.can("read", subject("User", {}) as never) ? "ok" : "not-found"),
      },
    ],
  };
}

/** Every account the tour may use: each test account that can sign in, and anonymous. */
export async function tourAccounts(): Promise<Account[]> {
  const modules = await moduleSwitches();
  const out: Account[] = [await accountOf("anonymous", null, modules)];
  for (const a of TEST_ACCOUNTS.filter((x) => x.isActive !== false))
    out.push(await accountOf(a.email, a.email, modules));
  return out;
}

/**
 * The stops: for every page route of the build, each (account, first path) the policy answers
 * "ok" — in the reduced tour only the first account of PREFERENCE among them. `full` defaults
 * to the suite size.
 */
export async function tourStops(full = FULL): Promise<Stop[]> {
  const world = await demoWorld();
  const accounts = await tourAccounts();
  const extra = await extraCases();
  const built = new Set(builtRoutes());
  const stops: Stop[] = [];
  for (const [route, build] of Object.entries(CATALOG)) {
    if (!built.has(route)) continue;
    const cases = [...(extra[route] ?? []), ...build(world)].filter((c) => c.kind === "page");
    const seen = new Set<string | null>();
    const candidates: Stop[] = [];
    for (const c of cases)
      for (const a of accounts) {
        const who = a.email;
        if (seen.has(who) || c.expect(a) !== "ok") continue;
        seen.add(who);
        candidates.push({ route, path: c.path, account: who });
      }
    if (full) stops.push(...candidates);
    else {
      const pick = PREFERENCE.map((p) => candidates.find((c) => c.account === p)).find(Boolean);
      const first = pick ?? candidates[0];
      if (first) stops.push(first);
    }
  }
  // A page that does not exist, as anonymous and as staff.
  stops.push(
    { route: "(not found)", path: "/no-such-page", account: null },
    { route: "(not found)", path: "/w/riverton/requests/no-such-request", account: "admin@riverton.test" },
  );
  return stops;
}

/**
 * Browser contexts signed in once per account (next-auth's real credentials sign-in, cookies
 * carried over), at a viewport width; `close()` disposes them all.
 */
export class Visitors {
  // The sign-in itself is kept (not only its result), so pages opened at the same time share one.
  private states = new Map<string | null, ReturnType<Visitors["signIn"]>>();
  private contexts: BrowserContext[] = [];
  constructor(
    private browser: Browser,
    private baseURL: string,
  ) {}

  private async signIn(account: string | null): Promise<Awaited<ReturnType<APIRequestContext["storageState"]>>> {
    const api = account
      ? await signedInContext(this.baseURL, account, DEMO_PASSWORD)
      : await anonymousContext(this.baseURL);
    const state = await api.storageState();
    await api.dispose();
    return state;
  }

  /** A fresh page for `account` (null: anonymous) at `width` × 800 (390: a phone, with touch). */
  async page(account: string | null, width: number): Promise<Page> {
    if (!this.states.has(account)) this.states.set(account, this.signIn(account));
    const phone = width < 600;
    const ctx = await this.browser.newContext({
      baseURL: this.baseURL,
      storageState: await this.states.get(account)!,
      viewport: { width, height: phone ? 844 : 800 },
      isMobile: phone,
      hasTouch: phone,
      deviceScaleFactor: 1,
    });
    this.contexts.push(ctx);
    return ctx.newPage();
  }

  async close() {
    for (const c of this.contexts.splice(0)) await c.close();
  }
}

/**
 * Pages the walks keep open at once. The tour only reads (the forms check sends refused
 * submissions only), each stop in its own browser context, so stops do not depend on each other;
 * the server, the browser and the checks' scripts then take turns on the CPU instead of waiting.
 */
export const TOUR_PARALLEL = 3;

/** Runs `visit` for every stop, TOUR_PARALLEL at a time; answers each stop's result, in order. */
export function walkTour<R>(stops: Stop[], visit: (stop: Stop, index: number) => Promise<R>): Promise<R[]> {
  return inParallel(
    stops.map((stop, index) => ({ stop, index })),
    TOUR_PARALLEL,
    ({ stop, index }) => visit(stop, index),
  );
}

/**
 * Works the tour's Riverton service request as staff would (created by the admin, updated by the
 * manager, assigned to the operator), so pages show people by name; returns the undo.
 */
export async function staffTheTourRequest(stops: Stop[]): Promise<() => Promise<void>> {
  const path = stops.find((s) => s.route === "/w/[slug]/requests/[id]" && s.path.startsWith("/w/riverton/"))!.path;
  const id = path.split("/").at(-1)!;
  const userId = async (email: string) =>
    (await sql<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [email]))[0]!.id;
  const [before] = await sql(`SELECT "createdById", "updatedById", "assigneeId" FROM "ServiceRequest" WHERE id = $1`, [
    id,
  ]);
  const set = `UPDATE "ServiceRequest" SET "createdById" = $2, "updatedById" = $3, "assigneeId" = $4 WHERE id = $1`;
  await sql(set, [
    id,
    await userId("admin@riverton.test"),
    await userId("manager@riverton.test"),
    await userId("operator@riverton.test"),
  ]);
  return async () => {
    await sql(set, [id, before!.createdById, before!.updatedById, before!.assigneeId]);
  };
}
