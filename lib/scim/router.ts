// The SCIM 2.0 endpoint of one municipality, /scim/v2/<slug>/… (RFC 7644): authenticates the
// directory's bearer token for that municipality (./connection.ts), then dispatches by method and
// path. Every answer is application/scim+json; every refusal a SCIM Error (./response.ts) — a
// resource outside the connection's municipality is 404, malformed input a 400 with its scimType.
//
// Library choice: `scim-patch` applies PATCH operations (paths with value filters such as
// emails[type eq "work"].value and members[value eq "…"], no-path replace with a value object,
// add/remove of members) to the resource as SCIM sees it, and its parser `scim2-parse-filter`
// reads the query filters — both small, maintained, MIT, with no framework around them. `scimmy`
// would own the resource model and the whole server loop, which would have to be bent around
// memberships, our flows and our audit trail; here the library does the grammar, our flows decide.
import "server-only";
import { env } from "@/lib/env";
import { clientIpFrom } from "@/lib/auth/client-ip";
import { authenticate } from "./connection";
import { discovery, serviceProviderConfig } from "./discovery";
import { readJson } from "./body";
import { pagingOf } from "./paging";
import { scimError, scimErrorOf, scimJson, ScimError } from "./response";
import { createUser, deleteUser, getUser, listUsers, patchUser, replaceUser } from "./users";
import { createGroup, deleteGroup, getGroup, listGroups, patchGroup, replaceGroup, wantsMembers } from "./groups";

export const scimBase = (slug: string) => `${env().APP_URL.replace(/\/$/, "")}/scim/v2/${slug}`;

const notAllowed = () => new ScimError(405, null, "This method is not supported on this endpoint.");

export async function handleScim(req: Request, slug: string, path: string[]): Promise<Response> {
  try {
    const actor = await authenticate(slug, req.headers.get("authorization"), clientIpFrom(req.headers));
    const base = scimBase(actor.slug);
    const params = new URL(req.url).searchParams;
    const method = req.method.toUpperCase();
    const [resource, id, ...rest] = path;
    if (rest.length > 0 || resource === undefined) throw new ScimError(404, null, "Resource not found.");
    switch (resource) {
      case "ServiceProviderConfig":
        if (method !== "GET") throw notAllowed();
        if (id !== undefined) throw new ScimError(404, null, "Resource not found.");
        return scimJson(serviceProviderConfig(base));
      case "ResourceTypes":
      case "Schemas": {
        if (method !== "GET") throw notAllowed();
        const found = discovery(base, resource, id);
        if (!found) throw new ScimError(404, null, "Resource not found.");
        return scimJson(found);
      }
      case "Users":
        if (id === undefined) {
          if (method === "GET") return scimJson(await listUsers(actor, base, params.get("filter"), pagingOf(params)));
          if (method === "POST") return created(await createUser(actor, base, await readJson(req)));
          throw notAllowed();
        }
        if (method === "GET") return scimJson(await getUser(actor, base, id));
        if (method === "PUT") return scimJson(await replaceUser(actor, base, id, await readJson(req)));
        if (method === "PATCH") return scimJson(await patchUser(actor, base, id, await readJson(req)));
        if (method === "DELETE") return noContent(await deleteUser(actor, id));
        throw notAllowed();
      case "Groups":
        if (id === undefined) {
          if (method === "GET")
            return scimJson(
              await listGroups(actor, base, params.get("filter"), pagingOf(params), wantsMembers(params)),
            );
          if (method === "POST") return created(await createGroup(actor, base, await readJson(req)));
          throw notAllowed();
        }
        if (method === "GET") return scimJson(await getGroup(actor, base, id, wantsMembers(params)));
        if (method === "PUT") return scimJson(await replaceGroup(actor, base, id, await readJson(req)));
        if (method === "PATCH") return noContent(await patchGroup(actor, base, id, await readJson(req)));
        if (method === "DELETE") return noContent(await deleteGroup(actor, id));
        throw notAllowed();
      default:
        throw new ScimError(404, null, "Resource not found.");
    }
  } catch (err) {
    const retry = (err as { retryAfter?: number }).retryAfter;
    if (err instanceof ScimError && retry) return scimError(429, null, err.message, { "Retry-After": String(retry) });
    return scimErrorOf(err);
  }
}

const created = (resource: { meta: { location: string } }) =>
  scimJson(resource, 201, { Location: resource.meta.location });
const noContent = (_: void) => scimJson(null, 204);
