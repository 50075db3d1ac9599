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
export const LINK_TEMPLATES = [
  "invitation",
  "registration",
  "password-reset",
  "email-change",
  "request-tracking",
  "request-update",
  "citizen-signup",
];

/** Where a follower's unsubscribe link goes: the secret link + "/unsubscribe" (also List-Unsubscribe). */
export const UNSUBSCRIBE_PLACEHOLDER = "[unsubscribe link: added only to the mail the recipient receives]";

/** The templates sent to followers of a request: each carries an unsubscribe link and header. */
export const UNSUBSCRIBE_TEMPLATES = ["request-tracking", "request-update"];

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

/** A passkey was added to the person's account (SP 800-63B §6.1.2.2: notify of a new authenticator). */
export function passkeyAddedMail(o: { name: string }): MailContent {
  return {
    template: "passkey-added",
    subject: "A passkey was added to your Gatehouse account",
    text: `A passkey named "${o.name}" was added to your Gatehouse account. It can now sign you in.\n\nIf this was not you, sign in at ${signIn()}, remove it under "Your account", and tell your administrator.`,
  };
}

/** A passkey was removed from the person's account. */
export function passkeyRemovedMail(o: { name: string }): MailContent {
  return {
    template: "passkey-removed",
    subject: "A passkey was removed from your Gatehouse account",
    text: `The passkey named "${o.name}" was removed from your Gatehouse account and no longer signs you in.\n\nIf this was not you, sign in at ${signIn()} and tell your administrator.`,
  };
}

export function accessChangedMail(o: { municipality: string; groups: string[] }): MailContent {
  return {
    template: "access-changed",
    subject: `Your access in ${o.municipality} changed`,
    text: `An administrator changed your access in ${o.municipality}. Your groups are now: ${o.groups.join(", ") || "none"}.\n\nThe change applies from your next click. Sign in at ${signIn()}`,
  };
}

// ─── Self-service (lib/flows/password-reset.ts, lib/flows/account-settings.ts, lib/flows/email-change.ts)

export function passwordResetMail(o: { token: string; minutes: number }): MailContent {
  return {
    template: "password-reset",
    subject: "Reset your Gatehouse password",
    text: `Someone (hopefully you) asked to reset the password of the Gatehouse account for this address.\n\nChoose a new password here (the link works once, for ${o.minutes} minutes):\n${LINK_PLACEHOLDER}\n\nSetting a new password signs you out everywhere. If you use an authenticator app or a passkey, you will still need it to sign in.\n\nIf this was not you, ignore this message: your password stays as it is.`,
    secretLink: `/reset-password/${o.token}`,
  };
}

export function passwordChangedMail(o: { how: "reset" | "change" }): MailContent {
  return {
    template: "password-changed",
    subject: "Your Gatehouse password was changed",
    text: `The password of your Gatehouse account was just ${o.how === "reset" ? "reset through an emailed link" : "changed on your account page"}. ${o.how === "reset" ? "Every session was signed out." : "Your other sessions were signed out."}\n\nIf this was not you, reset your password at ${env().APP_URL}/forgot-password and tell your municipality's administrator.`,
  };
}

export function emailChangeMail(o: { token: string; hours: number }): MailContent {
  return {
    template: "email-change",
    subject: "Confirm your new Gatehouse email address",
    text: `Someone (hopefully you) asked to use this address for their Gatehouse account.\n\nConfirm it here (the link works once, for ${o.hours} hours):\n${LINK_PLACEHOLDER}\n\nIf this was not you, ignore this message: nothing changes.`,
    secretLink: `/confirm-email/${o.token}`,
  };
}

export function emailChangeRequestedMail(o: { newEmail: string }): MailContent {
  return {
    template: "email-change-requested",
    subject: "A new email address was requested for your Gatehouse account",
    text: `Someone signed in to your Gatehouse account asked to change its email address to ${o.newEmail}. It changes only once the new address is confirmed.\n\nIf this was not you, change your password at ${env().APP_URL}/account (or reset it at ${env().APP_URL}/forgot-password) and tell your municipality's administrator.`,
  };
}

export function emailChangedMail(o: { newEmail: string }): MailContent {
  return {
    template: "email-changed",
    subject: "Your Gatehouse email address was changed",
    text: `The email address of your Gatehouse account is now ${o.newEmail}. Mail about your account goes there from now on, and you sign in with it.\n\nIf this was not you, contact your municipality's administrator at once.`,
  };
}

export function emailTakenMail(): MailContent {
  return {
    template: "email-taken",
    subject: "Someone tried to use your address on Gatehouse",
    text: `Someone signed in to another Gatehouse account asked to move it to this address, which already belongs to your account. Nothing was changed. If you have questions, contact your municipality's administrator.`,
  };
}

export function factorsResetMail(o: { removed: string[] }): MailContent {
  return {
    template: "factors-reset",
    subject: "Your Gatehouse sign-in methods were reset",
    text: `An administrator removed your ${o.removed.join(", ") || "second sign-in methods"} from your Gatehouse account, and signed you out everywhere.\n\nSign in again at ${signIn()} and set up a passkey or an authenticator app on your account page. If you did not ask for this, tell your administrator at once.`,
  };
}

