"use server";

// The administration's access-review actions (issue 20), for an admin of the slug's municipality:
// lib/flows/access-reviews.ts checks the AccessReview and AccessReviewSchedule policies, writes
// each change with its audit event, and refuses with the field named. Starting a campaign or a
// schedule, closing one early and switching a schedule off are privileged (step-up); the two
// steps without fields of their own (close, switch off) need the confirmation box, checked here,
// so a post with anything else changes nothing.
import { z } from "zod";
import { confirmBox, defineAction, formText, idField } from "@/lib/actions/action-client";
import {
  closeReview,
  disableReviewSchedule,
  reassignReviewItem,
  saveReviewSchedule,
  startReview,
} from "@/lib/flows/access-reviews";
import type { ReviewScheduleForm, ReviewStartForm } from "@/lib/schemas/access-reviews";
import type { ActionResult } from "@/lib/action-result";

type R<T = undefined> = ActionResult<T>;
const base = (slug: string) => `/admin/${slug}/reviews`;
// What the forms post, as text: the flows parse it with lib/schemas/access-reviews.ts (strict
// schemas with refinements, which the action client cannot pick a form's fields for) and refuse
// with each field named.
const campaignFields = { name: formText, scope: formText, group: formText, undecidedRule: formText };
const startFields = z.object({ ...campaignFields, dueAt: formText });
const scheduleFields = z.object({ ...campaignFields, everyMonths: formText, dueDays: formText, firstRunAt: formText });
const confirmed = { input: z.object({ confirm: confirmBox }), invalid: "Tick the box to confirm, then try again." };

const start = defineAction(
  {
    who: "admin",
    form: true,
    stepUp: true,
    input: startFields,
    revalidate: ({ muni }) => base(muni.slug),
  },
  async ({ viewer, muni, input }) => {
    const r = await startReview(viewer, muni.id, input as ReviewStartForm);
    const n = r.items;
    return {
      ok: true,
      message: `Review started: ${n} ${n === 1 ? "person" : "people"} to review.`,
      data: { href: `${base(muni.slug)}/${r.id}` },
    };
  },
);
export async function startReviewAction(_: R<{ href: string }> | null, form: FormData): Promise<R<{ href: string }>> {
  return start(form);
}

const close = defineAction(
  {
    who: "admin",
    form: true,
    stepUp: true,
    scope: z.object({ id: idField() }),
    ...confirmed,
    revalidate: ({ muni, scope }) => [base(muni.slug), `${base(muni.slug)}/${scope.id}`],
  },
  async ({ viewer, scope }) => {
    await closeReview(viewer, scope.id);
    return { ok: true, message: "Review closed. Undecided people followed the campaign's rule; the report is signed." };
  },
);
export async function closeReviewAction(_: R | null, form: FormData): Promise<R> {
  return close(form);
}

const reassign = defineAction(
  {
    who: "admin",
    form: true,
    scope: z.object({ id: idField(), reviewId: idField() }),
    input: z.object({ reviewerId: idField("Reviewer: choose who reviews this person.") }),
    revalidate: ({ muni, scope }) => `${base(muni.slug)}/${scope.reviewId}`,
  },
  async ({ viewer, scope, input }) => {
    await reassignReviewItem(viewer, scope.id, input.reviewerId);
    return { ok: true, message: "Reassigned. The new reviewer sees this person in their list." };
  },
);
export async function reassignReviewItemAction(_: R | null, form: FormData): Promise<R> {
  return reassign(form);
}

const saveSchedule = defineAction(
  {
    who: "admin",
    form: true,
    stepUp: true,
    scope: z.object({ id: idField().optional() }),
    input: scheduleFields,
    revalidate: ({ muni }) => `${base(muni.slug)}/schedules`,
  },
  async ({ viewer, muni, scope, input }) => {
    await saveReviewSchedule(viewer, muni.id, input as ReviewScheduleForm, scope.id);
    return { ok: true, message: scope.id ? "Schedule saved." : `Schedule “${input.name.trim()}” added.` };
  },
);
export async function saveReviewScheduleAction(_: R | null, form: FormData): Promise<R> {
  return saveSchedule(form);
}

const disableSchedule = defineAction(
  {
    who: "admin",
    form: true,
    stepUp: true,
    scope: z.object({ id: idField() }),
    ...confirmed,
    revalidate: ({ muni }) => `${base(muni.slug)}/schedules`,
  },
  async ({ viewer, scope }) => {
    await disableReviewSchedule(viewer, scope.id);
    return { ok: true, message: "Schedule switched off. Its campaigns stay as they are." };
  },
);
export async function disableReviewScheduleAction(_: R | null, form: FormData): Promise<R> {
  return disableSchedule(form);
}
