import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { firstValues } from "@/lib/http/search-params";
import { orInvalid, orNotFound, requireWorkspacePage } from "@/lib/pages/scope";
import { mayReviewHere, myItemsFromUrl, REVIEW_ITEM_KEYS, reviewOfMunicipality } from "@/lib/pages/access-reviews";
import { myReviewItems, reviewItemFor } from "@/lib/data/access-reviews";
import { Breadcrumbs } from "@/app/_components/breadcrumbs";
import { FilterBar } from "@/app/_components/filter-bar";
import { clearFiltersHref, Empty, InvalidQuery, Pager } from "@/app/_components/pager";
import { day, moment, who } from "@/app/_components/reviews/review-parts";
import { DecisionCard, type CardItem } from "./decision-card";

export const metadata: Metadata = { title: "Access review" };

type Props = {
  params: Promise<{ slug: string; id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** One campaign as its reviewer sees it: a card per person assigned to them, undecided first. */
export default async function ReviewerCampaignPage({ params, searchParams }: Props) {
  const { slug, id } = await params;
  const { viewer, ws } = await requireWorkspacePage(slug);
  const municipalityId = ws.municipality.id;
  if (!mayReviewHere(viewer, municipalityId)) notFound();
  const review = await orNotFound(reviewOfMunicipality(viewer, municipalityId, id));
  // A campaign with nobody for this reviewer is not theirs to open.
  if ((await myReviewItems(viewer, municipalityId, { state: "all", pageSize: 1 }, review.id)).total === 0) notFound();
  const sp = firstValues(await searchParams, REVIEW_ITEM_KEYS);
  const listed = await orInvalid(myItemsFromUrl(viewer, municipalityId, { state: "undecided", ...sp }, review.id));
  const cards: CardItem[] = listed.ok
    ? await Promise.all(
        listed.value.rows.map(async (row) => {
          const { snapshot: s } = await reviewItemFor(viewer, row.id);
          return {
            id: row.id,
            reviewId: review.id,
            person: who(row.person),
            email: row.person.email,
            department: s.department,
            groups: row.groups,
            otherGroups: s.groups.filter((g) => !row.groups.some((r) => r.name === g.name)),
            directGrants: s.directGrants.map(
              (g) =>
                `${g.service}: ${g.reason} (granted by ${g.grantedBy} on ${day(g.since)}${g.expiresAt ? `, until ${day(g.expiresAt)}` : ""})`,
            ),
            services: s.services.map((x) => `${x.name} (${x.sources.join("; ")})`),
            lastSignIn: s.lastSignInAt ? moment(s.lastSignInAt) : "Never signed in",
            changesSince: day(s.changesSince),
            changes: s.changes.map((c) => `${day(c.at)}: ${c.words}`),
            moreChanges: s.moreChanges,
            canDecide: row.canDecide,
            decided: row.outcome
              ? {
                  outcome: row.outcome,
                  label: row.outcomeLabel ?? "",
                  kept: row.keptGroups.map((g) => g.label),
                  note: row.note,
                  when: `${moment(row.decidedAt)}${row.decidedBy ? ` by ${who(row.decidedBy)}` : ""}`,
                }
              : null,
          };
        }),
      )
    : [];
  const here = `/w/${slug}/reviews/${review.id}`;
  return (
    <div className="space-y-6">
      <Breadcrumbs trail={[[`/w/${slug}/reviews`, "Access reviews"]]} current={review.name} />
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold text-brand-900">{review.name}</h1>
        <p className="text-sm text-slate-600">
          Due {day(review.dueAt)} · {review.statusLabel}. If you do not decide on someone by then:{" "}
          {review.undecidedRuleLabel.toLowerCase()}.
        </p>
      </header>
      <FilterBar
        ariaLabel="Filter the people"
        resetHref={here}
        values={{ ...sp, state: sp.state }}
        filters={[
          { kind: "search", name: "q", label: "Name or email" },
          {
            kind: "select",
            name: "state",
            label: "Show",
            anyLabel: "Not decided yet",
            options: [
              ["decided", "Decided"],
              ["all", "Everyone"],
            ],
          },
        ]}
      />
      {!listed.ok ? (
        <InvalidQuery message={listed.invalid} />
      ) : cards.length === 0 ? (
        <Empty clearHref={clearFiltersHref(here, sp, ["q"])}>
          <p>
            {sp.state === "decided"
              ? "You have not decided on anyone yet."
              : "You have decided on everyone in this review. Thank you."}
          </p>
        </Empty>
      ) : (
        <>
          <ul className="space-y-4">
            {cards.map((c) => (
              <li key={c.id}>
                <DecisionCard slug={slug} item={c} />
              </li>
            ))}
          </ul>
          <Pager list={listed.value} params={sp} noun="people" pageSize={listed.value.pageSize} />
        </>
      )}
    </div>
  );
}
