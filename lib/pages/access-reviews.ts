// What the access-review pages read from their URL (issue 20): the campaign list's and an item
// list's filters parsed by the schemas of lib/schemas/access-reviews.ts (a filter that is not
// valid is a ValidationError naming it, which the page shows in place of the list), and the
// campaign of a page checked against the municipality in its address — lib/data finds a campaign
// by id within the viewer's reach, the page also insists it is this municipality's, so another
// municipality's campaign under this slug is "not found" for everyone.
import "server-only";
import type { z } from "zod";
import { listReviewItems, listReviews, myReviewItems, reviewFor } from "@/lib/data/access-reviews";
import { NotFoundError, ValidationError } from "@/lib/errors";
import type { Viewer } from "@/lib/identity/viewer";
import { subjectOf } from "@/lib/policy/casl";
import { reviewItemsQuery, reviewListQuery } from "@/lib/schemas/access-reviews";

/** The keys each list reads from its URL. */
export const REVIEW_LIST_KEYS = ["q", "status", "sort", "dir", "page", "pageSize"] as const;
export const REVIEW_ITEM_KEYS = ["q", "state", "sort", "dir", "page", "pageSize"] as const;

// Called inside the async list readers, so a bad filter rejects their promise (which the page
// shows) rather than throwing before the page can catch it.
function parsed<S extends z.ZodType>(schema: S, params: Record<string, string | undefined>): z.output<S> {
  const r = schema.safeParse(params);
  if (!r.success) throw new ValidationError(r.error.issues[0]?.message ?? "Some filters are not valid.");
  return r.data;
}

/** Whether the viewer runs this municipality's access reviews (starts, closes, reassigns, schedules). */
export function mayRunReviews(viewer: Viewer, municipalityId: string): boolean {
  return viewer.ability.can("update", subjectOf("AccessReview", { municipalityId }));
}

/** The municipality's campaigns as the URL filters them. */
export async function reviewsFromUrl(
  viewer: Viewer,
  municipalityId: string,
  params: Record<string, string | undefined>,
) {
  return listReviews(viewer, municipalityId, parsed(reviewListQuery, params));
}

/** One campaign of this municipality with its progress, or "not found". */
export async function reviewOfMunicipality(viewer: Viewer, municipalityId: string, id: string) {
  const review = await reviewFor(viewer, id);
  if (review.municipalityId !== municipalityId) throw new NotFoundError();
  return review;
}

/** The people of one campaign as the URL filters them (the campaign already checked). */
export async function reviewItemsFromUrl(viewer: Viewer, reviewId: string, params: Record<string, string | undefined>) {
  return listReviewItems(viewer, reviewId, parsed(reviewItemsQuery, params));
}

/** The people assigned to the viewer in one campaign (or all), as the URL filters them. */
export async function myItemsFromUrl(
  viewer: Viewer,
  municipalityId: string,
  params: Record<string, string | undefined>,
  reviewId?: string,
) {
  return myReviewItems(viewer, municipalityId, parsed(reviewItemsQuery, params), reviewId);
}

/**
 * The open campaigns in which the viewer has people to review here, with their counts and due
 * dates (the reviewer's start page and the workspace tab, which shows only when there is one).
 */
export async function myOpenReviews(viewer: Viewer, municipalityId: string) {
  const items = await myReviewItems(viewer, municipalityId, { state: "all", pageSize: 100_000 });
  const byReview = new Map<string, { id: string; name: string; dueAt: Date; total: number; decided: number }>();
  for (const i of items.rows) {
    if (i.reviewStatus !== "OPEN") continue;
    const r = byReview.get(i.reviewId) ?? { id: i.reviewId, name: i.reviewName, dueAt: i.dueAt, total: 0, decided: 0 };
    r.total += 1;
    if (i.outcome) r.decided += 1;
    byReview.set(i.reviewId, r);
  }
  return [...byReview.values()].sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.name.localeCompare(b.name));
}

/**
 * Whether the viewer's policy lets them review people here (decide items assigned to them, never
 * their own): the reviewer's pages are "not found" for everyone else, like any page out of reach.
 */
export function mayReviewHere(viewer: Viewer, municipalityId: string): boolean {
  if (viewer.principal.kind !== "user") return false;
  const me = viewer.principal.userId;
  return viewer.ability.can(
    "update",
    subjectOf("AccessReviewItem", { municipalityId, reviewerId: me, userId: `not-${me}` }),
  );
}
