// How to try each route the build contains, and what the policy says each account should get.
// The route list itself comes from the build (.next/app-path-routes-manifest.json); a route that
// is not described here fails the suite, so a new page or endpoint cannot slip in untried.
// Each description states which permission the route stands for ("read this record", "read
// people in this municipality"); whether an account holds it is the policy compiler's answer.
import { readFileSync } from "node:fs";
import path from "node:path";
import { subject } from "@casl/ability";
import type { AppAbility } from "../../../lib/policy/casl";
import { canRead, canReadPhoto, type Account, type Muni, type Probe, type RecordType } from "./world";

/** "elsewhere": a redirect to a page other than sign-in (a finished sign-in step sends a person on). */
export type Outcome = "ok" | "not-found" | "sign-in" | "unauthorized" | "elsewhere";
export type CaseSpec = {
  path: string;
  /** Pages are also fetched as RSC payloads; files and API answers are scanned as they are. */
  kind: "page" | "api" | "file";
  expect: (a: Account) => Outcome;
  /** An "ok" answer must show this record's title (proves the page rendered the row, not an empty shell). */
  shows?: Probe;
};
export type Case = CaseSpec & { route: string };

export type World = {
  munis: Muni[];
  probes: Probe[];
  memberships: { id: string; municipalityId: string }[];
  departments: { id: string; municipalityId: string }[];
  /** One audit event of each municipality (its detail pages); absent: only an event that does not exist is tried. */
  auditEvents?: { seq: string; municipalityId: string }[];
  tag: string;
};

const ROOT = path.resolve(import.meta.dirname, "../../..");

/** Every app route of the production build (pages and route handlers), as URL patterns. */
export function builtRoutes(): string[] {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, ".next/app-path-routes-manifest.json"), "utf8")) as Record<
    string,
    string
  >;
  return [...new Set(Object.values(manifest))].filter((r) => !r.startsWith("/_")).sort();
}

const isUser = (a: Account) => a.principal.kind === "user";
const isCitizen = (a: Account) => a.principal.kind === "user" && a.principal.isCitizen === true;
const page = (a: Account, allowed: boolean): Outcome => (!isUser(a) ? "sign-in" : allowed ? "ok" : "not-found");
const api = (a: Account, allowed: boolean): Outcome => (!isUser(a) ? "unauthorized" : allowed ? "ok" : "not-found");
const open = (): Outcome => "ok";

/** Workspace membership as DESIGN.md defines it: a platform group, or an ACTIVE membership there. */
function member(a: Account, m: Muni): boolean {
  return (
    a.principal.kind === "user" &&
    (a.principal.platformGroups.length > 0 || a.principal.memberships.some((x) => x.municipalityId === m.id))
  );
}

/**
 * The municipalities a chooser (/w, /admin) offers the account: every one for platform groups,
 * else those of its memberships — `may` narrows them (administration: may see the people).
 */
function chosen(a: Account, w: World, may: (m: { id: string }) => boolean = () => true): number {
  if (a.principal.kind !== "user") return 0;
  const p = a.principal;
  const munis = p.platformGroups.length > 0 ? w.munis : p.memberships.map((x) => ({ id: x.municipalityId }));
  return munis.filter(may).length;
}
/** A chooser page: with exactly one municipality to choose it sends the browser there ("elsewhere"). */
const chooser = (a: Account, n: number, none: Outcome): Outcome =>
  !isUser(a) ? "sign-in" : n === 0 ? none : n === 1 ? "elsewhere" : "ok";
const administers = (a: Account) => (m: { id: string }) =>
  a.abilities.full.can("read", subject("Membership", { municipalityId: m.id }) as never);

/** Some rule of the person's own groups grants this in this municipality (not merely the public rules). */
function grantsIn(ability: AppAbility, action: "read" | "export", type: RecordType, m: Muni): boolean {
  return ability.rulesFor(action, type as never).some((r) => {
    if (r.inverted) return false;
    const c = r.conditions as { municipalityId?: unknown } | undefined;
    return !c || c.municipalityId === undefined || c.municipalityId === m.id;
  });
}

const VARIANTS: Record<RecordType, { field: string; values: string[]; extra?: Record<string, unknown> }> = {
  ServiceRequest: {
    field: "category",
    values: ["ROADS", "STREET_LIGHTING", "WASTE", "PARKS", "WATER", "NOISE", "GRAFFITI", "OTHER"],
  },
  HeritageSite: {
    field: "kind",
    values: ["HISTORIC_AREA", "CHARACTER_AREA", "ARCHAEOLOGICAL_ZONE", "MASTER_PLAN_ZONE", "INVENTORY_RESOURCE"],
  },
  Document: { field: "visibility", values: ["PUBLIC", "INTERNAL"], extra: { kind: "REGULATION", archivedAt: null } },
};
function canCreateIn(ability: AppAbility, type: RecordType, m: Muni): boolean {
  const v = VARIANTS[type];
  return v.values.some((value) =>
    ability.can("create", subject(type, { municipalityId: m.id, ...v.extra, [v.field]: value }) as never),
  );
}

const SEGMENT: Record<RecordType, { w: string; api: string }> = {
  ServiceRequest: { w: "requests", api: "service-requests" },
  HeritageSite: { w: "heritage", api: "heritage-sites" },
  Document: { w: "documents", api: "documents" },
};

const BOGUS: Muni = { id: "no-such-municipality", slug: "no-such-municipality" };

type Builder = (w: World) => CaseSpec[];

const perMuni = (w: World, f: (m: Muni) => CaseSpec[]) => [...w.munis, BOGUS].flatMap(f);
const inMuni = (m: Muni) => m !== BOGUS;
/** A portal page: the same for everyone in a municipality that exists, "not found" in one that does not. */
const portalPage =
  (path: (m: Muni, w: World) => string): Builder =>
  (w) =>
    perMuni(w, (m) => [{ path: path(m, w), kind: "page", expect: () => (inMuni(m) ? "ok" : "not-found") }]);
/** A portal list, searched down to this run's probes. */
const portalList = (section: string) =>
  portalPage((m, w) => `/m/${m.slug}/${section}?q=${encodeURIComponent(`Probe ${w.tag}`)}`);
