// The opening of every administration page of access reviews: the municipality in the caller's
// reach (else "not found"), and only for those who run its reviews (may update its campaigns) —
// a manager, who reads campaigns only to review their own people, reviews from the workspace.
import { notFound } from "next/navigation";
import { requireAdminPage } from "@/lib/people/admin-scope";
import { mayRunReviews } from "@/lib/pages/access-reviews";

export async function requireReviewAdmin(slug: string) {
  const scope = await requireAdminPage(slug);
  if (!mayRunReviews(scope.viewer, scope.muni.id)) notFound();
  return { ...scope, base: `/admin/${slug}/reviews` };
}
