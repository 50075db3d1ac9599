// SCIM 2.0 directory sync end to end on the real database: the request sequence Entra ID's
// provisioning sends (look up by userName, create, create the group and add the member, PATCH
// replace attributes, deactivate, reactivate, remove from the group, delete), as real Request
// objects through the route's handler, checking memberships, groups and audit events at each
// step; another municipality's token gets nothing; bad input gets SCIM errors, never a 500.
import { beforeAll, describe, expect, it } from "vitest";
import { testPrisma } from "@/test/fixtures/db";
import { freshMunicipality } from "@/test/fixtures/municipalities";
import { freshPerson, DEMO_PASSWORD } from "@/test/fixtures/people";
import { viewerOfUser } from "@/test/fixtures/viewers";
import { setUpScimConnection, rotateScimToken, setScimEnabled } from "@/lib/data/scim-connections";
import { handleScim } from "./router";

const db = testPrisma();
const ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";
const PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
const USER = "urn:ietf:params:scim:schemas:core:2.0:User";
const GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";

type Town = { id: string; slug: string; domain: string; token: string; adminId: string };

/** A municipality with an email domain, console mappings for two directory groups, an admin and a SCIM token. */
async function town(): Promise<Town> {
  const m = await freshMunicipality();
  const domain = `${m.slug}.test`;
  await db.municipality.update({ where: { id: m.id }, data: { emailDomains: [domain] } });
  await db.ssoConnection.create({
    data: {
      municipalityId: m.id,
      protocol: "OIDC",
      claimMappings: { groups: { "Town Operators": ["operator"], "Town Readers": ["viewer", "document_editor"] } },
    },
  });
  const admin = await freshPerson(m.id, ["municipality_admin"], { email: `admin@${domain}` });
  const token = await setUpScimConnection(await viewerOfUser(admin.id), m.id);
  return { id: m.id, slug: m.slug, domain, token, adminId: admin.id };
}

async function scim(
  t: { slug: string; token: string | null },
  method: string,
  path: string,
  body?: unknown,
  opts: { raw?: string; contentType?: string } = {},
) {
  const [p, q] = path.split("?");
  const headers: Record<string, string> = { "content-type": opts.contentType ?? "application/scim+json" };
  if (t.token) headers.authorization = `Bearer ${t.token}`;
  const req = new Request(`http://localhost/scim/v2/${t.slug}${p}${q ? `?${q}` : ""}`, {
    method,
    headers,
    body: opts.raw ?? (body === undefined ? undefined : JSON.stringify(body)),
  });
  const res = await handleScim(req, t.slug, p!.split("/").filter(Boolean));
  const text = await res.text();
  return { status: res.status, type: res.headers.get("content-type"), body: text ? JSON.parse(text) : null };
}

const ops = (...Operations: object[]) => ({ schemas: [PATCH], Operations });
const eventsOf = (targetId: string) =>
  db.auditEvent.findMany({
    where: { targetId },
    orderBy: { seq: "asc" },
    select: { action: true, actorType: true, actorId: true, data: true },
  });

let riv: Town;
let other: Town;
let connectionId: string;

beforeAll(async () => {
  riv = await town();
  other = await town();
  connectionId = (await db.scimConnection.findUniqueOrThrow({ where: { municipalityId: riv.id } })).id;
});

