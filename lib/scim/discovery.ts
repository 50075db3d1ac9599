// The SCIM discovery endpoints (RFC 7644 §4, RFC 7643 §5–7): what this service provider supports,
// so Entra ID's and Okta's "test connection" and schema discovery see the truth — PATCH yes, bulk
// no, filter yes (the forms lib/scim/filter.ts understands), sort and ETags no, bearer tokens.
import "server-only";
import { LIST_SCHEMA } from "./response";

export const USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
export const GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";
export const ENTERPRISE_USER = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
export const MAX_RESULTS = 200;

export function serviceProviderConfig(base: string) {
  return {
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"],
    documentationUri: `${base}/ServiceProviderConfig`,
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: MAX_RESULTS },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: [
      {
        type: "oauthbearertoken",
        name: "Bearer token",
        description: "The token shown once on the municipality's Directory page in Gatehouse.",
        primary: true,
      },
    ],
    meta: { resourceType: "ServiceProviderConfig", location: `${base}/ServiceProviderConfig` },
  };
}

const resourceTypes = (base: string) => [
  {
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"],
    id: "User",
    name: "User",
    endpoint: "/Users",
    description: "A person's membership in this municipality",
    schema: USER_SCHEMA,
    schemaExtensions: [{ schema: ENTERPRISE_USER, required: false }],
    meta: { resourceType: "ResourceType", location: `${base}/ResourceTypes/User` },
  },
  {
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"],
    id: "Group",
    name: "Group",
    endpoint: "/Groups",
    description: "A directory group; its display name maps to Gatehouse groups",
    schema: GROUP_SCHEMA,
    meta: { resourceType: "ResourceType", location: `${base}/ResourceTypes/Group` },
  },
];

type Attr = {
  name: string;
  type: string;
  multiValued?: boolean;
  required?: boolean;
  mutability?: string;
  uniqueness?: string;
  subAttributes?: Attr[];
};
const attr = (name: string, type = "string", more: Partial<Attr> = {}) => ({
  name,
  type,
  multiValued: false,
  required: false,
  caseExact: false,
  mutability: "readWrite",
  returned: "default",
  uniqueness: "none",
  ...more,
});

const schemas = (base: string) => [
  {
    id: USER_SCHEMA,
    name: "User",
    description: "User account",
    attributes: [
      attr("userName", "string", { required: true, uniqueness: "server" }),
      attr("name", "complex", { subAttributes: [attr("givenName"), attr("familyName"), attr("formatted")] }),
      attr("displayName"),
      attr("title"),
      attr("active", "boolean"),
      attr("emails", "complex", {
        multiValued: true,
        subAttributes: [attr("value"), attr("type"), attr("primary", "boolean")],
      }),
      attr("phoneNumbers", "complex", { multiValued: true, subAttributes: [attr("value"), attr("type")] }),
      attr("groups", "complex", {
        multiValued: true,
        mutability: "readOnly",
        subAttributes: [attr("value"), attr("display")],
      }),
    ],
    meta: { resourceType: "Schema", location: `${base}/Schemas/${USER_SCHEMA}` },
  },
  {
    id: GROUP_SCHEMA,
    name: "Group",
    description: "Group",
    attributes: [
      attr("displayName", "string", { required: true, uniqueness: "server" }),
      attr("members", "complex", { multiValued: true, subAttributes: [attr("value"), attr("display")] }),
    ],
    meta: { resourceType: "Schema", location: `${base}/Schemas/${GROUP_SCHEMA}` },
  },
];

const list = (resources: object[]) => ({
  schemas: [LIST_SCHEMA],
  totalResults: resources.length,
  startIndex: 1,
  itemsPerPage: resources.length,
  Resources: resources,
});

/** GET /ResourceTypes[/{id}], /Schemas[/{id}]: the list, one entry, or null (404). */
export function discovery(base: string, kind: "ResourceTypes" | "Schemas", id: string | undefined): object | null {
  const all: { id: string }[] = kind === "ResourceTypes" ? resourceTypes(base) : schemas(base);
  if (id === undefined) return list(all);
  return all.find((r) => r.id === id) ?? null;
}