const probesOf = (w: World, type: RecordType) => w.probes.filter((p) => p.type === type);
const slugOf = (w: World, id: string) => w.munis.find((m) => m.id === id)!.slug;

function recordRoutes(type: RecordType): Record<string, Builder> {
  const s = SEGMENT[type];
  const q = (w: World) => `q=${encodeURIComponent(`Probe ${w.tag}`)}`;
  return {
    [`/w/[slug]/${s.w}`]: (w) =>
      perMuni(w, (m) => [
        {
          path: `/w/${m.slug}/${s.w}?${q(w)}`,
          kind: "page",
          expect: (a) => page(a, inMuni(m) && member(a, m) && grantsIn(a.abilities.staff, "read", type, m)),
        },
      ]),
    [`/w/[slug]/${s.w}/new`]: (w) =>
      perMuni(w, (m) => [
        {
          path: `/w/${m.slug}/${s.w}/new`,
          kind: "page",
          expect: (a) => page(a, inMuni(m) && member(a, m) && canCreateIn(a.abilities.staff, type, m)),
        },
      ]),
    [`/w/[slug]/${s.w}/export`]: (w) =>
      perMuni(w, (m) => [
        {
          path: `/w/${m.slug}/${s.w}/export?${q(w)}`,
          kind: "file",
          expect: (a) => api(a, inMuni(m) && member(a, m) && grantsIn(a.abilities.staff, "export", type, m)),
        },
      ]),
    // Each probe under its own municipality, and under another one (same id, wrong tenant in the URL).
    [`/w/[slug]/${s.w}/[id]`]: (w) =>
      probesOf(w, type).flatMap((p) => {
        const own = w.munis.find((m) => m.id === p.municipalityId)!;
        const other = w.munis.find((m) => m.id !== p.municipalityId)!;
        return [
          {
            path: `/w/${own.slug}/${s.w}/${p.id}`,
            kind: "page" as const,
            shows: p,
            expect: (a: Account) => page(a, member(a, own) && canRead(a.abilities.staff, p)),
          },
          { path: `/w/${other.slug}/${s.w}/${p.id}`, kind: "page" as const, expect: (a: Account) => page(a, false) },
        ];
      }),
    [`/api/v1/${s.api}`]: (w) =>
      perMuni(w, (m) => [
        {
          path: `/api/v1/${s.api}?municipalityId=${m.id}&${q(w)}`,
          kind: "api",
          expect: (a) => (inMuni(m) ? api(a, true) : isUser(a) ? "ok" : "unauthorized"),
        },
      ]),
    [`/api/v1/${s.api}/[id]`]: (w) =>
      probesOf(w, type).map((p) => ({
        path: `/api/v1/${s.api}/${p.id}`,
        kind: "api",
        shows: p,
        expect: (a) => api(a, canRead(a.abilities.staff, p)),
      })),
    [`/api/public/v1/${s.api}`]: (w) =>
      perMuni(w, (m) => [
        { path: `/api/public/v1/${s.api}?municipalityId=${m.id}&${q(w)}`, kind: "api", expect: open },
      ]),
    [`/api/public/v1/${s.api}/[id]`]: (w) =>
      probesOf(w, type).map((p) => ({
        path: `/api/public/v1/${s.api}/${p.id}`,
        kind: "api",
        shows: p,
        expect: (a) => (canRead(a.abilities.public, p) ? "ok" : "not-found"),
      })),
  };
}

/** May use clips in this municipality: the policies give its Clip records (lib/data/clips.ts mayUseClips). */
const usesClips = (a: Account, m: { id: string }) =>
  a.abilities.staff.can("read", subject("Clip", { municipalityId: m.id }) as never);

function clipApiRoutes(): Record<string, Builder> {
  const ofMuni = (path: string) => (w: World) =>
    perMuni(w, (m) => [
      {
        // The list searched down to this run's probe clip (its name holds the run's tag).
        path: `${path}?municipalityId=${m.id}${path === "/api/v1/clips" ? `&q=${encodeURIComponent(`Probe clip ${w.tag}`)}` : ""}`,
        kind: "api" as const,
        expect: (a: Account) => api(a, usesClips(a, m)),
        ...(path === "/api/v1/clips" && inMuni(m)
          ? { shows: w.probes.find((p) => p.type === "Clip" && p.municipalityId === m.id) }
          : {}),
      },
    ]);
  const each =
    (type: "Clip" | "ClipRun", path: (id: string) => string, kind: "api" | "file", shows: boolean) => (w: World) =>
      w.probes
        .filter((p) => p.type === type)
        .map((p) => ({
          path: path(p.id),
          kind,
          ...(shows ? { shows: p } : {}),
          expect: (a: Account) => api(a, canRead(a.abilities.staff, p)),
        }));
  return {
    "/api/v1/clips": ofMuni("/api/v1/clips"),
    "/api/v1/clips/runs": ofMuni("/api/v1/clips/runs"),
    "/api/v1/clips/schema": ofMuni("/api/v1/clips/schema"),
    "/api/v1/clips/[id]": each("Clip", (id) => `/api/v1/clips/${id}`, "api", true),
    "/api/v1/clips/[id]/runs": each("Clip", (id) => `/api/v1/clips/${id}/runs`, "api", false),
    "/api/v1/clips/runs/[runId]": each("ClipRun", (id) => `/api/v1/clips/runs/${id}`, "api", false),
    "/api/v1/clips/runs/[runId]/result.csv": each(
      "ClipRun",
      (id) => `/api/v1/clips/runs/${id}/result.csv`,
      "file",
      false,
    ),
  };
}

/**
 * A request's photo bytes (issue 18). Staff routes: whoever may read the request and the photo
 * through their own groups in the municipality of the URL; anyone else — signed out too: an <img>
 * cannot follow a sign-in page — the same 404. Public routes: what the public group reads, a
 * published photo of a public request. The full picture of every photo; the thumbnail, and the
 * picture under another municipality's address, for the photos of the first municipality (the same
 * code answers them; the crawl keeps within its time).
 */
