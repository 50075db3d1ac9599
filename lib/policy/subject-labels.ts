// Policy subjects (record types and the other things a rule is about) in words, for every page
// and sentence: "service requests", never "ServiceRequest". Pure, no file reads, so client
// components use it too. lib/policy/summary.ts builds its sentences from the same words.
import type { RequestPartSubject, SubjectName } from "./subjects";

export type { RequestPartSubject };

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
  RequestEvent: "request timeline entries",
  RequestPhoto: "request photos",
  RequestFollower: "request followers",
  RequestTag: "request tags",
  Service: "connected services",
  ServiceGrant: "direct service access",
  ServiceLink: "people's service accounts",
  ServiceDelivery: "service notifications (logout, webhooks)",
  AccessCheck: "service access checks",
  AccessReview: "access reviews",
  AccessReviewItem: "access review decisions",
  AccessReviewSchedule: "access review schedules",
  Clip: "saved clips (SQL queries)",
  ClipRun: "clip runs and their results",
  all: "everything",
};

/** A subject as a heading or option: "Service requests", "Heritage sites". */
export function subjectLabel(subject: SubjectName | "all"): string {
  return SUBJECT_WORDS[subject].replace(/^./, (c) => c.toUpperCase());
}

/** One of a request's parts, singular ("timeline entry"): what a sentence about one record calls it. */
export const REQUEST_PART_ONE: Record<RequestPartSubject, string> = {
  RequestEvent: "timeline entry",
  RequestPhoto: "request photo",
  RequestFollower: "request follower",
  RequestTag: "request tag",
};

/** The new fields of a service request, in words (until its registry entry labels them itself). */
export const REQUEST_FIELD_LABELS: Record<string, string> = {
  approxLatitude: "Approximate latitude",
  approxLongitude: "Approximate longitude",
  tags: "Tags",
  reporterUserId: "Reporter's account",
};

/** The fields of a request's parts, in words (lib/records/labels.ts and the summaries use them). */
export const PART_FIELD_LABELS: Record<RequestPartSubject, Record<string, string>> = {
  RequestEvent: {
    requestId: "Request",
    kind: "Kind of entry",
    authorId: "Author",
    body: "Text",
    fromStatus: "Status before",
    toStatus: "Status after",
    assigneeId: "Assignee",
    photoId: "Photo",
    onPublicRequest: "Request is public",
    reporterUserId: "Reporter's account",
    createdAt: "Written",
  },
  RequestPhoto: {
    requestId: "Request",
    contentType: "File type",
    width: "Width",
    height: "Height",
    byteSize: "File size",
    isPublished: "Published",
    onPublicRequest: "Request is public",
    reporterUserId: "Reporter's account",
    publishedAt: "Published on",
    publishedById: "Published by",
    uploadedById: "Uploaded by",
    createdAt: "Uploaded",
  },
  RequestFollower: {
    requestId: "Request",
    userId: "Citizen account",
    email: "Email",
    tokenExpiresAt: "Link expires",
    unsubscribedAt: "Unsubscribed",
    createdAt: "Following since",
  },
  RequestTag: { label: "Label", archivedAt: "Archived", createdAt: "Created" },
};

/** A field of a request's part in words, or undefined for other subjects and unknown fields. */
export function partFieldLabel(subject: string, field: string): string | undefined {
  return (PART_FIELD_LABELS as Record<string, Record<string, string> | undefined>)[subject]?.[field];
}