describe("the Entra ID provisioning sequence", () => {
  it("creates, groups, updates, deactivates, reactivates and deletes a person, audited as the directory", async () => {
    const email = `ann.${riv.slug}@${riv.domain}`;
    // 1. Entra looks the person up first.
    const none = await scim(riv, "GET", `/Users?filter=${encodeURIComponent(`userName eq "${email}"`)}`);
    expect(none.status).toBe(200);
    expect(none.type).toBe("application/scim+json");
    expect(none.body).toMatchObject({ totalResults: 0, Resources: [] });

    // 2. Create.
    const created = await scim(riv, "POST", "/Users", {
      schemas: [USER, "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
      externalId: "entra-ann",
      userName: email,
      active: true,
      displayName: "Ann Example",
      title: "Clerk",
      emails: [{ primary: true, type: "work", value: email }],
      name: { givenName: "Ann", familyName: "Example", formatted: "Ann Example" },
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": { department: "Works" },
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect(created.body).toMatchObject({ userName: email, active: true, externalId: "entra-ann", title: "Clerk" });
    const m = await db.membership.findUniqueOrThrow({
      where: { id },
      include: { user: { omit: { passwordHash: false } } },
    });
    expect(m).toMatchObject({
      municipalityId: riv.id,
      status: "ACTIVE",
      source: "scim",
      scimExternalId: "entra-ann",
      groups: [],
    });
    expect(m.user).toMatchObject({ email, name: "Ann Example", passwordHash: null, platformGroups: [] });

    // 3. Found by userName and by externalId now; GET by id.
    const found = await scim(riv, "GET", `/Users?filter=${encodeURIComponent(`userName eq "${email.toUpperCase()}"`)}`);
    expect(found.body.totalResults).toBe(1);
    expect(found.body.Resources[0].id).toBe(id);
    const byExt = await scim(riv, "GET", `/Users?filter=${encodeURIComponent('externalId eq "entra-ann"')}`);
    expect(byExt.body.Resources.map((r: { id: string }) => r.id)).toEqual([id]);
    expect((await scim(riv, "GET", `/Users/${id}`)).body.name).toMatchObject({
      givenName: "Ann",
      familyName: "Example",
    });

    // 4. The group: looked up, created empty, the member added by PATCH (as Entra does).
    const g0 = await scim(
      riv,
      "GET",
      `/Groups?filter=${encodeURIComponent('displayName eq "Town Operators"')}&excludedAttributes=members`,
    );
    expect(g0.body.totalResults).toBe(0);
    const group = await scim(riv, "POST", "/Groups", {
      schemas: [GROUP],
      displayName: "Town Operators",
      externalId: "g-ops",
      members: [],
    });
    expect(group.status).toBe(201);
    const gid = group.body.id as string;
    const added = await scim(
      riv,
      "PATCH",
      `/Groups/${gid}`,
      ops({ op: "Add", path: "members", value: [{ value: id }] }),
    );
    expect(added.status).toBe(204);
    expect((await db.membership.findUniqueOrThrow({ where: { id } })).groups).toEqual(["operator"]);
    const inGroup = await scim(
      riv,
      "GET",
      `/Groups?filter=${encodeURIComponent(`id eq "${gid}" and members[value eq "${id}"]`)}&excludedAttributes=members`,
    );
    expect(inGroup.body.totalResults).toBe(1);
    expect(inGroup.body.Resources[0]).not.toHaveProperty("members");
    // A second group maps to two groups; Okta replaces a whole member list with PUT.
    const readers = await scim(riv, "POST", "/Groups", {
      schemas: [GROUP],
      displayName: "Town Readers",
      members: [{ value: id }],
    });
    expect((await db.membership.findUniqueOrThrow({ where: { id } })).groups).toEqual([
      "document_editor",
      "operator",
      "viewer",
    ]);
    expect(
      (await scim(riv, "GET", `/Users/${id}`)).body.groups.map((x: { display: string }) => x.display).sort(),
    ).toEqual(["Town Operators", "Town Readers"]);
    await scim(riv, "PUT", `/Groups/${readers.body.id}`, {
      schemas: [GROUP],
      displayName: "Town Readers",
      members: [],
    });
    expect((await db.membership.findUniqueOrThrow({ where: { id } })).groups).toEqual(["operator"]);

    // 5. PATCH replace, as Entra sends it: paths, a filtered email path, and a no-path value object.
    const newEmail = `ann.example.${riv.slug}@${riv.domain}`;
    const patched = await scim(
      riv,
      "PATCH",
      `/Users/${id}`,
      ops(
        { op: "Replace", path: "name.givenName", value: "Anna" },
        { op: "Replace", path: 'emails[type eq "work"].value', value: newEmail },
        { op: "replace", value: { displayName: "Anna Example", title: "Senior clerk", "name.familyName": "Example" } },
      ),
    );
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      displayName: "Anna Example",
      title: "Senior clerk",
      name: { givenName: "Anna" },
    });
    const after = await db.membership.findUniqueOrThrow({ where: { id }, include: { user: true } });
    expect(after.user).toMatchObject({ email: newEmail, name: "Anna Example" });
    expect(after).toMatchObject({ jobTitle: "Senior clerk", scimGivenName: "Anna" });

    // 6. Deactivate (Entra sends "False" as a string): suspended at once, sessions and tokens end.
    const session = await db.session.create({
      data: { sessionToken: `s-${id}`, userId: m.userId, expires: new Date(Date.now() + 3600_000) },
    });
    const apiToken = await db.apiToken.create({
      data: {
        name: "script",
        tokenHash: `h-${id}`,
        prefix: "gh_x",
        userId: m.userId,
        createdById: m.userId,
        municipalityId: riv.id,
        groups: ["operator"],
        expiresAt: new Date(Date.now() + 86_400_000),
      },
    });
    const off = await scim(riv, "PATCH", `/Users/${id}`, ops({ op: "Replace", path: "active", value: "False" }));
    expect(off.status).toBe(200);
    expect(off.body.active).toBe(false);
    expect(await db.membership.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "SUSPENDED" });
    expect((await db.session.findUniqueOrThrow({ where: { id: session.id } })).revokedAt).not.toBeNull();
    expect((await db.apiToken.findUniqueOrThrow({ where: { id: apiToken.id } })).revokedAt).not.toBeNull();

    // 7. Reactivate.
    await scim(riv, "PATCH", `/Users/${id}`, ops({ op: "replace", value: { active: true } }));
    expect((await db.membership.findUniqueOrThrow({ where: { id } })).status).toBe("ACTIVE");

    // 8. Out of the group by a filtered path: no groups left.
    const removed = await scim(
      riv,
      "PATCH",
      `/Groups/${gid}`,
      ops({ op: "Remove", path: `members[value eq "${id}"]` }),
    );
    expect(removed.status).toBe(204);
    expect((await db.membership.findUniqueOrThrow({ where: { id } })).groups).toEqual([]);

    // 9. Delete: suspended and unlinked, never deleted.
    const del = await scim(riv, "DELETE", `/Users/${id}`);
    expect(del.status).toBe(204);
    expect((await scim(riv, "GET", `/Users/${id}`)).status).toBe(404);
    const kept = await db.membership.findUniqueOrThrow({ where: { id }, include: { user: true } });
    expect(kept).toMatchObject({ status: "SUSPENDED", scimLinkedAt: null });
    expect(kept.user.isActive).toBe(true);

    const events = await eventsOf(id);
    expect(events.map((e) => e.action)).toEqual([
      "directory.user_created",
      "membership.directory_sync",
      "membership.directory_sync",
      "membership.directory_sync",
      "directory.user_updated",
      "membership.suspend",
      "membership.reactivate",
      "membership.directory_sync",
      "membership.suspend",
      "directory.user_deleted",
    ]);
    for (const e of events) expect(e).toMatchObject({ actorType: "directory", actorId: connectionId });
    expect(events[1]!.data).toMatchObject({ added: ["operator"], removed: [], directoryGroups: ["Town Operators"] });
    expect((await eventsOf(gid)).map((e) => e.action)).toEqual([
      "directory.group_created",
      "directory.group_updated",
      "directory.group_updated",
    ]);
  });

  it("pages with startIndex and count, and reports totalResults", async () => {
    for (const n of [1, 2, 3])
      await scim(riv, "POST", "/Users", { schemas: [USER], userName: `page${n}.${riv.slug}@${riv.domain}` });
    const all = await scim(riv, "GET", "/Users?count=200");
    const page = await scim(riv, "GET", "/Users?startIndex=2&count=2");
    expect(page.body).toMatchObject({ totalResults: all.body.totalResults, startIndex: 2, itemsPerPage: 2 });
    expect(page.body.Resources.map((r: { id: string }) => r.id)).toEqual(
      all.body.Resources.slice(1, 3).map((r: { id: string }) => r.id),
    );
    expect((await scim(riv, "GET", "/Users?count=0")).body).toMatchObject({ itemsPerPage: 0, Resources: [] });
  });

  it("answers discovery: ServiceProviderConfig, ResourceTypes, Schemas", async () => {
    const spc = await scim(riv, "GET", "/ServiceProviderConfig");
    expect(spc.body).toMatchObject({
      patch: { supported: true },
      bulk: { supported: false },
      filter: { supported: true },
    });
    expect((await scim(riv, "GET", "/ResourceTypes")).body.Resources.map((r: { id: string }) => r.id)).toEqual([
      "User",
      "Group",
    ]);
    expect((await scim(riv, "GET", "/ResourceTypes/User")).body.endpoint).toBe("/Users");
    expect((await scim(riv, "GET", `/Schemas/${USER}`)).body.id).toBe(USER);
    expect((await scim(riv, "GET", "/Schemas/nope")).status).toBe(404);
  });
});

