import type { Metadata } from "next";
import Link from "next/link";
import { firstValues } from "@/lib/http/search-params";
import { orInvalid, orNotFound } from "@/lib/pages/scope";
import { REVIEW_ITEM_KEYS, reviewItemsFromUrl, reviewOfMunicipality } from "@/lib/pages/access-reviews";
import { reviewerChoices } from "@/lib/data/access-reviews";
import { Breadcrumbs } from "@/app/_components/breadcrumbs";
import { Badge } from "@/app/_components/badge";
import { FilterBar } from "@/app/_components/filter-bar";
import { clearFiltersHref, Empty, InvalidQuery, Pager } from "@/app/_components/pager";
import { SimpleTable } from "@/app/_components/simple-table";
import { TitledSection } from "@/app/_components/titled-section";
import { day, GroupList, moment, OutcomeBadge, ProgressBar, who } from "@/app/_components/reviews/review-parts";
import { AdminNav } from "../../admin-nav";
import { requireReviewAdmin } from "../review-scope";
import { CloseReviewForm, ReassignForm } from "../review-forms";

export const metadata: Metadata = { title: "Access review" };

type Props = {
  params: Promise<{ slug: string; id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function ReviewPage({ params, searchParams }: Props) {
  const { slug, id } = await params;
  const { viewer, muni, base } = await requireReviewAdmin(slug);
  const review = await orNotFound(reviewOfMunicipality(viewer, muni.id, id));
  const sp = firstValues(await searchParams, REVIEW_ITEM_KEYS);
  const [listed, reviewers] = await Promise.all([
    orInvalid(reviewItemsFromUrl(viewer, review.id, sp)),
    review.status === "OPEN" && review.canManage ? reviewerChoices(viewer, muni.id) : Promise.resolve([]),
  ]);
  const here = `${base}/${review.id}`;
  const choices = reviewers.map((r) => ({ value: r.id, label: r.label }));
  const open = review.status === "OPEN";
  return (
    <div className="space-y-6">
      <AdminNav slug={slug} name={muni.name} current="reviews" />
      <Breadcrumbs trail={[[base, "Access reviews"]]} current={review.name} />
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold text-brand-900">{review.name}</h1>
          <p className="text-sm text-slate-600">
            <Badge tone={open ? "info" : "neutral"}>{review.statusLabel}</Badge>{" "}
            {review.groupLabel ? `${review.scopeLabel}: ${review.groupLabel}` : review.scopeLabel} · due{" "}
            {day(review.dueAt)} · if undecided: {review.undecidedRuleLabel.toLowerCase()} · started{" "}
            {day(review.createdAt)}{" "}
            {review.startedBy
              ? `by ${who(review.startedBy)}`
              : review.scheduleName
                ? `by the schedule “${review.scheduleName}”`
                : ""}
            {review.closedAt && ` · closed ${moment(review.closedAt)}`}
          </p>
        </div>
        <div className="flex flex-wrap gap-2 text-sm">
          <Link href={`${here}/report`} prefetch={false} className="rounded-md border border-slate-300 px-3 py-1.5">
            Report
          </Link>
          <a href={`${here}/report.csv`} className="rounded-md border border-slate-300 px-3 py-1.5" download>
            Report as CSV
          </a>
        </div>
      </div>

      <TitledSection id="progress-h" title="Progress">
        <ProgressBar decided={review.progress.decided} total={review.progress.total} label="Progress of the review" />
        {review.progress.byReviewer.length > 0 && (
          <SimpleTable caption="Progress per reviewer" headers={["Reviewer", "Progress"]} look="plain">
            {review.progress.byReviewer.map((r) => (
              <tr key={r.reviewer.id} className="border-t border-slate-100">
                <td className="py-2 pr-3">{who(r.reviewer)}</td>
                <td className="py-2">
                  <ProgressBar decided={r.decided} total={r.total} label={`Progress of ${who(r.reviewer)}`} />
                </td>
              </tr>
            ))}
          </SimpleTable>
        )}
        {review.progress.byOutcome.length > 0 && (
          <p className="text-sm text-slate-700">
            {review.progress.byOutcome.map((o) => `${o.label}: ${o.count}`).join(" · ")}
          </p>
        )}
      </TitledSection>

      <TitledSection id="people-h" title="People under review">
        <FilterBar
          ariaLabel="Filter the people"
          resetHref={here}
          values={sp}
          filters={[
            { kind: "search", name: "q", label: "Name or email" },
            {
              kind: "select",
              name: "state",
              label: "Show",
              anyLabel: "Everyone",
              options: [
                ["undecided", "Not decided yet"],
                ["decided", "Decided"],
              ],
            },
            {
              kind: "select",
              name: "sort",
              label: "Sort by",
              anyLabel: "Name",
              options: [
                ["reviewer", "Reviewer"],
                ["decidedAt", "Decision date"],
              ],
            },
          ]}
        />
        {!listed.ok ? (
          <InvalidQuery message={listed.invalid} />
        ) : listed.value.rows.length === 0 ? (
          <Empty clearHref={clearFiltersHref(here, sp, ["q", "state"])}>
            <p>Nobody is under review in this campaign: nobody held the reviewed groups when it started.</p>
          </Empty>
        ) : (
          <>
            <SimpleTable
              caption="People under review"
              headers={["Person", "Groups under review", "Reviewer", "Decision"]}
              look="plain"
            >
              {listed.value.rows.map((i) => (
                <tr key={i.id} className="border-t border-slate-100 align-top">
                  <td className="py-2 pr-3">
                    <Link href={`/admin/${slug}/people/${i.membershipId}`} className="text-brand-700 underline">
                      {who(i.person)}
                    </Link>
                    {i.person.name && <span className="block text-xs text-slate-600">{i.person.email}</span>}
                  </td>
                  <td className="py-2 pr-3">
                    <GroupList groups={i.groups} />
                  </td>
                  <td className="py-2 pr-3">
                    {open && !i.outcome && choices.some((c) => c.value !== i.person.id) ? (
                      <ReassignForm
                        slug={slug}
                        reviewId={review.id}
                        itemId={i.id}
                        person={who(i.person)}
                        current={i.reviewer.id}
                        reviewers={choices.filter((c) => c.value !== i.person.id)}
                      />
                    ) : (
                      who(i.reviewer)
                    )}
                  </td>
                  <td className="py-2">
                    <OutcomeBadge outcome={i.outcome} label={i.outcomeLabel} />
                    {i.decision === "CHANGE" && (
                      <span className="mt-1 block text-xs">
                        Kept: {i.keptGroups.map((g) => g.label).join(", ") || "none"}
                      </span>
                    )}
                    {i.decidedAt && (
                      <span className="mt-1 block text-xs text-slate-600">
                        {moment(i.decidedAt)}
                        {i.decidedBy ? ` by ${who(i.decidedBy)}` : ""}
                      </span>
                    )}
                    {i.note && <span className="mt-1 block text-xs">Note: {i.note}</span>}
                  </td>
                </tr>
              ))}
            </SimpleTable>
            <Pager list={listed.value} params={sp} noun="people" pageSize={listed.value.pageSize} />
          </>
        )}
      </TitledSection>

      {open && review.canManage && (
        <TitledSection id="close-h" title="Close now">
          <p className="text-sm text-slate-600">
            The review closes by itself on its due date. Closing it now ends it for every reviewer.
          </p>
          <CloseReviewForm slug={slug} id={review.id} rule={review.undecidedRuleLabel} />
        </TitledSection>
      )}
    </div>
  );
}