function photoRoutes(variant: "" | "/thumb"): Record<string, Builder> {
  const all = (w: World) => probesOf(w, "ServiceRequest").flatMap((p) => (p.photos ?? []).map((ph) => ({ p, ph })));
  const photosOf = (w: World) => (variant ? all(w).filter(({ p }) => p.municipalityId === w.munis[0]!.id) : all(w));
  const elsewhere = (w: World, p: Probe) => !variant && p.municipalityId === w.munis[0]!.id;
  return {
    [`/w/[slug]/requests/[id]/photos/[photoId]${variant}`]: (w) =>
      photosOf(w).flatMap(({ p, ph }) => {
        const own = w.munis.find((m) => m.id === p.municipalityId)!;
        const other = w.munis.find((m) => m.id !== p.municipalityId)!;
        return [
          {
            path: `/w/${own.slug}/requests/${p.id}/photos/${ph.id}${variant}`,
            kind: "file" as const,
            expect: (a: Account): Outcome =>
              isUser(a) && member(a, own) && canReadPhoto(a.abilities.staff, p, ph) ? "ok" : "not-found",
          },
          ...(!elsewhere(w, p)
            ? []
            : [
                {
                  path: `/w/${other.slug}/requests/${p.id}/photos/${ph.id}`,
                  kind: "file" as const,
                  expect: (): Outcome => "not-found",
                },
              ]),
        ];
      }),
    [`/m/[slug]/photos/[photoId]${variant}`]: (w) =>
      photosOf(w).flatMap(({ p, ph }) => {
        const other = w.munis.find((m) => m.id !== p.municipalityId)!;
        return [
          {
            path: `/m/${slugOf(w, p.municipalityId)}/photos/${ph.id}${variant}`,
            kind: "file" as const,
            expect: (a: Account): Outcome => (canReadPhoto(a.abilities.public, p, ph) ? "ok" : "not-found"),
          },
          ...(!elsewhere(w, p)
            ? []
            : [
                { path: `/m/${other.slug}/photos/${ph.id}`, kind: "file" as const, expect: (): Outcome => "not-found" },
              ]),
        ];
      }),
  };
}

/**
 * An admin page: for those who may see the municipality's staff, and (`alsoSubject`) `alsoAction` (read)
 * that too — with `{ municipalityId }`, or the attributes `attrs` gives (the Municipality row is `{ id }`).
 */
/** Admin routes that answer a file (an export, a template) rather than a page. */
const isFile = (sub: string) => sub.endsWith("export") || sub.endsWith("template");
const adminPage =
  (
    sub: string,
    alsoSubject?:
      "AuditEvent" | "Municipality" | "Department" | "ScimConnection" | "RequestTag" | "Service" | "AccessReview",
    attrs: (m: Muni) => Record<string, unknown> = (m) => ({ municipalityId: m.id }),
    alsoAction: "read" | "update" | "create" = "read",
  ): Builder =>
  (w) =>
    perMuni(w, (m) => [
      {
        path: `/admin/${m.slug}/${sub}`,
        kind: isFile(sub) ? "file" : "page",
        expect: (a) =>
          (isFile(sub) ? api : page)(
            a,
            inMuni(m) &&
              a.abilities.full.can("read", subject("Membership", { municipalityId: m.id }) as never) &&
              (!alsoSubject || a.abilities.full.can(alsoAction, subject(alsoSubject, attrs(m)) as never)),
          ),
      },
    ]);

/** The platform console opens to those whose policy lets them create municipalities (lib/data/platform-municipalities.ts). */
const inConsole = (a: Account) => a.abilities.full.can("create", subject("Municipality", {}) as never);
/** May read the platform-wide audit log (an AuditEvent rule beyond one municipality). */
const platformAudit = (a: Account) =>
  a.abilities.full.can("read", subject("AuditEvent", { municipalityId: null }) as never);
/** A platform console page: for console accounts that also hold `also`, "not found" for everyone else signed in. */
const platformPage =
  (path: string, also: (a: Account) => boolean = () => true): Builder =>
  () => [{ path, kind: "page", expect: (a) => page(a, inConsole(a) && also(a)) }];

/** May see the municipality's people and read (or change) its OIDC connection. */
function ssoAdmin(a: Account, m: Muni, action: "read" | "update"): boolean {
  const full = a.abilities.full;
  return (
    full.can("read", subject("Membership", { municipalityId: m.id }) as never) &&
    full.can(action, subject("SsoConnection", { municipalityId: m.id, protocol: "OIDC" }) as never)
  );
}

// ─── Issue 18's routes (citizens and casework) ─────────────────────────────────────────────
// Ready-made descriptions: when a route exists in the build, its CATALOG line is one of
//   "/m/[slug]/requests/[reference]": portalRequestPages,
//   "/m/[slug]/track/[token]": portalPage((m) => `/m/${m.slug}/track/${NO_TRACKING_TOKEN}`),
//   "/m/[slug]/photos/[photoId]": portalPhotos(""),
//   "/m/[slug]/photos/[photoId]/thumb": portalPhotos("/thumb"),
//   "/w/[slug]/requests/[id]/photos/[photoId]": staffPhotos(""),
//   "/w/[slug]/requests/[id]/photos/[photoId]/thumb": staffPhotos("/thumb"),
// Every page and file they answer is scanned for the probes' markers (./judge.ts), including
// those of a request's parts: timeline texts, photo ids, followers' addresses, tag labels and the
// exact coordinates.

/** A tracking link that was never issued: the same neutral page for everyone. */
export const NO_TRACKING_TOKEN = "not-a-real-tracking-token-0000000000000000000000";

/** The public page of each request probe, under its own municipality and another one. */
export const portalRequestPages: Builder = (w) =>
  probesOf(w, "ServiceRequest").flatMap((p) => {
    const own = w.munis.find((m) => m.id === p.municipalityId)!;
    const other = w.munis.find((m) => m.id !== p.municipalityId)!;
    const reference = encodeURIComponent(String(p.row.reference));
    return [
      {
        path: `/m/${own.slug}/requests/${reference}`,
        kind: "page" as const,
        shows: p,
        expect: (a: Account) => (canRead(a.abilities.public, p) ? "ok" : "not-found"),
      },
      { path: `/m/${other.slug}/requests/${reference}`, kind: "page" as const, expect: () => "not-found" as const },
    ];
  });

const photoProbes = (w: World) => w.probes.filter((p) => p.type === "RequestPhoto");

