// What an ability is, as a type: the actions and subjects a CASL ability answers for, with
// Prisma conditions. It lives here, beside Principal and Viewer, so every layer can name it
// without importing lib/policy (which builds abilities) — lib/identity imports nothing else
// from lib. Only types and the list of action names; no rules, no database.
import type { Ability } from "@casl/ability";
import type { PrismaQueryOf, Subjects, WhereInputOf } from "@casl/prisma/runtime";
import type {
  AccessReview,
  AccessReviewItem,
  AccessReviewSchedule,
  ApiToken,
  AuditEvent,
  Clip,
  ClipRun,
  Department,
  Document,
  HeritageSite,
  Invitation,
  Membership,
  Municipality,
  OutboxMessage,
  PlatformGrantRequest,
  Prisma,
  RequestEvent,
  RequestFollower,
  RequestPhoto,
  RequestTag,
  ScimConnection,
  Service,
  ServiceDelivery,
  ServiceGrant,
  ServiceLink,
  AccessCheck,
  ServiceRequest,
  SsoConnection,
  User,
} from "@/lib/generated/prisma/client";

// `access`: may use a connected service at all (seed 003's "Can access the <service> service"),
// asked on a Service row (lib/services/access.ts).
// `query`: which fields of a record type exist in the clips schema (lib/clips, issue 21): only
// the clips group's `query` rules count, never a person's own ability.
export const ACTIONS = [
  "manage",
  "read",
  "create",
  "update",
  "delete",
  "export",
  "approve",
  "suspend",
  "access",
  "query",
] as const;
export type Action = (typeof ACTIONS)[number];

export type PrismaQuery = PrismaQueryOf<Prisma.TypeMap>;
export type WhereInput<M extends Prisma.ModelName> = WhereInputOf<Prisma.TypeMap, M>;

export type ModelSubjects = Subjects<{
  ServiceRequest: ServiceRequest;
  HeritageSite: HeritageSite;
  Document: Document;
  Municipality: Municipality;
  Membership: Membership;
  Invitation: Invitation;
  ApiToken: ApiToken;
  AuditEvent: AuditEvent;
  OutboxMessage: OutboxMessage;
  User: User;
  Department: Department;
  SsoConnection: SsoConnection;
  ScimConnection: ScimConnection;
  PlatformGrantRequest: PlatformGrantRequest;
  RequestEvent: RequestEvent;
  RequestPhoto: RequestPhoto;
  RequestFollower: RequestFollower;
  RequestTag: RequestTag;
  Service: Service;
  ServiceGrant: ServiceGrant;
  ServiceLink: ServiceLink;
  ServiceDelivery: ServiceDelivery;
  AccessCheck: AccessCheck;
  AccessReview: AccessReview;
  AccessReviewItem: AccessReviewItem;
  AccessReviewSchedule: AccessReviewSchedule;
  Clip: Clip;
  ClipRun: ClipRun;
}>;

export type AppSubject = ModelSubjects | "Statistics" | "all";
export type AppAbility = Ability<[Action, AppSubject], PrismaQuery>;
