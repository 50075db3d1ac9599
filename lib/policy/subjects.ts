// What policies can talk about: subjects, their fields (from Prisma's generated enums, so a
// renamed column breaks the policy load instead of silently allowing), actions, modules.
import { Prisma } from "@/lib/generated/prisma/client";
import type {
  AccessReview,
  AccessReviewItem,
  AccessReviewSchedule,
  ClipRun,
  Document,
  HeritageSite,
  Membership,
  OutboxMessage,
  PlatformGrantRequest,
  RequestEvent,
  Service,
  ServiceDelivery,
  ServiceGrant,
  AccessCheck,
  ServiceRequest,
  SsoConnection,
} from "@/lib/generated/prisma/client";
import {
  AccessCheckStatus,
  AccessReviewDecision,
  AccessReviewOutcome,
  AccessReviewScope,
  AccessReviewStatus,
  AccessReviewUndecided,
  ClipRunStatus,
  DocumentKind,
  DocumentVisibility,
  HeritageKind,
  MembershipStatus,
  OutboxStatus,
  PlatformGrantChange,
  PlatformGrantStatus,
  RequestEventKind,
  ServiceCategory,
  ServiceDeliveryKind,
  ServiceDeliveryStatus,
  ServiceGrantEnd,
  SsoProtocol,
  ServiceRequestStatus,
} from "@/lib/generated/prisma/enums";

export const MODEL_FIELDS = {
  ServiceRequest: Object.values(Prisma.ServiceRequestScalarFieldEnum),
  HeritageSite: Object.values(Prisma.HeritageSiteScalarFieldEnum),
  Document: Object.values(Prisma.DocumentScalarFieldEnum),
  Municipality: Object.values(Prisma.MunicipalityScalarFieldEnum),
  Membership: Object.values(Prisma.MembershipScalarFieldEnum),
  Invitation: Object.values(Prisma.InvitationScalarFieldEnum).filter((f) => f !== "tokenHash"),
  ApiToken: Object.values(Prisma.ApiTokenScalarFieldEnum).filter((f) => f !== "tokenHash"),
  AuditEvent: Object.values(Prisma.AuditEventScalarFieldEnum),
  OutboxMessage: Object.values(Prisma.OutboxMessageScalarFieldEnum),
  // passwordHash is never a policy field: no rule can grant it.
  User: Object.values(Prisma.UserScalarFieldEnum).filter((f) => f !== "passwordHash"),
  Department: Object.values(Prisma.DepartmentScalarFieldEnum),
  // The sealed client secret and the SCIM token's hash are never policy fields: no rule can
  // grant reading them (the console shows only whether a secret is set, and the token's hint).
  SsoConnection: Object.values(Prisma.SsoConnectionScalarFieldEnum).filter((f) => f !== "clientSecretCipher"),
  ScimConnection: Object.values(Prisma.ScimConnectionScalarFieldEnum).filter((f) => f !== "tokenHash"),
  PlatformGrantRequest: Object.values(Prisma.PlatformGrantRequestScalarFieldEnum),
  // A request's timeline, photos, followers and the municipality's tag list. Storage keys and the
  // tracking token's hash are never policy fields: photos are served by id, tokens only checked.
  RequestEvent: Object.values(Prisma.RequestEventScalarFieldEnum),
  RequestPhoto: Object.values(Prisma.RequestPhotoScalarFieldEnum).filter((f) => f !== "storageKey" && f !== "thumbKey"),
  RequestFollower: Object.values(Prisma.RequestFollowerScalarFieldEnum).filter((f) => f !== "tokenHash"),
  RequestTag: Object.values(Prisma.RequestTagScalarFieldEnum),
  // Connected applications (DESIGN.md "Services"). A service's client secret hash and sealed
  // webhook secret are never policy fields: they are shown once, at creation, and never again.
  Service: Object.values(Prisma.ServiceScalarFieldEnum).filter(
    (f) => f !== "clientSecretHash" && f !== "webhookSecretCipher",
  ),
  ServiceGrant: Object.values(Prisma.ServiceGrantScalarFieldEnum),
  ServiceLink: Object.values(Prisma.ServiceLinkScalarFieldEnum),
  ServiceDelivery: Object.values(Prisma.ServiceDeliveryScalarFieldEnum),
  AccessCheck: Object.values(Prisma.AccessCheckScalarFieldEnum),
  // Access review campaigns, their items (one person each, decided by one reviewer) and schedules.
  AccessReview: Object.values(Prisma.AccessReviewScalarFieldEnum),
  AccessReviewItem: Object.values(Prisma.AccessReviewItemScalarFieldEnum),
  AccessReviewSchedule: Object.values(Prisma.AccessReviewScheduleScalarFieldEnum),
  // Clips (issue 21): saved queries over the purged clips schema and their runs.
  Clip: Object.values(Prisma.ClipScalarFieldEnum),
  ClipRun: Object.values(Prisma.ClipRunScalarFieldEnum),
} as const;

