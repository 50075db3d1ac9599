// The only import of @casl/prisma/runtime, typed with our generated Prisma.TypeMap (the
// @casl/prisma README, "Custom PrismaClient output path"): a wrong model name cannot compile.
// Use accessibleBy(ability, action).ofType("Model") — the 1.x `.Model` form is undefined in
// 2.x and would match every row of every tenant (TOOLCHAIN.md).
import { accessibleBy, createPrismaAbility, type PrismaQueryOf, type Subjects, type WhereInputOf } from "@casl/prisma/runtime";
import type { Ability } from "@casl/ability";
import type {
  ApiToken, AuditEvent, Document, HeritageSite, Invitation, Membership, Municipality, OutboxMessage, Prisma, ServiceRequest, User,
} from "@/lib/generated/prisma/client";
import type { Action } from "./subjects";

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