describe("one municipality's directory", () => {
  it("reaches nothing of another municipality: 401 at its URL, 404 for its resources", async () => {
    const u = await scim(riv, "POST", "/Users", { schemas: [USER], userName: `bo.${riv.slug}@${riv.domain}` });
    const g = await scim(riv, "POST", "/Groups", {
      schemas: [GROUP],
      displayName: "Town Operators 2",
      members: [{ value: u.body.id }],
    });
    // Riverton's token at the other town's URL.
    const wrongUrl = await scim({ slug: other.slug, token: riv.token }, "GET", "/Users");
    expect(wrongUrl.status).toBe(401);
    expect(wrongUrl.body.schemas).toEqual([ERROR]);
    // The other town's own token, asking for Riverton's resources.
    for (const path of [`/Users/${u.body.id}`, `/Groups/${g.body.id}`])
      for (const method of ["GET", "DELETE"]) expect((await scim(other, method, path)).status).toBe(404);
    expect(
      (await scim(other, "PATCH", `/Users/${u.body.id}`, ops({ op: "replace", path: "active", value: false }))).status,
    ).toBe(404);
    expect(
      (await scim(other, "GET", `/Users?filter=${encodeURIComponent(`id eq "${u.body.id}"`)}`)).body.totalResults,
    ).toBe(0);
    expect((await scim(other, "GET", "/Groups")).body.totalResults).toBe(0);
    // Nor can it put Riverton's member in its own group.
    const foreign = await scim(other, "POST", "/Groups", {
      schemas: [GROUP],
      displayName: "Theirs",
      members: [{ value: u.body.id }],
    });
    expect(foreign).toMatchObject({ status: 400, body: { scimType: "invalidValue" } });
    // An address of Riverton's domain is not the other town's to provision.
    const domain = await scim(other, "POST", "/Users", { schemas: [USER], userName: `x.${riv.slug}@${riv.domain}` });
    expect(domain).toMatchObject({ status: 400, body: { scimType: "invalidValue" } });
    expect(await db.membership.findUniqueOrThrow({ where: { id: u.body.id } })).toMatchObject({
      status: "ACTIVE",
      groups: [],
    });
  });

  it("never grants platform groups and joins accounts only under the trust rules", async () => {
    const platform = await freshPerson(riv.id, [], {
      email: `pa.${riv.slug}@${riv.domain}`,
      platformGroups: ["platform_admin"],
    });
    const p = await scim(riv, "POST", "/Users", { schemas: [USER], userName: platform.email });
    expect(p).toMatchObject({ status: 409, body: { scimType: "uniqueness" } });
    // An account elsewhere that signs in with its own password is not handed to this directory.
    const withPassword = await freshPerson(other.id, ["viewer"], {
      email: `pw.${riv.slug}@${riv.domain}`,
      password: DEMO_PASSWORD,
    });
    const w = await scim(riv, "POST", "/Users", { schemas: [USER], userName: withPassword.email });
    expect(w.status).toBe(409);
    expect(await db.membership.count({ where: { userId: withPassword.id, municipalityId: riv.id } })).toBe(0);
    const refused = await db.auditEvent.findMany({
      where: { action: "directory.refused", municipalityId: riv.id },
      select: { data: true },
    });
    expect(refused.map((r) => (r.data as { reason: string }).reason)).toEqual(
      expect.arrayContaining(["platform_account", "link_required"]),
    );
    // An account nobody can sign in to on their own (no password, passkey or other identity) is joined.
    const noSignIn = await freshPerson(other.id, ["viewer"], { email: `ns.${riv.slug}@${riv.domain}` });
    const joined = await scim(riv, "POST", "/Users", { schemas: [USER], userName: noSignIn.email });
    expect(joined.status).toBe(201);
    expect(await db.membership.findUniqueOrThrow({ where: { id: joined.body.id } })).toMatchObject({
      userId: noSignIn.id,
      municipalityId: riv.id,
      source: "scim",
    });
    // The other municipality's membership is neither visible nor changed.
    expect(await db.membership.findUniqueOrThrow({ where: { id: noSignIn.memberships[0]!.id } })).toMatchObject({
      status: "ACTIVE",
      groups: ["viewer"],
      scimLinkedAt: null,
    });
    // A member already here (invited, with a password) is adopted; their address stays theirs.
    const invited = await freshPerson(riv.id, ["viewer"], {
      email: `inv.${riv.slug}@${riv.domain}`,
      password: DEMO_PASSWORD,
    });
    const adopted = await scim(riv, "POST", "/Users", { schemas: [USER], userName: invited.email });
    expect(adopted.status).toBe(201);
    expect(adopted.body.id).toBe(invited.memberships[0]!.id);
    const move = await scim(
      riv,
      "PATCH",
      `/Users/${adopted.body.id}`,
      ops({ op: "replace", path: 'emails[type eq "work"].value', value: `inv2.${riv.slug}@${riv.domain}` }),
    );
    expect(move).toMatchObject({ status: 400, body: { scimType: "mutability" } });
    // A group named like a platform group maps to nothing; from the directory's first group change
    // on, the directory decides the adopted member's groups (here: none).
    await scim(riv, "POST", "/Groups", {
      schemas: [GROUP],
      displayName: "superuser",
      members: [{ value: adopted.body.id }],
    });
    expect((await db.membership.findUniqueOrThrow({ where: { id: adopted.body.id } })).groups).toEqual([]);
    expect((await db.user.findUniqueOrThrow({ where: { id: invited.id } })).platformGroups).toEqual([]);
  });

  it("never suspends the last active admin, and a group change keeps their admin group", async () => {
    const t = await town();
    const adopted = await scim(t, "POST", "/Users", { schemas: [USER], userName: `admin@${t.domain}` });
    expect(adopted.status).toBe(201);
    const off = await scim(
      t,
      "PATCH",
      `/Users/${adopted.body.id}`,
      ops({ op: "replace", path: "active", value: false }),
    );
    expect(off.status).toBe(409);
    expect(off.body.schemas).toEqual([ERROR]);
    expect((await scim(t, "DELETE", `/Users/${adopted.body.id}`)).status).toBe(409);
    await scim(t, "POST", "/Groups", {
      schemas: [GROUP],
      displayName: "Town Operators",
      members: [{ value: adopted.body.id }],
    });
    const m = await db.membership.findUniqueOrThrow({ where: { id: adopted.body.id } });
    expect(m).toMatchObject({ status: "ACTIVE", groups: ["municipality_admin", "operator"] });
    const sync = await db.auditEvent.findFirstOrThrow({
      where: { targetId: m.id, action: "membership.directory_sync" },
      select: { data: true },
    });
    expect(sync.data).toMatchObject({ keptLastAdmin: true, added: ["operator"] });
  });

  it("stops at once when the token is rotated or the connection disabled", async () => {
    const t = await town();
    const admin = await viewerOfUser(t.adminId);
    expect((await scim(t, "GET", "/Users")).status).toBe(200);
    const fresh = await rotateScimToken(admin, t.id);
    expect((await scim(t, "GET", "/Users")).status).toBe(401);
    expect((await scim({ slug: t.slug, token: fresh }, "GET", "/Users")).status).toBe(200);
    await setScimEnabled(admin, t.id, false);
    expect((await scim({ slug: t.slug, token: fresh }, "GET", "/Users")).status).toBe(401);
    const conn = await db.scimConnection.findUniqueOrThrow({ where: { municipalityId: t.id } });
    expect(conn.tokenHash).not.toContain(fresh);
    expect(
      JSON.stringify(await db.auditEvent.findMany({ where: { municipalityId: t.id }, select: { data: true } })),
    ).not.toContain(fresh);
  });
});

