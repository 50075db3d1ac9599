// Mail texts about a person's own sign-in factors (authenticator app, recovery codes). Kept beside
// templates.ts (same rules: plain text, no secrets) so the factor flows' texts sit in one place.
// Each tells the person what happened and what to do if it was not them: a factor added or removed
// by someone holding their password, or a recovery code used by someone else, must not go unseen.
import "server-only";
import { env } from "@/lib/env";
import type { MailContent } from "./templates";

const account = () => `${env().APP_URL}/account`;
const notYou = "If this was not you, sign in and change your password now, and tell your municipality's administrator.";

export function totpAddedMail(): MailContent {
  return {
    template: "mfa-totp-added",
    subject: "An authenticator app was added to your Gatehouse account",
    text: `An authenticator app now gives the second step of your Gatehouse sign-in.\n\n${notYou}\n\nYour sign-in methods: ${account()}`,
  };
}

export function totpRemovedMail(): MailContent {
  return {
    template: "mfa-totp-removed",
    subject: "The authenticator app was removed from your Gatehouse account",
    text: `The authenticator app no longer gives the second step of your Gatehouse sign-in.\n\n${notYou}\n\nYour sign-in methods: ${account()}`,
  };
}

export function recoveryCodeUsedMail(o: { left: number }): MailContent {
  return {
    template: "mfa-recovery-used",
    subject: "A recovery code was used to sign in to your Gatehouse account",
    text: `A recovery code was used to finish signing in to your Gatehouse account. Each code works once; you have ${o.left} left.\n\n${notYou}\n\n${o.left <= 3 ? "You are running low: make new codes on your account page. " : ""}Your sign-in methods: ${account()}`,
  };
}

export function recoveryCodesRenewedMail(): MailContent {
  return {
    template: "mfa-recovery-renewed",
    subject: "New recovery codes were made for your Gatehouse account",
    text: `New recovery codes were made for your Gatehouse account; the old ones no longer work.\n\n${notYou}\n\nYour sign-in methods: ${account()}`,
  };
}
