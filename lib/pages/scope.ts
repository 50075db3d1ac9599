// Pages answer "not found" for anything outside the viewer's reach, exactly like the API: one
// place turns lib's NotFoundError into Next's 404 page, one loads a workspace page's scope.
import "server-only";
import { cache } from "react";
import { notFound } from "next/navigation";
import { getPrincipal, getStaffViewer, requireUser } from "@/lib/auth/current-session";
import { workspaceFor, type Workspace } from "@/lib/data/workspace";
import { assertPlatformConsole } from "@/lib/data/platform-municipalities";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { mayReviewHere, myOpenReviews } from "./access-reviews";

/** The result of `work`, or Next's 404 page when it is outside the viewer's reach. */
export async function orNotFound<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (e) {
    if (e instanceof NotFoundError) notFound();
    throw e;
  }
}

/** One lookup per request for the page and the workspace layout's navigation (the same viewer object). */
const workspaceOf = cache((viewer: Awaited<ReturnType<typeof getStaffViewer>>, slug: string) =>
  workspaceFor(viewer, slug),
);

/**
 * For workspace pages: the signed-in person's staff viewer (own groups only) and the
 * municipality's workspace. Not a member there, or (with `link`) no access to that part of it —
 * an analyst asking for the request list, say — is "not found", not an empty page.
 */
export async function requireWorkspacePage(slug: string, link?: keyof Workspace["links"]) {
  const { staffViewer: viewer } = await requireUser();
  const ws = await orNotFound(workspaceOf(viewer, slug));
  if (link && !ws.links[link]) notFound();
  return { viewer, ws };
}

/**
 * For pages whose query the visitor typed (filters, dates, a page number): the result of `work`,
 * or `{ invalid }` with the ValidationError's message for the page to show in place of the list;
 * outside the viewer's reach is Next's 404 page, as with orNotFound.
 */
export async function orInvalid<T>(work: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; invalid: string }> {
  try {
    return { ok: true, value: await orNotFound(work) };
  } catch (e) {
    if (e instanceof ValidationError) return { ok: false, invalid: e.message };
    throw e;
  }
}

/** For /platform pages: the signed-in person's viewer, when their policy opens the console; else Next's 404 page. */
export async function requirePlatformPage() {
  const { viewer, principal } = await requireUser();
  await orNotFound(Promise.resolve().then(() => assertPlatformConsole(viewer)));
  return { viewer, principal };
}

/** The workspace's sections in the order its navigation shows them (lib/data/workspace.ts decides which). */
const WORKSPACE_TABS = {
  overview: { path: "", text: "Overview" },
  requests: { path: "/requests", text: "Service requests" },
  // The operator's "assigned to me" rule, as a view of the request list (issue 18).
  mine: { path: "/requests?assignee=me", text: "Assigned to me" },
  heritage: { path: "/heritage", text: "Heritage sites" },
  documents: { path: "/documents", text: "Documents" },
  statistics: { path: "/stats", text: "Statistics" },
  clips: { path: "/clips", text: "Clips" },
} as const satisfies Partial<Record<keyof Workspace["links"] | "overview" | "mine", { path: string; text: string }>>;

/**
 * For the workspace's navigation: the municipality's name and the tabs the person may open, from
 * the same links `requireWorkspacePage` checks; null when they are not signed in or not a member
 * (the page itself then answers).
 */
export async function workspaceNav(slug: string) {
  if ((await getPrincipal()).kind !== "user") return null;
  const viewer = await getStaffViewer();
  const ws = await workspaceOf(viewer, slug).catch((e: unknown) => {
    if (e instanceof NotFoundError) return null;
    throw e;
  });
  if (!ws) return null;
  const tabs: (readonly [key: string, href: string, text: string])[] = (
    Object.keys(WORKSPACE_TABS) as (keyof typeof WORKSPACE_TABS)[]
  )
    .filter((key) => key === "overview" || ws.links[key === "mine" ? "requests" : key])
    .map((key) => [key, `/w/${slug}${WORKSPACE_TABS[key].path}`, WORKSPACE_TABS[key].text] as const);
  // Access reviews (issue 20): only while an open campaign has people for them to review here.
  const id = ws.municipality.id;
  if (mayReviewHere(viewer, id) && (await myOpenReviews(viewer, id)).length > 0)
    tabs.push(["reviews", `/w/${slug}/reviews`, "Access reviews"]);
  return { name: ws.municipality.name, tabs };
}