describe("bad input", () => {
  const cases: [string, string, string, unknown, { raw?: string; contentType?: string }, number, string | null][] = [
    [
      "unparseable filter",
      "GET",
      `/Users?filter=${encodeURIComponent('userName eq "x')}`,
      undefined,
      {},
      400,
      "invalidFilter",
    ],
    [
      "unsupported operator",
      "GET",
      `/Users?filter=${encodeURIComponent('userName co "x"')}`,
      undefined,
      {},
      400,
      "invalidFilter",
    ],
    [
      "unknown attribute",
      "GET",
      `/Users?filter=${encodeURIComponent('password eq "x"')}`,
      undefined,
      {},
      400,
      "invalidFilter",
    ],
    [
      "group filter on users",
      "GET",
      `/Users?filter=${encodeURIComponent('members[value eq "x"]')}`,
      undefined,
      {},
      400,
      "invalidFilter",
    ],
    ["bad startIndex", "GET", "/Users?startIndex=abc", undefined, {}, 400, "invalidValue"],
    ["not JSON", "POST", "/Users", undefined, { raw: "{nope" }, 400, "invalidSyntax"],
    [
      "wrong content type",
      "POST",
      "/Users",
      undefined,
      { raw: "a=b", contentType: "application/x-www-form-urlencoded" },
      400,
      "invalidSyntax",
    ],
    ["no userName", "POST", "/Users", { schemas: [USER] }, {}, 400, "invalidValue"],
    ["userName of the wrong type", "POST", "/Users", { userName: ["a"] }, {}, 400, "invalidValue"],
    ["not an address", "POST", "/Users", { userName: "just-a-name" }, {}, 400, "invalidValue"],
    ["NUL byte", "POST", "/Users", { userName: "a\u0000@x.test" }, {}, 400, "invalidValue"],
    [
      "__proto__ key",
      "POST",
      "/Users",
      undefined,
      { raw: '{"userName":"a@b.test","__proto__":{"x":1}}' },
      400,
      "invalidValue",
    ],
    [
      "too deep",
      "POST",
      "/Groups",
      undefined,
      { raw: `{"displayName":${"[".repeat(5000)}${"]".repeat(5000)}}` },
      400,
      "invalidSyntax",
    ],
    ["array body", "POST", "/Groups", [], {}, 400, "invalidValue"],
    ["method not allowed", "PUT", "/Users", {}, {}, 405, null],
    ["unknown endpoint", "GET", "/Bulk", undefined, {}, 404, null],
    ["unknown id", "GET", "/Users/%00", undefined, {}, 404, null],
  ];
  it.each(cases)("%s → SCIM error", async (_name, method, path, body, opts, status, scimType) => {
    const res = await scim(riv, method, path, body, opts);
    expect(res.status).toBe(status);
    expect(res.type).toBe("application/scim+json");
    expect(res.body).toMatchObject({ schemas: [ERROR], status: String(status) });
    if (scimType) expect(res.body.scimType).toBe(scimType);
  });

  it("refuses bad PATCH documents and never pollutes prototypes", async () => {
    const u = await scim(riv, "POST", "/Users", { schemas: [USER], userName: `pt.${riv.slug}@${riv.domain}` });
    const path = `/Users/${u.body.id}`;
    const want: [object, string][] = [
      [{ schemas: ["x"], Operations: [] }, "invalidSyntax"],
      [ops({ op: "explode", path: "active", value: 1 }), "invalidSyntax"],
      [ops({ op: "add", path: "__proto__.polluted", value: 1 }), "invalidPath"],
      [ops({ op: "add", path: "constructor.prototype.polluted", value: 1 }), "invalidPath"],
      [ops({ op: "add", value: { "constructor.prototype.polluted": 1 } }), "invalidValue"],
      [ops({ op: "remove" }), "noTarget"],
      [ops({ op: "replace", path: "name[", value: "x" }), "invalidPath"],
      [ops({ op: "replace", path: "userName", value: 42 }), "invalidValue"],
      [ops({ op: "replace", path: "id", value: "other" }), "mutability"],
    ];
    for (const [doc, scimType] of want) {
      const res = await scim(riv, "PATCH", path, doc);
      expect(res.status, JSON.stringify(doc)).toBe(400);
      expect(res.body.scimType, JSON.stringify(doc)).toBe(scimType);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const dup = await scim(riv, "POST", "/Users", { schemas: [USER], userName: `pt.${riv.slug}@${riv.domain}` });
    expect(dup).toMatchObject({ status: 409, body: { scimType: "uniqueness" } });
  });

  it("refuses a missing or wrong token with 401, and rate limits guessing", async () => {
    expect((await scim({ slug: riv.slug, token: null }, "GET", "/Users")).status).toBe(401);
    expect((await scim({ slug: riv.slug, token: "scim_wrong" }, "GET", "/Users")).status).toBe(401);
    expect((await scim({ slug: "no-such-town", token: riv.token }, "GET", "/Users")).status).toBe(401);
    let last = 0;
    for (let i = 0; i < 32; i++)
      last = (await scim({ slug: riv.slug, token: `scim_guess${i}` }, "GET", "/Users")).status;
    expect(last).toBe(429);
    await db.rateLimitBucket.deleteMany({ where: { key: { startsWith: "scim-fail:" } } });
  });
});