export type ModelSubject = keyof typeof MODEL_FIELDS;

/** Aggregates, not rows: the subject carries { municipalityId, scope: "public" | "internal" }. */
export const VIRTUAL_SUBJECTS = { Statistics: ["municipalityId", "scope"] } as const;

export const SUBJECTS = [...(Object.keys(MODEL_FIELDS) as ModelSubject[]), "Statistics", "all"] as const;
export type SubjectName = ModelSubject | "Statistics";

// The action names are part of the ability's type, which lives in the leaf lib/identity.
import { ACTIONS, type Action } from "@/lib/identity/ability";
export { ACTIONS, type Action };

/** Record subjects shown in the permission matrix (docs/requirements.md#record-views's tables). */
export const RECORD_SUBJECTS = ["ServiceRequest", "HeritageSite", "Document", "Statistics"] as const;

/**
 * The record types the clips schema can hold a view of (issue 21): `query` rules name only these,
 * with a field list that policies/personal-data.yaml's personal fields never enter.
 */
export const CLIPS_SUBJECTS = [
  "ServiceRequest",
  "HeritageSite",
  "Document",
  "Department",
  "RequestTag",
  "RequestEvent",
] as const satisfies readonly SubjectName[];

/** Saved clips and their runs. */
export const CLIP_SUBJECTS = ["Clip", "ClipRun"] as const;

/** `access` is only about services (may this person use it?); every other action is about any subject. */
export const SUBJECT_ONLY_ACTIONS: Partial<Record<Action, readonly SubjectName[]>> = {
  access: ["Service"],
  query: CLIPS_SUBJECTS,
};

/** The actions that mean something for a subject (policy tests expect every other one denied). */
export function actionsFor(subject: SubjectName): Action[] {
  return ACTIONS.filter((a) => {
    const only = SUBJECT_ONLY_ACTIONS[a];
    return !only || only.includes(subject);
  });
}

/** Connected applications and what hangs off them (the platform console and the admin pages). */
export const SERVICE_SUBJECTS = ["Service", "ServiceGrant", "ServiceLink", "ServiceDelivery", "AccessCheck"] as const;

/** Access review campaigns, their items and schedules (lib/governance, the admin console). */
export const REVIEW_SUBJECTS = ["AccessReview", "AccessReviewItem", "AccessReviewSchedule"] as const;

/** A request's own records: read and written only through a request the caller can read (lib/data). */
export const REQUEST_CHILD_SUBJECTS = ["RequestEvent", "RequestPhoto", "RequestFollower"] as const;
/** The permission matrix's second table: a request's parts, and the municipality's tag list. */
export const REQUEST_PART_SUBJECTS = [...REQUEST_CHILD_SUBJECTS, "RequestTag"] as const;
export type RequestPartSubject = (typeof REQUEST_PART_SUBJECTS)[number];
export type RecordSubject = (typeof RECORD_SUBJECTS)[number];

/** Per-municipality module switches (docs/requirements.md#municipal-platform's MODULE_PERMISSIONS) and the subjects each governs. */
export const MODULES = {
  service_requests: ["ServiceRequest", "RequestEvent", "RequestPhoto", "RequestFollower", "RequestTag"],
  heritage: ["HeritageSite"],
  documents: ["Document"],
  statistics: ["Statistics"],
} as const satisfies Record<string, readonly SubjectName[]>;
export type ModuleName = keyof typeof MODULES;

