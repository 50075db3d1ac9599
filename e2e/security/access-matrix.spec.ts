// Access matrix and leak detection: every route of the build × every test account, anonymous and
// a person deactivated mid-session × records of their own and of another municipality. What each
// should get comes from policies/groups/*.yaml (lib/policy's compiler), never from a hand list;
// every sensitive text field of the probe records holds a unique marker, and any marker the
// account's policy does not permit — in a page's HTML, its RSC payload, a CSV file or an API
// answer — is a leak.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { TEST_ACCOUNTS } from "../../lib/seed/test-users";
import { DEMO_PASSWORD } from "../support/auth";
import { sql } from "../../test/fixtures/db";
import { anonymousContext, fetchOnce, inParallel, signedInContext } from "./support/crawl";
import { recordFigures } from "../../test/fixtures/figures";
import { deactivatedEmail, deactivatedMidSession } from "./support/people";
import { clearSignInLocks } from "../../test/fixtures/people";
import { accessMismatches, findLeaks, type Visit } from "./support/judge";
import { builtRoutes, CATALOG, type World } from "./support/routes";
import { FULL } from "../../test/fixtures/suite-size";
import {
  accountOf,
  auditEventsOf,
  insertProbes,
  moduleSwitches,
  municipalities,
  withPolicies,
  type Account,
} from "./support/world";

test.describe.configure({ mode: "serial" });

const TAG = `t${Date.now().toString(36)}`;
let world: World;
let accounts: Account[];
let visits: Visit[];
let modules: Awaited<ReturnType<typeof moduleSwitches>>;
const contexts: APIRequestContext[] = [];

test.beforeAll(async ({ baseURL }) => {
  await clearSignInLocks();
  test.setTimeout(FULL ? 1_200_000 : 600_000);
  const all = await municipalities();
  // Own and another municipality for every account; the full size adds the third.
  const munis = FULL ? all : all.filter((m) => m.slug === "riverton" || m.slug === "lakeside");
  const probes = await insertProbes(munis, FULL, TAG);
  const memberships = await sql<{ id: string; municipalityId: string }>(
    `SELECT DISTINCT ON ("municipalityId") m.id, m."municipalityId" FROM "Membership" m JOIN "User" u ON u.id = m."userId" WHERE u.email LIKE 'viewer@%' OR u.email LIKE 'operator@%' ORDER BY "municipalityId", m.id`,
  );
  // One department per municipality, for the department pages (each under its own and another municipality).
  const departments = await sql<{ id: string; municipalityId: string }>(
    `SELECT DISTINCT ON ("municipalityId") id, "municipalityId" FROM "Department" ORDER BY "municipalityId", slug`,
  );
  world = {
    munis,
    probes,
    memberships: memberships.filter((m) => munis.some((x) => x.id === m.municipalityId)),
    departments: departments.filter((d) => munis.some((x) => x.id === d.municipalityId)),
    auditEvents: await auditEventsOf(munis),
    tag: TAG,
  };
  modules = await moduleSwitches();

  // Everyone who can sign in, everyone who cannot (their sign-in is refused: they are anonymous), and anonymous.
  const signIn = TEST_ACCOUNTS.filter((a) => a.isActive !== false);
  accounts = [];
  const ctxOf = new Map<Account, APIRequestContext>();
  for (const a of signIn) {
    const account = await accountOf(a.email, a.email, modules);
    accounts.push(account);
    const ctx = await signedInContext(baseURL!, a.email, DEMO_PASSWORD);
    contexts.push(ctx);
    ctxOf.set(account, ctx);
  }
  const anon = await accountOf("anonymous", null, modules);
  const anonCtx = await anonymousContext(baseURL!);
  const goneCtx = await deactivatedMidSession(baseURL!, all.find((m) => m.slug === "riverton")!.id, TAG);
  const gone = await accountOf("deactivated-mid-session", deactivatedEmail(TAG), modules);
  contexts.push(anonCtx, goneCtx);
  accounts.push(anon, gone);
  ctxOf.set(anon, anonCtx).set(gone, goneCtx);

  const cases = Object.entries(CATALOG).flatMap(([route, build]) => build(world).map((c) => ({ ...c, route })));
  const jobs = accounts.flatMap((account) => cases.map((c) => ({ account, c })));
  visits = await inParallel(jobs, 4, async ({ account, c }) => {
    const ctx = ctxOf.get(account)!;
    const html = await fetchOnce(ctx, c.path);
    const rsc = c.kind === "page" ? await fetchOnce(ctx, c.path, true) : undefined;
    return { account, case: c, html, rsc };
  });
});

