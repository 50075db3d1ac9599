// The only import of @casl/prisma/runtime, typed with our generated Prisma.TypeMap (the
// @casl/prisma README, "Custom PrismaClient output path"): a wrong model name cannot compile.
// Use accessibleBy(ability, action).ofType("Model") — the 1.x `.Model` form is undefined in
// 2.x and would match every row of every tenant (TOOLCHAIN.md).
import { accessibleBy, createPrismaAbility, type PrismaQueryOf, type Subjects, type WhereInputOf } from "@casl/prisma/runtime";
import { subject as asSubject, type Ability } from "@casl/ability";
import type {
  ApiToken, AuditEvent, Document, HeritageSite, Invitation, Membership, Municipality, OutboxMessage, Prisma, ServiceRequest, User,
} from "@/lib/generated/prisma/client";
import type { Action, SubjectName } from "./subjects";

export { accessibleBy, createPrismaAbility };

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
}>;

export type AppSubject = ModelSubjects | "Statistics" | "all";
export type AppAbility = Ability<[Action, AppSubject], PrismaQuery>;

/**
 * A row (or test attributes) as a CASL subject of the given type. Rows here are partial — only the
 * selected or permitted columns — which the generated model types cannot express, so the one cast
 * lives here instead of at every call site. The type name is still checked (SubjectName).
 */
export function subjectOf(type: SubjectName, row: Record<string, unknown>): AppSubject {
  return asSubject(type, { ...row }) as unknown as AppSubject;
}
