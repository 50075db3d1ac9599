// Mail texts, in one place so flows stay about state changes. Plain text only: nothing a person
// typed is ever interpreted as markup in a mail client. A mail that carries a secret link
// (invitation, registration) never has it in its text: the text holds LINK_PLACEHOLDER, the link
// travels beside it as `secretLink`, which the outbox stores sealed and puts in place only in the
// mail it sends (lib/mail/outbox.ts). So the outbox page, which shows the text, cannot show a link.
import "server-only";
import { env } from "@/lib/env";

export type MailContent = {
  template: string;
  subject: string;
  text: string;
  /** Path and token of the secret link (e.g. `/invite/<token>`); never part of `text`. */
  secretLink?: string;
};

/** Where the secret link goes in the stored text; what an administrator reading the outbox sees. */
export const LINK_PLACEHOLDER = "[personal link: added only to the mail the recipient receives]";

/** The templates whose mail is worthless without its secret link. */
export const LINK_TEMPLATES = ["invitation", "registration"];

const signIn = () => `${env().APP_URL}/signin`;

export function invitationMail(o: { municipality: string; inviter: string; token: string; days: number }): MailContent {
  return {
    template: "invitation",
    subject: `You are invited to ${o.municipality} on Gatehouse`,
    text: `${o.inviter} invited you to work in ${o.municipality} on Gatehouse.\n\nAccept the invitation (valid for ${o.days} days):\n${LINK_PLACEHOLDER}\n\nIf you did not expect this, ignore this message.`,
    secretLink: `/invite/${o.token}`,
  };
}

export function registrationMail(o: { municipality: string; token: string; days: number }): MailContent {
  return {
    template: "registration",
    subject: `Confirm your request to join ${o.municipality} on Gatehouse`,
    text: `Someone (hopefully you) asked to join ${o.municipality} on Gatehouse with this address.\n\nConfirm it and complete your profile (valid for ${o.days} days):\n${LINK_PLACEHOLDER}\n\nAn administrator of ${o.municipality} reviews every request. If this was not you, ignore this message.`,
    secretLink: `/invite/${o.token}`,
  };
}

export function pendingMail(o: { municipality: string }): MailContent {
  return {
    template: "pending",
    subject: `Your ${o.municipality} account is waiting for approval`,
    text: `Thank you. An administrator of ${o.municipality} will review your account; you will get an email when it is approved.`,
  };
}

export function welcomeMail(o: { municipality: string }): MailContent {
  return {
    template: "welcome",
    subject: `Welcome to ${o.municipality} on Gatehouse`,
    text: `Your account in ${o.municipality} is ready. Sign in at ${signIn()}`,
  };
}

export function approvedMail(o: { municipality: string }): MailContent {
  return {
    template: "approved",
    subject: `Welcome to ${o.municipality} on Gatehouse`,
    text: `Your account in ${o.municipality} was approved. Sign in at ${signIn()}`,
  };
}

export function rejectedMail(o: { municipality: string; reason: string }): MailContent {
  return {
    template: "rejected",
    subject: `Your ${o.municipality} account request`,
    text: `Your request to join ${o.municipality} was not approved.\n\nReason: ${o.reason}\n\nIf you think this is a mistake, contact the municipality.`,
  };
}

export function accessChangedMail(o: { municipality: string; groups: string[] }): MailContent {
  return {
    template: "access-changed",
    subject: `Your access in ${o.municipality} changed`,
    text: `An administrator changed your access in ${o.municipality}. Your groups are now: ${o.groups.join(", ") || "none"}.\n\nThe change applies from your next click. Sign in at ${signIn()}`,
  };
}

export function factorsResetMail(o: { removed: string[] }): MailContent {
  return {
    template: "factors-reset",
    subject: "Your Gatehouse sign-in methods were reset",
    text: `An administrator removed your ${o.removed.join(", ") || "second sign-in methods"} from your Gatehouse account, and signed you out everywhere.\n\nSign in again at ${signIn()} and set up a passkey or an authenticator app on your account page. If you did not ask for this, tell your administrator at once.`,
  };
}
