import Link from "next/link";
import type { Metadata } from "next";
import { WorkspacePageHeader } from "@/app/_components/workspace-page-header";
import { notFound } from "next/navigation";
import { requireWorkspacePage } from "@/lib/pages/scope";
import { mayReviewHere, myOpenReviews } from "@/lib/pages/access-reviews";
import { Empty } from "@/app/_components/pager";
import { day, ProgressBar } from "@/app/_components/reviews/review-parts";

export const metadata: Metadata = { title: "Access reviews" };

/** The reviewer's start: the open campaigns with people for them to review here, soonest due first. */
export default async function MyReviewsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { viewer, ws } = await requireWorkspacePage(slug);
  if (!mayReviewHere(viewer, ws.municipality.id)) notFound();
  const reviews = await myOpenReviews(viewer, ws.municipality.id);
  return (
    <div className="space-y-6">
      <WorkspacePageHeader slug={slug} name={ws.municipality.name} title="Access reviews">
        <p className="max-w-3xl text-slate-600">
          You are asked whether the people below still need the access they have. Confirm it, remove some groups, or
          revoke it; your decision takes effect at once.
        </p>
      </WorkspacePageHeader>
      {reviews.length === 0 ? (
        <Empty>
          <p>Nobody is waiting for your review. When an admin starts a review with people for you, it appears here.</p>
        </Empty>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2">
          {reviews.map((r) => (
            <li key={r.id} className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
              <h2 className="font-semibold">
                <Link href={`/w/${slug}/reviews/${r.id}`} className="text-brand-700 underline">
                  {r.name}
                </Link>
              </h2>
              <p className="text-sm text-slate-700">
                Due {day(r.dueAt)} · {r.total - r.decided} of {r.total} still to decide
              </p>
              <ProgressBar decided={r.decided} total={r.total} label={`Your progress in ${r.name}`} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
