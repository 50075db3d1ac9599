// Policy subjects (record types and the other things a rule is about) in words, for every page
// and sentence: "service requests", never "ServiceRequest". Pure, no file reads, so client
// components use it too. lib/policy/summary.ts builds its sentences from the same words.
import type { SubjectName } from "./subjects";

export const SUBJECT_WORDS: Record<SubjectName | "all", string> = {
  ServiceRequest: "service requests",
  HeritageSite: "heritage sites",
  Document: "documents",
  Statistics: "statistics",
  Municipality: "municipalities",
  Membership: "people's access",
  Invitation: "invitations",
  ApiToken: "API tokens",
  AuditEvent: "the audit log",
  OutboxMessage: "the outgoing mail",
  User: "accounts",
  Department: "departments",
  SsoConnection: "sign-in connections (SSO)",
  ScimConnection: "directory sync (SCIM)",
  PlatformGrantRequest: "platform group requests",
  RequestEvent: "request history",
  RequestPhoto: "request photos",
  RequestFollower: "request followers",
  RequestTag: "request tags",
  all: "everything",
};

/** A subject as a heading or option: "Service requests", "Heritage sites". */
export function subjectLabel(subject: SubjectName | "all"): string {
  return SUBJECT_WORDS[subject].replace(/^./, (c) => c.toUpperCase());
}