/** A photo's public bytes (or thumbnail): a published photo of a public request, for everyone; else not found. */
export const portalPhotos =
  (suffix: "" | "/thumb"): Builder =>
  (w) =>
    photoProbes(w).flatMap((p) => {
      const own = w.munis.find((m) => m.id === p.municipalityId)!;
      const other = w.munis.find((m) => m.id !== p.municipalityId)!;
      return [
        {
          path: `/m/${own.slug}/photos/${p.id}${suffix}`,
          kind: "file" as const,
          expect: (a: Account) => (canRead(a.abilities.public, p) ? "ok" : "not-found"),
        },
        { path: `/m/${other.slug}/photos/${p.id}${suffix}`, kind: "file" as const, expect: () => "not-found" as const },
      ];
    });

/** A photo's bytes in the workspace: staff of its municipality who may read its request and it. */
export const staffPhotos =
  (suffix: "" | "/thumb"): Builder =>
  (w) =>
    photoProbes(w).flatMap((p) => {
      const own = w.munis.find((m) => m.id === p.municipalityId)!;
      const request = p.parent!;
      const elsewhere = w.probes.find((x) => x.type === "ServiceRequest" && x.id !== request.id)!;
      return [
        {
          path: `/w/${own.slug}/requests/${request.id}/photos/${p.id}${suffix}`,
          kind: "file" as const,
          expect: (a: Account) =>
            api(a, member(a, own) && canRead(a.abilities.staff, request) && canRead(a.abilities.staff, p)),
        },
        // The photo under a request it does not belong to: not found for everyone.
        {
          path: `/w/${own.slug}/requests/${elsewhere.id}/photos/${p.id}${suffix}`,
          kind: "file" as const,
          expect: (a: Account) => api(a, false),
        },
      ];
    });

// ─── Issue 19's console routes (connected services) ────────────────────────────────────────
const serviceProbes = (w: World) => w.probes.filter((p) => p.type === "Service");
const readsService = (a: Account, p: Probe) => a.abilities.full.can("read", subject("Service", { ...p.row }) as never);
/** A service's page in its municipality's administration (another municipality's: not found), and in the platform console. */
const servicePages =
  (where: "admin" | "platform"): Builder =>
  (w) =>
    serviceProbes(w).flatMap((p) => {
      if (where === "platform")
        return [
          {
            path: `/platform/services/${p.id}`,
            kind: "page" as const,
            shows: p,
            expect: (a: Account) => page(a, inConsole(a) && readsService(a, p)),
          },
        ];
      const own = w.munis.find((m) => m.id === p.municipalityId)!;
      const other = w.munis.find((m) => m.id !== p.municipalityId)!;
      return [
        {
          path: `/admin/${own.slug}/services/${p.id}`,
          kind: "page" as const,
          shows: p,
          expect: (a: Account) =>
            page(
              a,
              a.abilities.full.can("read", subject("Membership", { municipalityId: own.id }) as never) &&
                readsService(a, p),
            ),
        },
        {
          path: `/admin/${other.slug}/services/${p.id}`,
          kind: "page" as const,
          expect: (a: Account) => page(a, false),
        },
      ];
    });

// ─── Issue 20's access reviews ───────────────────────────────────────────────────────────────
const reviewProbes = (w: World) => w.probes.filter((p) => p.type === "AccessReview");
const userIdOf = (a: Account) => (a.principal.kind === "user" ? a.principal.userId : null);
/** Runs the municipality's reviews: may see its staff and update its campaigns (a manager reviews from the workspace). */
const runsReviews = (a: Account, m: { id: string }) =>
  a.abilities.full.can("read", subject("Membership", { municipalityId: m.id }) as never) &&
  a.abilities.full.can("update", subject("AccessReview", { municipalityId: m.id }) as never);
/** May review people here: decide items assigned to them, never their own (the reviewer's pages). */
const reviewsHere = (a: Account, m: { id: string }) => {
  const me = userIdOf(a);
  return (
    !!me &&
    a.abilities.staff.can(
      "update",
      subject("AccessReviewItem", { municipalityId: m.id, reviewerId: me, userId: `not-${me}` }) as never,
    )
  );
};
/** Items of this campaign assigned to the account, not about themself, that they may read. */
const hasItemsIn = (a: Account, w: World, review: Probe) =>
  w.probes.some(
    (p) =>
      p.parent === review &&
      p.type === "AccessReviewItem" &&
      p.row.reviewerId === userIdOf(a) &&
      p.row.userId !== userIdOf(a) &&
      canRead(a.abilities.staff, p),
  );
/**
 * A campaign's administration page (or its report, its CSV): under its own municipality for those
 * who run reviews there and read it; under another municipality's slug "not found" for everyone.
 */
const reviewAdminPages =
  (suffix: "" | "/report" | "/report.csv"): Builder =>
  (w) =>
    reviewProbes(w).flatMap((p) => {
      const own = w.munis.find((m) => m.id === p.municipalityId)!;
      const other = w.munis.find((m) => m.id !== p.municipalityId)!;
      const file = suffix === "/report.csv";
      const answer = file ? api : page;
      return [
        {
          path: `/admin/${own.slug}/reviews/${p.id}${suffix}`,
          kind: file ? ("file" as const) : ("page" as const),
          ...(file ? {} : { shows: p }),
          expect: (a: Account) => answer(a, runsReviews(a, own) && canRead(a.abilities.full, p)),
        },
        {
          path: `/admin/${other.slug}/reviews/${p.id}${suffix}`,
          kind: file ? ("file" as const) : ("page" as const),
          expect: (a: Account) => answer(a, false),
        },
      ];
    });
/** A review's page in the workspace: its reviewer, with people assigned in it; else "not found". */
const reviewerPages: Builder = (w) =>
  reviewProbes(w).flatMap((p) => {
    const own = w.munis.find((m) => m.id === p.municipalityId)!;
    const other = w.munis.find((m) => m.id !== p.municipalityId)!;
    return [
      {
        path: `/w/${own.slug}/reviews/${p.id}`,
        kind: "page" as const,
        shows: p,
        expect: (a: Account) =>
          page(a, member(a, own) && reviewsHere(a, own) && canRead(a.abilities.staff, p) && hasItemsIn(a, w, p)),
      },
      { path: `/w/${other.slug}/reviews/${p.id}`, kind: "page" as const, expect: (a: Account) => page(a, false) },
    ];
  });