// ─── Platform groups (lib/flows/platform-grants.ts)

export function platformGrantProposedMail(o: {
  proposer: string;
  person: string;
  group: string;
  change: "GRANT" | "REVOKE";
}): MailContent {
  const what =
    o.change === "GRANT"
      ? `give ${o.person} the platform group ${o.group}`
      : `remove the platform group ${o.group} from ${o.person}`;
  return {
    template: "platform-grant-proposed",
    subject: `Approval needed: a platform group change for ${o.person}`,
    text: `${o.proposer} proposes to ${what}. A second platform admin must approve it before it takes effect.\n\nReview it at ${env().APP_URL}/platform/grants`,
  };
}

// ─── Following a request (lib/flows/request-tracking.ts, lib/flows/request-notify.ts)

type Followed = { municipality: string; slug: string; reference: string; title: string; token: string; days: number };

const followerFooter = (days: number) =>
  `Anyone with this link can see the report's status and public history (never your contact details), so do not share it. It works for ${days} days.\n\nStop these emails: ${UNSUBSCRIBE_PLACEHOLDER}`;

/** The first mail: the link to follow a report (its reporter's opt-in, or "Follow this report"). */
export function requestTrackingMail(o: Followed): MailContent {
  return {
    template: "request-tracking",
    subject: `Follow report ${o.reference} with ${o.municipality}`,
    text: `You asked to follow report ${o.reference} “${o.title}” with ${o.municipality}. We will email you when its status changes or staff write a public comment.\n\nSee its status and history:\n${LINK_PLACEHOLDER}\n\n${followerFooter(o.days)}\n\nIf you did not ask for this, use the link above to stop them.`,
    secretLink: `/m/${o.slug}/track/${o.token}`,
  };
}

type Change = { kind: "status"; to: string; reason?: string | null } | { kind: "comment"; body: string };

/** The news of a followed report, as every follower's mail says it. */
function reportNews(o: Pick<Followed, "municipality" | "reference" | "title"> & { change: Change }) {
  const what =
    o.change.kind === "status"
      ? `Its status is now: ${o.change.to}.${o.change.reason ? `\n\n${o.change.reason}` : ""}`
      : `${o.municipality} wrote:\n\n${o.change.body}`;
  return {
    subject:
      o.change.kind === "status"
        ? `Report ${o.reference}: ${o.change.to}`
        : `Report ${o.reference}: a new comment from ${o.municipality}`,
    text: `News about report ${o.reference} “${o.title}” with ${o.municipality}.\n\n${what}`,
  };
}

/** A followed report's status changed, or staff wrote a public comment on it. */
export function requestUpdateMail(o: Followed & { change: Change }): MailContent {
  const news = reportNews(o);
  return {
    template: "request-update",
    subject: news.subject,
    text: `${news.text}\n\nSee its status and history:\n${LINK_PLACEHOLDER}\n\n${followerFooter(o.days)}`,
    secretLink: `/m/${o.slug}/track/${o.token}`,
  };
}

/**
 * The same news for a citizen account that follows the report: no secret link (they sign in and
 * find it under My reports), and they stop the mails there with "Stop following".
 */
export function requestUpdateAccountMail(o: Omit<Followed, "token" | "days"> & { change: Change }): MailContent {
  const news = reportNews(o);
  return {
    template: "request-update-account",
    subject: news.subject,
    text: `${news.text}\n\nSee it under My reports: ${env().APP_URL}/my\n\nYou get this because you follow the report with your citizen account; choose "Stop following" there to stop these emails.`,
  };
}

export function citizenSignupMail(o: { token: string; hours: number }): MailContent {
  return {
    template: "citizen-signup",
    subject: "Confirm your Gatehouse citizen account",
    text: `Someone (hopefully you) asked for a citizen account on Gatehouse with this address, to follow their reports to the municipality.\n\nConfirm the address and choose a password here (the link works once, for ${o.hours} hours):\n${LINK_PLACEHOLDER}\n\nIf this was not you, ignore this message: no account is made.`,
    secretLink: `/citizens/confirm/${o.token}`,
  };
}

/** A sign-up for an address that already has an account: no link, the way in instead (the form said the same as always). */
export function citizenAccountExistsMail(): MailContent {
  return {
    template: "citizen-signup-existing",
    subject: "You already have a Gatehouse account",
    text: `Someone (hopefully you) asked for a new citizen account on Gatehouse with this address, but it already has an account, so nothing was made.\n\nSign in at ${signIn()}, or choose a new password at ${env().APP_URL}/forgot-password if you forgot it.\n\nIf this was not you, ignore this message.`,
  };
}

export function citizenWelcomeMail(): MailContent {
  return {
    template: "citizen-welcome",
    subject: "Your Gatehouse citizen account is ready",
    text: `Your citizen account is ready. Sign in at ${signIn()} to see your reports and the ones you follow under "My reports".`,
  };
}
