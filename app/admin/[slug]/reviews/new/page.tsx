import type { Metadata } from "next";
import { Breadcrumbs } from "@/app/_components/breadcrumbs";
import { AdminNav } from "../../admin-nav";
import { requireReviewAdmin } from "../review-scope";
import { daysFromNow, reviewGroupChoices } from "../group-choices";
import { StartReviewForm } from "../review-forms";

export const metadata: Metadata = { title: "Start a review" };

export default async function NewReviewPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { muni, base } = await requireReviewAdmin(slug);
  return (
    <div className="space-y-6">
      <AdminNav slug={slug} name={muni.name} current="reviews" />
      <Breadcrumbs trail={[[base, "Access reviews"]]} current="Start a review" />
      <h1 className="text-2xl font-semibold text-brand-900">Start a review</h1>
      <p className="max-w-3xl text-sm text-slate-600">
        Everyone in the chosen groups becomes one item to review. Each person&apos;s reviewer is their department&apos;s
        manager, else {muni.name}&apos;s admins — never the person themself. Reviewers get a mail now and reminders
        until the due date; you see their progress on the review&apos;s page.
      </p>
      <section className="max-w-2xl rounded-lg border border-slate-200 bg-white p-4 sm:p-5">
        <StartReviewForm slug={slug} groups={reviewGroupChoices()} defaultDue={daysFromNow(14)} />
      </section>
    </div>
  );
}
