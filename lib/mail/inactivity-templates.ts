// The mails of the inactive-accounts job (lib/flows/inactivity.ts), kept beside ./templates.ts in
// a file of their own. Plain text, plain words; no links that sign anyone in (the person signs in
// as usual and asks an administrator to restore their access).
import "server-only";
import { env } from "@/lib/env";
import type { MailContent } from "./templates";

const signIn = () => `${env().APP_URL}/signin`;

/** To the person whose membership was suspended. */
export function inactiveSuspendedMail(o: { municipality: string; days: number }): MailContent {
  return {
    template: "inactive-suspended",
    subject: `Your access in ${o.municipality} was paused`,
    text: `You have not signed in to Gatehouse for ${o.days} days or more, so your access in ${o.municipality} was paused (suspended). This is an automatic safety rule: unused accounts are a risk.\n\nNothing was deleted. If you still need access, ask an administrator of ${o.municipality} to reactivate it.\n\n${signIn()}`,
  };
}

/** To each active administrator of the municipality: who was suspended in this run. */
export function inactiveSuspendedAdminMail(o: {
  municipality: string;
  days: number;
  people: { name: string | null; email: string }[];
}): MailContent {
  const list = o.people.map((p) => `- ${p.name ? `${p.name} <${p.email}>` : p.email}`).join("\n");
  const n = o.people.length;
  return {
    template: "inactive-suspended-admin",
    subject: `${n} ${n === 1 ? "person" : "people"} in ${o.municipality} suspended after ${o.days} days without sign-in`,
    text: `These people have not signed in for ${o.days} days or more, so their access in ${o.municipality} was suspended automatically:\n\n${list}\n\nNothing was deleted. To give someone access again, open People in the administration of ${o.municipality} and reactivate them.\n\n${signIn()}`,
  };
}

/**
 * The last active administrator is inactive: they keep their access (a municipality is never left
 * without an administrator), and both they and the platform administrators are told.
 */
export function inactiveLastAdminMail(o: {
  municipality: string;
  days: number;
  admin: { name: string | null; email: string };
  toAdmin: boolean;
}): MailContent {
  const who = o.admin.name ? `${o.admin.name} <${o.admin.email}>` : o.admin.email;
  return o.toAdmin
    ? {
        template: "inactive-last-admin",
        subject: `Sign in to keep ${o.municipality} managed`,
        text: `You have not signed in to Gatehouse for ${o.days} days or more. Other inactive accounts are suspended automatically, but you are the only active administrator of ${o.municipality}, so your access was kept.\n\nPlease sign in, or make someone else municipality admin.\n\n${signIn()}`,
      }
    : {
        template: "inactive-last-admin-platform",
        subject: `${o.municipality} has only an inactive administrator`,
        text: `${who} has not signed in for ${o.days} days or more and is the only active administrator of ${o.municipality}. Their access was kept so that ${o.municipality} is not left without an administrator.\n\nCheck with ${o.municipality}: make another person municipality admin there, or suspend this account yourself.\n\n${signIn()}`,
      };
}