test.afterAll(async () => {
  for (const c of contexts) await c.dispose();
});

test("every route of the build is described, and every description is a route", () => {
  const built = builtRoutes();
  expect(
    built.filter((r) => !(r in CATALOG)),
    "routes the access matrix does not try",
  ).toEqual([]);
  expect(
    Object.keys(CATALOG).filter((r) => !built.includes(r)),
    "described routes that no longer exist",
  ).toEqual([]);
});

test("the deactivated account cannot sign in again", async ({ baseURL }) => {
  await expect(signedInContext(baseURL!, "deactivated@riverton.test", DEMO_PASSWORD)).rejects.toThrow(
    /sign-in as deactivated@riverton.test failed/,
  );
});

test("every route × account × municipality answers as the policy files say", () => {
  const mismatches = accessMismatches(visits);
  expect(mismatches, mismatches.slice(0, 40).join("\n")).toEqual([]);
  // Never a server error, not even for an RSC request.
  const errors = visits.flatMap((v) =>
    [v.html, v.rsc].filter((f) => f && f.status >= 500).map(() => `${v.account.label} ${v.case.path}`),
  );
  expect(errors).toEqual([]);
});

test("no marker the policy does not permit appears in HTML, RSC payloads, files or API answers", () => {
  const { leaks, markersChecked, bodiesScanned } = findLeaks(visits, world.probes);
  expect(leaks.map((l) => `${l.account} ${l.channel} ${l.path}: ${l.field} of ${l.record}`).slice(0, 40)).toEqual([]);
  recordFigures("access-matrix", {
    routes: Object.keys(CATALOG).length,
    accounts: accounts.length,
    requests: visits.reduce((n, v) => n + (v.rsc ? 2 : 1), 0),
    routeAccountPairs: visits.length,
    probeRecords: world.probes.length,
    markers: world.probes.reduce((n, p) => n + Object.keys(p.markers).length, 0),
    bodiesScanned,
    markersChecked,
    leaks: leaks.length,
  });
});

// Proof that the suite can fail: the same judges, fed a deliberately broken policy (viewers lose
// service requests, so every request page they reach is "reachable that should not be"; reporter
// and notes markers they see become leaks) and a deliberately leaky route (a raw database row).
test("the matrix and the leak detector catch a deliberately broken policy", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "broken-policy-"));
  cpSync(path.resolve("policies/groups"), dir, { recursive: true });
  const viewer = readFileSync(path.join(dir, "viewer.yaml"), "utf8");
  const broken = viewer.replace(
    /  - can: read\n    on: ServiceRequest\n[\s\S]*?(?=  - can: read\n    on: \[HeritageSite)/,
    "",
  );
  expect(broken, "the self-test could not break viewer.yaml").not.toEqual(viewer);
  writeFileSync(path.join(dir, "viewer.yaml"), broken);
  const brokenAccounts = withPolicies(accounts, modules, dir);
  const byLabel = new Map(brokenAccounts.map((a) => [a.label, a]));
  const rejudged = visits.map((v) => ({ ...v, account: byLabel.get(v.account.label)! }));
  const mismatches = accessMismatches(rejudged);
  expect(
    mismatches.some(
      (m) => m.startsWith("viewer@riverton.test GET /w/riverton/requests/") && m.includes("expected not-found, got ok"),
    ),
  ).toBe(true);
  const { leaks } = findLeaks(rejudged, world.probes);
  expect(leaks.some((l) => l.account === "viewer@riverton.test" && l.field === "ServiceRequest.internalNotes")).toBe(
    true,
  );
});

test("the leak detector catches a route that returns a raw database row", async () => {
  const probe = world.probes.find((p) => p.type === "ServiceRequest" && p.row.isPublic === false)!;
  const [row] = await sql(`SELECT * FROM "ServiceRequest" WHERE id = $1`, [probe.id]);
  const anon = accounts.find((a) => a.label === "anonymous")!;
  const leaky: Visit = {
    account: anon,
    case: { route: "/leaky", path: "/leaky", kind: "api", expect: () => "ok" },
    html: { status: 200, location: null, contentType: "application/json", body: JSON.stringify(row) },
  };
  const { leaks } = findLeaks([leaky], world.probes);
  expect(leaks.map((l) => l.field)).toEqual(
    expect.arrayContaining(["ServiceRequest.reporterEmail", "ServiceRequest.internalNotes", "ServiceRequest.address"]),
  );
});
