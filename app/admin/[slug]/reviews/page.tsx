import type { Metadata } from "next";
import Link from "next/link";
import { firstValues } from "@/lib/http/search-params";
import { orInvalid } from "@/lib/pages/scope";
import { REVIEW_LIST_KEYS, reviewsFromUrl } from "@/lib/pages/access-reviews";
import { SimpleTable } from "@/app/_components/simple-table";
import { Badge } from "@/app/_components/badge";
import { FilterBar } from "@/app/_components/filter-bar";
import { clearFiltersHref, Empty, InvalidQuery, Pager } from "@/app/_components/pager";
import { day, ProgressBar } from "@/app/_components/reviews/review-parts";
import type { AdminListProps } from "../list-scope";
import { AdminNav } from "../admin-nav";
import { requireReviewAdmin } from "./review-scope";

export const metadata: Metadata = { title: "Access reviews" };

export default async function ReviewsPage({ params, searchParams }: AdminListProps) {
  const { slug } = await params;
  const { viewer, muni, base } = await requireReviewAdmin(slug);
  const sp = firstValues(await searchParams, REVIEW_LIST_KEYS);
  const listed = await orInvalid(reviewsFromUrl(viewer, muni.id, sp));
  return (
    <div className="space-y-6">
      <AdminNav slug={slug} name={muni.name} current="reviews" />
      <div className="flex flex-wrap items-end justify-between gap-4">
        <h1 className="text-2xl font-semibold text-brand-900">Access reviews</h1>
        <div className="flex flex-wrap gap-2">
          <Link href={`${base}/schedules`} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm">
            Schedules
          </Link>
          <Link
            href={`${base}/new`}
            prefetch={false}
            className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700"
          >
            Start a review
          </Link>
        </div>
      </div>
      <p className="max-w-3xl text-sm text-slate-600">
        A review asks each person&apos;s reviewer — their manager, else the municipality&apos;s admins — to confirm,
        reduce or revoke their groups by a due date. Decisions take effect at once; people nobody decided on by the due
        date keep their access or are suspended, as the campaign says. Every decision is in the signed report.
      </p>
      <FilterBar
        ariaLabel="Filter reviews"
        resetHref={base}
        values={sp}
        keep={{ dir: sp.dir }}
        filters={[
          { kind: "search", name: "q", label: "Name" },
          {
            kind: "select",
            name: "sort",
            label: "Sort by",
            anyLabel: "Newest first",
            options: [
              ["dueAt", "Due date"],
              ["name", "Name"],
            ],
          },
          {
            kind: "select",
            name: "status",
            label: "State",
            anyLabel: "Open and closed",
            options: [
              ["open", "Open"],
              ["closed", "Closed"],
            ],
          },
        ]}
      />
      {!listed.ok ? (
        <InvalidQuery message={listed.invalid} />
      ) : listed.value.rows.length === 0 ? (
        <Empty clearHref={clearFiltersHref(base, sp, ["q", "status"])}>
          <p className="font-medium text-slate-800">No access review yet.</p>
          <p className="mt-1 max-w-prose">
            Start one for everyone, for one group or for the privileged groups (administrators), or add a schedule that
            starts them by itself — for example the privileged groups every three months.
          </p>
        </Empty>
      ) : (
        <>
          <SimpleTable
            caption="Access reviews"
            headers={["Review", "Who is reviewed", "State", "Progress", "Due", "Started"]}
          >
            {listed.value.rows.map((r) => (
              <tr key={r.id} className="border-t border-slate-100 align-top">
                <td className="px-3 py-2">
                  <Link href={`${base}/${r.id}`} className="text-brand-700 underline">
                    {r.name}
                  </Link>
                </td>
                <td className="px-3 py-2">{r.groupLabel ? `${r.scopeLabel}: ${r.groupLabel}` : r.scopeLabel}</td>
                <td className="px-3 py-2">
                  <Badge tone={r.status === "OPEN" ? "info" : "neutral"}>{r.statusLabel}</Badge>
                </td>
                <td className="px-3 py-2">
                  <ProgressBar decided={r.decided} total={r.total} label={`Progress of ${r.name}`} />
                </td>
                <td className="whitespace-nowrap px-3 py-2">{day(r.dueAt)}</td>
                <td className="px-3 py-2">
                  {day(r.createdAt)}
                  {r.scheduleName && (
                    <span className="block text-xs text-slate-600">by the schedule “{r.scheduleName}”</span>
                  )}
                </td>
              </tr>
            ))}
          </SimpleTable>
          <Pager list={listed.value} params={sp} noun="reviews" pageSize={listed.value.pageSize} />
        </>
      )}
    </div>
  );
}
