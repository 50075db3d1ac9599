import type { Metadata } from "next";
import { orNotFound } from "@/lib/pages/scope";
import { reviewOfMunicipality } from "@/lib/pages/access-reviews";
import { notFound } from "next/navigation";
import { listReviewItems, mayReadWholeReview } from "@/lib/data/access-reviews";
import { reviewReport } from "@/lib/governance/review-report";
import { Breadcrumbs } from "@/app/_components/breadcrumbs";
import { SimpleTable } from "@/app/_components/simple-table";
import { day, moment, who } from "@/app/_components/reviews/review-parts";
import { requireReviewAdmin } from "../../review-scope";
import { PrintButton } from "./print-button";

export const metadata: Metadata = { title: "Access review report" };

/** Every decision of one campaign, ready to print or save as PDF (the browser's own print dialog). */
export default async function ReviewReportPage({ params }: { params: Promise<{ slug: string; id: string }> }) {
  const { slug, id } = await params;
  const { viewer, muni, base } = await requireReviewAdmin(slug);
  const review = await orNotFound(reviewOfMunicipality(viewer, muni.id, id));
  // The report is the whole campaign's: only for those who may read every person in it.
  if (!(await mayReadWholeReview(viewer, review.id))) notFound();
  const [items, report] = await Promise.all([
    listReviewItems(viewer, review.id, { state: "all", page: 1, pageSize: 1_000_000 }),
    orNotFound(reviewReport(viewer, review.id)),
  ]);
  return (
    <article className="space-y-6 print:space-y-3 print:text-xs">
      <div className="print:hidden">
        <Breadcrumbs
          trail={[
            [base, "Access reviews"],
            [`${base}/${review.id}`, review.name],
          ]}
          current="Report"
        />
      </div>
      <header className="space-y-1">
        <p className="text-sm text-slate-600">{muni.name} · access review report</p>
        <h1 className="text-2xl font-semibold text-brand-900">{review.name}</h1>
        <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
          <dt className="font-medium">Who was reviewed</dt>
          <dd>{review.groupLabel ? `${review.scopeLabel}: ${review.groupLabel}` : review.scopeLabel}</dd>
          <dt className="font-medium">Started</dt>
          <dd>
            {moment(review.createdAt)}{" "}
            {review.startedBy
              ? `by ${who(review.startedBy)}`
              : review.scheduleName
                ? `by the schedule “${review.scheduleName}”`
                : ""}
          </dd>
          <dt className="font-medium">Due</dt>
          <dd>{day(review.dueAt)}</dd>
          <dt className="font-medium">If nobody decided</dt>
          <dd>{review.undecidedRuleLabel}</dd>
          <dt className="font-medium">State</dt>
          <dd>
            {review.statusLabel}
            {review.closedAt ? `, closed ${moment(review.closedAt)}` : " (the report is signed when it closes)"}
          </dd>
          <dt className="font-medium">Decided</dt>
          <dd>
            {review.progress.decided} of {review.progress.total}
          </dd>
        </dl>
      </header>
      <div className="print:hidden">
        <PrintButton />
      </div>
      <SimpleTable
        caption="Every decision"
        headers={["Person", "Groups under review", "Reviewer", "Decision", "Groups kept", "Note", "Decided", "Applied"]}
      >
        {items.rows.map((i) => (
          <tr key={i.id} className="border-t border-slate-100 align-top">
            <td className="px-3 py-2">
              {who(i.person)}
              {i.person.name && <span className="block text-xs text-slate-600">{i.person.email}</span>}
            </td>
            <td className="px-3 py-2">{i.groups.map((g) => g.label).join(", ")}</td>
            <td className="px-3 py-2">{who(i.reviewer)}</td>
            <td className="px-3 py-2">{i.outcomeLabel ?? "Not decided yet"}</td>
            <td className="px-3 py-2">
              {i.decision === "CHANGE" ? i.keptGroups.map((g) => g.label).join(", ") || "none" : "—"}
            </td>
            <td className="px-3 py-2">{i.note ?? "—"}</td>
            <td className="px-3 py-2">
              {moment(i.decidedAt)}
              {i.decidedBy ? ` by ${who(i.decidedBy)}` : ""}
            </td>
            <td className="px-3 py-2">{moment(i.appliedAt)}</td>
          </tr>
        ))}
      </SimpleTable>
      <section aria-labelledby="signature-h" className="space-y-1 text-sm">
        <h2 id="signature-h" className="font-semibold">
          Signature
        </h2>
        <p className="text-slate-700">
          The SHA-256 digest of the CSV report and its signature; the audit trail keeps both from the moment the review
          closes, so a changed report no longer matches.
        </p>
        <p className="text-slate-700">
          {report.closed
            ? report.verified
              ? "Checked now: the report below still matches its signature."
              : "Checked now: the report no longer matches the signature kept when the review closed."
            : "The review is open: this is the signature the report would get if it closed now."}
        </p>
        <p className="break-all font-mono text-xs">Digest: {report.digest}</p>
        <p className="break-all font-mono text-xs">Signature: {report.signature}</p>
      </section>
    </article>
  );
}