export function fieldsOf(subject: SubjectName): readonly string[] {
  return subject === "Statistics" ? VIRTUAL_SUBJECTS.Statistics : MODEL_FIELDS[subject];
}

export const ALL_CATEGORIES = Object.values(ServiceCategory);

/** Placeholders a `where` may use, filled per principal. Anything else is a load error. */
export const PLACEHOLDERS = [
  "$user.id",
  // A service's resources often name their owner by email (AuthZEN subject ids, seed 003).
  "$user.email",
  "$membership.municipalityId",
  "$membership.departmentId",
  "$membership.allowedCategories",
  // The request a tracking link opens (public-scope groups only; lib/auth/tracking.ts).
  "$tracking.requestId",
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

/**
 * Enum-typed columns and their values, so `kind: { in: [HISTORIC_AREA, CHARACTER_AREAS] }` is a
 * load error instead of a rule that silently never matches. Keys are checked by the compiler
 * against the generated model types; values come from the generated enums.
 */
type EnumColumns<M> = { [K in keyof M]?: Record<string, string> };
export const ENUM_FIELDS = {
  ServiceRequest: { category: ServiceCategory, status: ServiceRequestStatus } satisfies EnumColumns<ServiceRequest>,
  HeritageSite: { kind: HeritageKind } satisfies EnumColumns<HeritageSite>,
  Document: { kind: DocumentKind, visibility: DocumentVisibility } satisfies EnumColumns<Document>,
  Membership: { status: MembershipStatus, allowedCategories: ServiceCategory } satisfies EnumColumns<Membership>,
  OutboxMessage: { status: OutboxStatus } satisfies EnumColumns<OutboxMessage>,
  SsoConnection: { protocol: SsoProtocol } satisfies EnumColumns<SsoConnection>,
  PlatformGrantRequest: {
    change: PlatformGrantChange,
    status: PlatformGrantStatus,
  } satisfies EnumColumns<PlatformGrantRequest>,
  RequestEvent: {
    kind: RequestEventKind,
    fromStatus: ServiceRequestStatus,
    toStatus: ServiceRequestStatus,
  } satisfies EnumColumns<RequestEvent>,
  Service: { accessStates: MembershipStatus } satisfies EnumColumns<Service>,
  ServiceGrant: { endKind: ServiceGrantEnd } satisfies EnumColumns<ServiceGrant>,
  ServiceDelivery: {
    kind: ServiceDeliveryKind,
    status: ServiceDeliveryStatus,
  } satisfies EnumColumns<ServiceDelivery>,
  AccessCheck: { status: AccessCheckStatus, state: MembershipStatus } satisfies EnumColumns<AccessCheck>,
  AccessReview: {
    scope: AccessReviewScope,
    undecidedRule: AccessReviewUndecided,
    status: AccessReviewStatus,
  } satisfies EnumColumns<AccessReview>,
  AccessReviewItem: {
    decision: AccessReviewDecision,
    outcome: AccessReviewOutcome,
  } satisfies EnumColumns<AccessReviewItem>,
  AccessReviewSchedule: {
    scope: AccessReviewScope,
    undecidedRule: AccessReviewUndecided,
  } satisfies EnumColumns<AccessReviewSchedule>,
  ClipRun: { status: ClipRunStatus } satisfies EnumColumns<ClipRun>,
  Statistics: { scope: { public: "public", internal: "internal" } },
} as const;

export function enumValuesOf(subject: SubjectName, field: string): readonly string[] | undefined {
  const columns = (ENUM_FIELDS as Partial<Record<SubjectName, Record<string, Record<string, string>>>>)[subject];
  const e = columns?.[field];
  return e ? Object.values(e) : undefined;
}

/** Prisma filter operators that @casl/prisma interprets on scalar columns. */
export const WHERE_OPERATORS = [
  "equals",
  "not",
  "in",
  "notIn",
  "lt",
  "lte",
  "gt",
  "gte",
  "contains",
  "startsWith",
  "endsWith",
  "mode",
  "isEmpty",
  "has",
  "hasSome",
  "hasEvery",
] as const;
