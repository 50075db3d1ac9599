// Mail texts, in one place so flows stay about state changes. Plain text only: nothing a person
// typed is ever interpreted as markup in a mail client.
import "server-only";
import { env } from "@/lib/env";

export type MailContent = { template: string; subject: string; text: string };

const signIn = () => `${env().APP_URL}/signin`;

export function invitationMail(o: { municipality: string; inviter: string; token: string; days: number }): MailContent {
  return {
    template: "invitation",
    subject: `You are invited to ${o.municipality} on Gatehouse`,
    text: `${o.inviter} invited you to work in ${o.municipality} on Gatehouse.\n\nAccept the invitation (valid for ${o.days} days):\n${env().APP_URL}/invite/${o.token}\n\nIf you did not expect this, ignore this message.`,
  };
}

export function registrationMail(o: { municipality: string; token: string; days: number }): MailContent {
  return {
    template: "registration",
    subject: `Confirm your request to join ${o.municipality} on Gatehouse`,
    text: `Someone (hopefully you) asked to join ${o.municipality} on Gatehouse with this address.\n\nConfirm it and complete your profile (valid for ${o.days} days):\n${env().APP_URL}/invite/${o.token}\n\nAn administrator of ${o.municipality} reviews every request. If this was not you, ignore this message.`,
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
