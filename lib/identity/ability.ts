// What an ability is, as a type: the actions and subjects a CASL ability answers for, with
// Prisma conditions. It lives here, beside Principal and Viewer, so every layer can name it
// without importing lib/policy (which builds abilities) — lib/identity imports nothing else
// from lib. Only types and the list of action names; no rules, no database.
import type { Ability } from "@casl/ability";
import type { PrismaQueryOf, Subjects, WhereInputOf } from "@casl/prisma/runtime";
import type {
  ApiToken,
  AuditEvent,
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
  ServiceRequest,
  SsoConnection,
  User,
} from "@/lib/generated/prisma/client";

export const ACTIONS = ["manage", "read", "create", "update", "delete", "export", "approve", "suspend"] as const;
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
}>;

export type AppSubject = ModelSubjects | "Statistics" | "all";
export type AppAbility = Ability<[Action, AppSubject], PrismaQuery>;