const reviewAdmin = (sub: string): Builder => adminPage(sub, "AccessReview", undefined, "update");

// ─── Issue 21's clips ────────────────────────────────────────────────────────────────────────
/**
 * A saved clip's pages (its page, its latest result) and a run's CSV: under the probe's own
 * municipality for members there who use clips and read the probe; under another municipality's
 * slug "not found" for everyone. The latest result sends the browser on to the clip's page.
 */
const clipPages =
  (type: "Clip" | "ClipRun", path: (slug: string, p: Probe) => string, kind: "page" | "latest" | "file"): Builder =>
  (w) =>
    w.probes
      .filter((p) => p.type === type)
      .flatMap((p) => {
        const own = w.munis.find((m) => m.id === p.municipalityId)!;
        const other = w.munis.find((m) => m.id !== p.municipalityId)!;
        const may = (a: Account) => member(a, own) && usesClips(a, own) && canRead(a.abilities.staff, p);
        const expect =
          kind === "file"
            ? (a: Account) => api(a, may(a))
            : kind === "latest"
              ? (a: Account) => (may(a) ? "elsewhere" : page(a, false))
              : (a: Account) => page(a, may(a));
        const k = kind === "file" ? ("file" as const) : ("page" as const);
        return [
          { path: path(own.slug, p), kind: k, ...(kind === "page" ? { shows: p } : {}), expect },
          {
            path: path(other.slug, p),
            kind: k,
            expect: (a: Account) => (kind === "file" ? api(a, false) : page(a, false)),
          },
        ];
      });

