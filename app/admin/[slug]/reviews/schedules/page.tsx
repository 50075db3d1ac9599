import type { Metadata } from "next";
import { orNotFound } from "@/lib/pages/scope";
import { listReviewSchedules } from "@/lib/data/access-reviews";
import { Badge } from "@/app/_components/badge";
import { Breadcrumbs } from "@/app/_components/breadcrumbs";
import { Empty } from "@/app/_components/pager";
import { TitledSection } from "@/app/_components/titled-section";
import { day } from "@/app/_components/reviews/review-parts";
import { AdminNav } from "../../admin-nav";
import { requireReviewAdmin } from "../review-scope";
import { daysFromNow, reviewGroupChoices } from "../group-choices";
import { DisableScheduleForm, ScheduleForm } from "../review-forms";

export const metadata: Metadata = { title: "Review schedules" };

export default async function ReviewSchedulesPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { viewer, muni, base } = await requireReviewAdmin(slug);
  const schedules = await orNotFound(listReviewSchedules(viewer, muni.id));
  const groups = reviewGroupChoices();
  return (
    <div className="space-y-6">
      <AdminNav slug={slug} name={muni.name} current="reviews" />
      <Breadcrumbs trail={[[base, "Access reviews"]]} current="Schedules" />
      <h1 className="text-2xl font-semibold text-brand-900">Review schedules</h1>
      <p className="max-w-3xl text-sm text-slate-600">
        A schedule starts a review by itself every few months — for example the privileged groups every three months and
        everyone once a year, as government baselines ask. Schedules are switched off, never deleted: the reviews they
        started keep pointing at them.
      </p>
      {schedules.length === 0 ? (
        <Empty>
          <p>No schedule yet. Add one below; its first review starts on the date you choose.</p>
        </Empty>
      ) : (
        <ul className="space-y-4">
          {schedules.map((s) => (
            <li key={s.id}>
              <TitledSection id={`schedule-${s.id}-h`} title={s.name}>
                <p className="text-sm text-slate-700">
                  {s.disabledAt ? (
                    <Badge tone="neutral">Switched off {day(s.disabledAt)}</Badge>
                  ) : (
                    <Badge tone="good">On</Badge>
                  )}{" "}
                  {s.groupLabel ? `${s.scopeLabel}: ${s.groupLabel}` : s.scopeLabel} · every {s.everyMonths}{" "}
                  {s.everyMonths === 1 ? "month" : "months"} · {s.dueDays} days to decide · if undecided:{" "}
                  {s.undecidedRuleLabel.toLowerCase()}
                  {!s.disabledAt && ` · next review ${day(s.nextRunAt)}`}
                  {s.lastRunAt && ` · last review ${day(s.lastRunAt)}`}
                </p>
                {!s.disabledAt && s.canManage && (
                  <div className="grid gap-6 lg:grid-cols-[2fr_1fr]">
                    <details className="rounded-md border border-slate-200 p-3">
                      <summary className="cursor-pointer text-sm font-medium">Change this schedule</summary>
                      <div className="mt-3">
                        <ScheduleForm
                          slug={slug}
                          groups={groups}
                          defaultFirst={day(s.nextRunAt)}
                          schedule={{
                            id: s.id,
                            name: s.name,
                            scope: s.scope,
                            group: s.group,
                            everyMonths: s.everyMonths,
                            dueDays: s.dueDays,
                            undecidedRule: s.undecidedRule,
                            nextRunAt: day(s.nextRunAt),
                          }}
                        />
                      </div>
                    </details>
                    <DisableScheduleForm slug={slug} id={s.id} name={s.name} />
                  </div>
                )}
              </TitledSection>
            </li>
          ))}
        </ul>
      )}
      <TitledSection id="add-schedule-h" title="Add a schedule">
        <div className="max-w-2xl">
          <ScheduleForm slug={slug} groups={groups} defaultFirst={daysFromNow(1)} />
        </div>
      </TitledSection>
    </div>
  );
}
