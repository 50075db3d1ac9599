// The enum values of the schema, for forms and filters in app/. Only values: app/ never imports
// the Prisma client itself (records go through lib/data).
export {
  DocumentKind,
  DocumentVisibility,
  HeritageKind,
  MembershipStatus,
  ServiceCategory,
  ServiceRequestStatus,
} from "@/lib/generated/prisma/enums";