export const CATALOG: Record<string, Builder> = {
  "/w/[slug]/clips": (w) =>
    perMuni(w, (m) => [
      {
        path: `/w/${m.slug}/clips`,
        kind: "page",
        expect: (a) => page(a, inMuni(m) && member(a, m) && usesClips(a, m)),
      },
    ]),
  "/w/[slug]/clips/[clipId]": clipPages("Clip", (slug, p) => `/w/${slug}/clips/${p.id}`, "page"),
  "/w/[slug]/clips/[clipId]/latest": clipPages("Clip", (slug, p) => `/w/${slug}/clips/${p.id}/latest`, "latest"),
  "/w/[slug]/clips/runs/[runId]/result.csv": clipPages(
    "ClipRun",
    (slug, p) => `/w/${slug}/clips/runs/${p.id}/result.csv`,
    "file",
  ),
  "/admin/[slug]/reviews": reviewAdmin("reviews"),
  "/admin/[slug]/reviews/new": reviewAdmin("reviews/new"),
  "/admin/[slug]/reviews/schedules": reviewAdmin("reviews/schedules"),
  "/admin/[slug]/reviews/[id]": reviewAdminPages(""),
  "/admin/[slug]/reviews/[id]/report": reviewAdminPages("/report"),
  "/admin/[slug]/reviews/[id]/report.csv": reviewAdminPages("/report.csv"),
  "/w/[slug]/reviews": (w) =>
    perMuni(w, (m) => [
      {
        path: `/w/${m.slug}/reviews`,
        kind: "page",
        expect: (a) => page(a, inMuni(m) && member(a, m) && reviewsHere(a, m)),
      },
    ]),
  "/w/[slug]/reviews/[id]": reviewerPages,
  "/admin/[slug]/services": adminPage("services", "Service"),
  "/admin/[slug]/services/new": adminPage("services/new", "Service", undefined, "create"),
  "/admin/[slug]/services/[id]": servicePages("admin"),
  "/platform/services": platformPage("/platform/services", (a) =>
    a.abilities.full.can("read", subject("Service", { municipalityId: null }) as never),
  ),
  "/platform/services/new": platformPage("/platform/services/new"),
  "/platform/services/[id]": servicePages("platform"),
  "/platform": platformPage("/platform"),
  "/platform/municipalities": platformPage("/platform/municipalities?status=all"),
  "/platform/municipalities/new": platformPage("/platform/municipalities/new"),
  "/platform/municipalities/[slug]": (w) =>
    perMuni(w, (m) => [
      {
        path: `/platform/municipalities/${m.slug}`,
        kind: "page",
        expect: (a) =>
          page(
            a,
            inMuni(m) && inConsole(a) && a.abilities.full.can("read", subject("Municipality", { id: m.id }) as never),
          ),
      },
    ]),
  "/platform/people": platformPage("/platform/people", (a) =>
    a.abilities.full.can("read", subject("User", {}) as never),
  ),
  // An unknown person is "not found" for the console too.
  "/platform/people/[userId]": () => [
    { path: "/platform/people/no-such-person-0000000000", kind: "page", expect: (a) => page(a, false) },
  ],
  "/platform/grants": platformPage("/platform/grants"),
  "/platform/signing-keys": platformPage("/platform/signing-keys"),
  "/platform/policies": platformPage("/platform/policies"),
  "/platform/audit": platformPage("/platform/audit", platformAudit),
  "/platform/audit/export": () => [
    { path: "/platform/audit/export", kind: "file", expect: (a) => api(a, inConsole(a) && platformAudit(a)) },
  ],
  // One event of the platform log: its page for those who read the platform log and this event;
  // an event that does not exist is "not found" for everyone.
  "/platform/audit/[id]": (w) => [
    ...(w.auditEvents ?? []).map((e) => ({
      path: `/platform/audit/${e.seq}`,
      kind: "page" as const,
      expect: (a: Account) =>
        page(
          a,
          inConsole(a) &&
            platformAudit(a) &&
            a.abilities.full.can("read", subject("AuditEvent", { municipalityId: e.municipalityId }) as never),
        ),
    })),
    { path: "/platform/audit/999999999999", kind: "page", expect: (a) => page(a, false) },
  ],
  "/": () => [{ path: "/", kind: "page", expect: open }],
  "/signin": () => [{ path: "/signin", kind: "page", expect: open }],
  "/signin/refused": () => [{ path: "/signin/refused", kind: "page", expect: open }],
  // Finishing a sign-in (a partial session) or confirming one (step-up): a signed-out or
  // deactivated browser is sent to sign in; a complete session is told it is signed in.
  "/signin/verify": () => [{ path: "/signin/verify", kind: "page", expect: (a) => page(a, true) }],
  "/signin/enroll": () => [{ path: "/signin/enroll", kind: "page", expect: (a) => page(a, true) }],
  // Step-up: any signed-in person confirms it's them; everyone else is sent to sign in.
  "/signin/confirm": () => [{ path: "/signin/confirm?next=%2Faccount", kind: "page", expect: (a) => page(a, true) }],
  // After the first factor: a partial session is sent to finish it (e2e/auth-mfa.spec.ts), a
  // complete one on to where it was going, a signed-out browser to sign in.
  "/signin/continue": () => [
    { path: "/signin/continue?next=%2Fw", kind: "page", expect: (a) => (isUser(a) ? "elsewhere" : "sign-in") },
  ],
  // A connected service's sign-in (lib/services/oidc-interaction.ts): an interaction this browser
  // did not start says the sign-in expired, to everyone; its "Back to the service" sends that
  // browser back to the page.
  "/services/sign-in/[uid]": () => [{ path: "/services/sign-in/not-a-real-interaction", kind: "page", expect: open }],
  "/services/sign-in/[uid]/deny": () => [
    { path: "/services/sign-in/not-a-real-interaction/deny", kind: "page", expect: () => "elsewhere" },
  ],
  "/register": () => [{ path: "/register", kind: "page", expect: open }],
  // An unknown invitation link explains itself to everyone; it reveals nothing.
  "/invite/[token]": () => [
    { path: "/invite/not-a-real-invitation-token-0000000000000000", kind: "page", expect: open },
  ],
  "/account": () => [{ path: "/account", kind: "page", expect: (a) => page(a, true) }],
  // Self-service: open to everyone; an unknown link explains itself and reveals nothing.
  "/forgot-password": () => [{ path: "/forgot-password", kind: "page", expect: open }],
  "/reset-password/[token]": () => [
    { path: "/reset-password/not-a-real-reset-token-00000000000000000000000", kind: "page", expect: open },
  ],
  "/confirm-email/[token]": () => [
    { path: "/confirm-email/not-a-real-confirmation-token-000000000000000", kind: "page", expect: open },
  ],
  // The idle warning's question (how long this session has left): answered for anyone, about their own session only.
  "/api/session": () => [{ path: "/api/session", kind: "api", expect: open }],
  // One municipality: straight to it; none: the page says there is no active membership yet.
  // A citizen account has no workspace at all: "not found" (its home is /my).
  "/w": (w) => [
    { path: "/w", kind: "page", expect: (a) => (isCitizen(a) ? "not-found" : chooser(a, chosen(a, w), "ok")) },
  ],
  // Citizen accounts: sign-up is open; an unknown sign-up link explains itself and reveals nothing.
  "/citizens/sign-up": () => [{ path: "/citizens/sign-up", kind: "page", expect: open }],
  "/citizens/confirm/[token]": () => [
    { path: "/citizens/confirm/not-a-real-sign-up-token-0000000000000000000", kind: "page", expect: open },
  ],
  // My reports: a citizen account's own page; other signed-in people get "not found".
  "/my": (w) => [
    {
      path: "/my",
      kind: "page",
      shows: w.probes.find((p) => p.row.reporterUserId),
      expect: (a) => page(a, isCitizen(a)),
    },
  ],
  // One of a citizen's own reports (public or not): its reporter only; under another
  // municipality's slug, or a reference that does not exist, "not found" for everyone.
  "/my/reports/[slug]/[reference]": (w) => [
    ...w.probes
      .filter((p) => p.type === "ServiceRequest" && p.row.reporterUserId)
      .flatMap((p) => {
        const other = w.munis.find((m) => m.id !== p.municipalityId)!;
        const own = (a: Account) =>
          isCitizen(a) && a.principal.kind === "user" && a.principal.userId === p.row.reporterUserId;
        return [
          {
            path: `/my/reports/${slugOf(w, p.municipalityId)}/${String(p.row.reference)}`,
            kind: "page" as const,
            shows: p,
            expect: (a: Account) => page(a, own(a)),
          },
          {
            path: `/my/reports/${other.slug}/${String(p.row.reference)}`,
            kind: "page" as const,
            expect: (a: Account) => page(a, false),
          },
        ];
      }),
    { path: "/my/reports/riverton/NO-SUCH-00000", kind: "page", expect: (a) => page(a, false) },
  ],
  "/w/[slug]": (w) =>
    perMuni(w, (m) => [{ path: `/w/${m.slug}`, kind: "page", expect: (a) => page(a, inMuni(m) && member(a, m)) }]),
  "/w/[slug]/stats": (w) =>
    perMuni(w, (m) => [
      {
        path: `/w/${m.slug}/stats`,
        kind: "page",
        expect: (a) =>
          page(
            a,
            inMuni(m) &&
              member(a, m) &&
              a.abilities.staff.can(
                "read",
                subject("Statistics", { municipalityId: m.id, scope: "internal" }) as never,
              ),
          ),
      },
    ]),
  ...recordRoutes("ServiceRequest"),
  // A request's timeline through the API: the request's own reach decides; the entries shown are
  // those of the token's RequestEvent rules (leak markers: internal notes and public comments).
  "/api/v1/service-requests/[id]/events": (w) =>
    probesOf(w, "ServiceRequest").map((p) => ({
      // Entries, not the record: its title is not expected in the answer.
      path: `/api/v1/service-requests/${p.id}/events`,
      kind: "api",
      expect: (a) => api(a, canRead(a.abilities.staff, p)),
    })),
  ...recordRoutes("HeritageSite"),
  ...recordRoutes("Document"),
  ...photoRoutes(""),
  ...photoRoutes("/thumb"),
  // The public portal: the same for everyone, through the public group only.
  "/m/[slug]": portalPage((m) => `/m/${m.slug}`),
  "/m/[slug]/requests": portalList("requests"),
  "/m/[slug]/requests/new": portalPage((m) => `/m/${m.slug}/requests/new`),
  "/m/[slug]/heritage": portalList("heritage"),
  "/m/[slug]/documents": portalList("documents"),
  "/m/[slug]/stats": (w) =>
    perMuni(w, (m) => [
      {
        path: `/m/${m.slug}/stats`,
        kind: "page",
        expect: (a) =>
          inMuni(m) &&
          a.abilities.public.can("read", subject("Statistics", { municipalityId: m.id, scope: "public" }) as never)
            ? "ok"
            : "not-found",
      },
    ]),
  "/m/[slug]/documents/[id]": (w) =>
    probesOf(w, "Document").flatMap((p) => {
      const other = w.munis.find((m) => m.id !== p.municipalityId)!;
      return [
        {
          path: `/m/${slugOf(w, p.municipalityId)}/documents/${p.id}`,
          kind: "page" as const,
          shows: p,
          expect: (a: Account) => (canRead(a.abilities.public, p) ? "ok" : "not-found"),
        },
        { path: `/m/${other.slug}/documents/${p.id}`, kind: "page" as const, expect: () => "not-found" },
      ];
    }),
  // A request's public page by its reference: through the public group only; another municipality's
  // slug or a request the public may not read is "not found".
  "/m/[slug]/requests/[reference]": (w) =>
    probesOf(w, "ServiceRequest").flatMap((p) => {
      const other = w.munis.find((m) => m.id !== p.municipalityId)!;
      const ref = encodeURIComponent(String(p.row.reference));
      return [
        {
          path: `/m/${slugOf(w, p.municipalityId)}/requests/${ref}`,
          kind: "page" as const,
          shows: p,
          expect: (a: Account) => (canRead(a.abilities.public, p) ? "ok" : "not-found"),
        },
        // Under another municipality's slug: tried with the public ones (the others are hidden twice).
        ...(p.row.isPublic === true
          ? [{ path: `/m/${other.slug}/requests/${ref}`, kind: "page" as const, expect: (): Outcome => "not-found" }]
          : []),
      ];
    }),
  // A tracking link that opens nothing (wrong, expired, another municipality's) is the same neutral
  // "not found" for everyone; e2e/tracking.spec.ts follows a real one.
  "/m/[slug]/track/[token]": (w) =>
    perMuni(w, (m) => [{ path: `/m/${m.slug}/track/${"A".repeat(43)}`, kind: "page", expect: () => "not-found" }]),
  "/m/[slug]/track/[token]/unsubscribe": (w) =>
    perMuni(w, (m) => [
      { path: `/m/${m.slug}/track/${"A".repeat(43)}/unsubscribe`, kind: "page", expect: () => "not-found" },
    ]),
  // The administration chooser: the municipalities whose people the account may see.
  "/admin": (w) => [
    { path: "/admin", kind: "page", expect: (a) => chooser(a, chosen(a, w, administers(a)), "not-found") },
  ],
  "/admin/[slug]/people": adminPage("people"),
  "/admin/[slug]/approvals": adminPage("approvals"),
  "/admin/[slug]/invitations": adminPage("invitations"),
  // The bulk invitation template: a file for whoever may open the invitations page.
  "/admin/[slug]/invitations/template": adminPage("invitations/template"),
  "/admin/[slug]/outbox": adminPage("outbox"),
  // The audit log is AuditEvent data: the staff list's readers (a manager) get "not found".
  "/admin/[slug]/audit": adminPage("audit", "AuditEvent"),
  "/admin/[slug]/audit/export": adminPage("audit/export", "AuditEvent"),
  // One event: in its own municipality's log for its audit readers; under another municipality's
  // slug (or an event that does not exist) "not found" for everyone.
  "/admin/[slug]/audit/[id]": (w) => [
    ...(w.auditEvents ?? []).flatMap((e) => {
      const own = w.munis.find((m) => m.id === e.municipalityId)!;
      const other = w.munis.find((m) => m.id !== e.municipalityId)!;
      const allowed = (a: Account) =>
        a.abilities.full.can("read", subject("Membership", { municipalityId: e.municipalityId }) as never) &&
        a.abilities.full.can("read", subject("AuditEvent", { municipalityId: e.municipalityId }) as never);
      return [
        {
          path: `/admin/${own.slug}/audit/${e.seq}`,
          kind: "page" as const,
          expect: (a: Account) => page(a, allowed(a)),
        },
        { path: `/admin/${other.slug}/audit/${e.seq}`, kind: "page" as const, expect: (a: Account) => page(a, false) },
      ];
    }),
    ...perMuni(w, (m) => [
      { path: `/admin/${m.slug}/audit/999999999999`, kind: "page" as const, expect: (a: Account) => page(a, false) },
    ]),
  ],
  "/admin/[slug]/policies": adminPage("policies"),
  // The SSO console: for those who may see the municipality's people and read its connections
  // (platform admins, superusers, its own admin); the try-sign-in callback for those who may change
  // them, which without a try in progress sends the browser back to the console.
  "/admin/[slug]/sso": (w) =>
    perMuni(w, (m) => [
      { path: `/admin/${m.slug}/sso`, kind: "page", expect: (a) => page(a, inMuni(m) && ssoAdmin(a, m, "read")) },
    ]),
  "/admin/[slug]/sso/callback": (w) =>
    perMuni(w, (m) => [
      {
        path: `/admin/${m.slug}/sso/callback?code=probe&state=probe`,
        kind: "file",
        expect: (a) => (!isUser(a) ? "sign-in" : inMuni(m) && ssoAdmin(a, m, "update") ? "elsewhere" : "not-found"),
      },
    ]),
  // Settings: those who may see the staff and read the municipality itself (a manager: not found).
  "/admin/[slug]/settings": adminPage("settings", "Municipality", (m) => ({ id: m.id })),
  "/admin/[slug]/departments": adminPage("departments", "Department"),
  // The municipality's request tags: those who may see its people and read its tags.
  "/admin/[slug]/tags": adminPage("tags", "RequestTag"),
  "/admin/[slug]/departments/[id]": (w) =>
    w.departments.flatMap((d) => {
      const own = w.munis.find((m) => m.id === d.municipalityId)!;
      const other = w.munis.find((m) => m.id !== d.municipalityId)!;
      const allowed = (a: Account) =>
        a.abilities.full.can("read", subject("Membership", { municipalityId: d.municipalityId }) as never) &&
        a.abilities.full.can("read", subject("Department", { id: d.id, municipalityId: d.municipalityId }) as never);
      return [
        {
          path: `/admin/${own.slug}/departments/${d.id}`,
          kind: "page" as const,
          expect: (a: Account) => page(a, allowed(a)),
        },
        {
          path: `/admin/${other.slug}/departments/${d.id}`,
          kind: "page" as const,
          expect: (a: Account) => page(a, false),
        },
      ];
    }),
  // Directory sync: for those who may see the staff and manage the municipality's SCIM connection.
  "/admin/[slug]/directory": adminPage("directory", "ScimConnection", undefined, "update"),
  // SCIM answers only its directory's bearer token: a session cookie (any account) is a 401.
  "/scim/v2/[slug]/[[...path]]": (w) =>
    perMuni(w, (m) =>
      ["Users", "Groups", "ServiceProviderConfig"].map((r) => ({
        path: `/scim/v2/${m.slug}/${r}`,
        kind: "api" as const,
        expect: (): Outcome => "unauthorized",
      })),
    ),
  // AuthZEN answers only a connected service's HTTP Basic credentials: a session cookie (any account) is a 401.
  ...Object.fromEntries(
    ["evaluation", "evaluations", "search/subject", "search/resource", "search/action"].map((e): [string, Builder] => [
      `/access/v1/${e}`,
      () => [{ path: `/access/v1/${e}`, kind: "api", expect: (): Outcome => "unauthorized" }],
    ]),
  ),
  "/.well-known/authzen-configuration": () => [
    { path: "/.well-known/authzen-configuration", kind: "api", expect: open },
  ],
  // The SAML connection: people who manage the municipality's SsoConnection (its own admins,
  // platform admins); anyone else "not found", like a record out of reach.
  "/admin/[slug]/sso/saml": (w) =>
    perMuni(w, (m) => [
      {
        path: `/admin/${m.slug}/sso/saml`,
        kind: "page",
        expect: (a) => {
          const s = subject("SsoConnection", { municipalityId: m.id, protocol: "SAML" }) as never;
          return page(
            a,
            inMuni(m) &&
              a.abilities.full.can("read", subject("Membership", { municipalityId: m.id }) as never) &&
              (["read", "update", "create"] as const).every((act) => a.abilities.full.can(act, s)),
          );
        },
      },
    ]),
  // SAML sign-in routes: public by nature. SP metadata for a municipality that exists; the login
  // start (no enabled connection in this world) and a GET of the ACS send the browser to sign in.
  "/api/saml/[slug]/metadata": (w) =>
    perMuni(w, (m) => [
      { path: `/api/saml/${m.slug}/metadata`, kind: "file", expect: () => (inMuni(m) ? "ok" : "not-found") },
    ]),
  "/api/saml/[slug]/login": (w) =>
    perMuni(w, (m) => [{ path: `/api/saml/${m.slug}/login?next=%2Fw`, kind: "api", expect: () => "sign-in" }]),
  "/api/saml/[slug]/acs": (w) =>
    perMuni(w, (m) => [{ path: `/api/saml/${m.slug}/acs`, kind: "api", expect: () => "sign-in" }]),
  // Where a SAML sign-in redeems its ticket (from the fragment, in the browser): the same page for everyone.
  "/signin/saml": () => [{ path: "/signin/saml", kind: "page", expect: open }],
  "/admin/[slug]/people/[membershipId]": (w) =>
    w.memberships.flatMap((ms) => {
      const own = w.munis.find((m) => m.id === ms.municipalityId)!;
      const other = w.munis.find((m) => m.id !== ms.municipalityId)!;
      const allowed = (a: Account) =>
        a.abilities.full.can("read", subject("Membership", { id: ms.id, municipalityId: ms.municipalityId }) as never);
      return [
        {
          path: `/admin/${own.slug}/people/${ms.id}`,
          kind: "page" as const,
          expect: (a: Account) => page(a, allowed(a)),
        },
        { path: `/admin/${other.slug}/people/${ms.id}`, kind: "page" as const, expect: (a: Account) => page(a, false) },
      ];
    }),
  // Clips through the API (issue 21): whoever the policies give this municipality's clips (the
  // clips group; a superuser); a saved clip or run by its own reach. Bodies carry the probes' markers.
  ...clipApiRoutes(),
  "/api/v1/me": () => [{ path: "/api/v1/me", kind: "api", expect: (a) => api(a, true) }],
  "/api/v1/openapi.json": () => [{ path: "/api/v1/openapi.json", kind: "api", expect: open }],
  "/api/v1/statistics/[municipalityId]": (w) =>
    perMuni(w, (m) => [
      {
        path: `/api/v1/statistics/${m.id}`,
        kind: "api",
        expect: (a) =>
          api(
            a,
            inMuni(m) &&
              a.abilities.staff.can(
                "read",
                subject("Statistics", { municipalityId: m.id, scope: "internal" }) as never,
              ),
          ),
      },
    ]),
  "/api/public/v1/statistics/[municipalityId]": (w) =>
    perMuni(w, (m) => [
      {
        path: `/api/public/v1/statistics/${m.id}`,
        kind: "api",
        expect: (a) =>
          inMuni(m) &&
          a.abilities.public.can("read", subject("Statistics", { municipalityId: m.id, scope: "public" }) as never)
            ? "ok"
            : "not-found",
      },
    ]),
  // The site's icons and the advice to crawlers (app/favicon.ico, app/icon.svg, app/robots.ts): files for everyone.
  "/favicon.ico": () => [{ path: "/favicon.ico", kind: "file", expect: open }],
  "/icon.svg": () => [{ path: "/icon.svg", kind: "file", expect: open }],
  "/robots.txt": () => [{ path: "/robots.txt", kind: "file", expect: open }],
  // Operations (lib/ops): health and readiness for load balancers, for anyone; the metrics only for
  // the scraper's token (METRICS_TOKEN, set by e2e/global-setup.ts) — a session cookie (any account) is a 401.
  "/healthz": () => [{ path: "/healthz", kind: "api", expect: open }],
  "/readyz": () => [{ path: "/readyz", kind: "api", expect: open }],
  "/metrics": () => [{ path: "/metrics", kind: "api", expect: (): Outcome => "unauthorized" }],
  // next-auth's own endpoints: what the browser client reads. They must not say more than "who am I".
  "/api/auth/[...nextauth]": () =>
    ["/api/auth/providers", "/api/auth/csrf", "/api/auth/session"].map((p) => ({
      path: p,
      kind: "api" as const,
      expect: open,
    })),
};
