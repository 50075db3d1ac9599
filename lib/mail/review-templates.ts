// The mails of access reviews (lib/flows/access-reviews.ts), beside ./templates.ts in a file of
// their own. Plain text, plain words; the link opens the reviewer's list after the usual sign-in
// (it carries no secret).
import "server-only";
import { env } from "@/lib/env";
import type { MailContent } from "./templates";

export type ReminderCampaign = { name: string; undecided: number; dueAt: Date; lastCall: boolean };

const day = (d: Date) => d.toISOString().slice(0, 10);

/** To a reviewer with undecided people: one mail for all their open campaigns in the municipality. */
export function reviewReminderMail(o: {
  municipality: string;
  slug: string;
  campaigns: ReminderCampaign[];
}): MailContent {
  const total = o.campaigns.reduce((n, c) => n + c.undecided, 0);
  const lastCall = o.campaigns.some((c) => c.lastCall);
  const list = o.campaigns
    .map(
      (c) =>
        `- ${c.name}: ${c.undecided} ${c.undecided === 1 ? "person" : "people"} to decide, due ${day(c.dueAt)}${c.lastCall ? " (last reminder)" : ""}`,
    )
    .join("\n");
  return {
    template: "review-reminder",
    subject: `${lastCall ? "Last reminder: " : ""}${total} ${total === 1 ? "person" : "people"} waiting for your access review in ${o.municipality}`,
    text: `You review the access of these people in ${o.municipality}. For each one, confirm their access, remove the groups they no longer need, or revoke it:\n\n${list}\n\nPeople you have not decided on by the due date keep or lose their access as the campaign says.\n\n${env().APP_URL}/w/${o.slug}/reviews`,
  };
}
