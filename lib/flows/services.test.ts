// Registering and running connected services, on the real database: the secrets come back once
// and are stored only hashed and sealed (the returned client secret matches the stored hash, the
// webhook secret opens from the box), rotation makes the old secret fail at once, no audit row
// holds a secret or its hash, disabling goes through the access-ending contract, bad input is
// refused per field with nothing written, and another municipality's admin gets "not found" for
// every change while the platform admin reaches every service.
import { beforeAll, describe, expect, it } from "vitest";
import { testPrisma } from "@/test/fixtures/db";
import { freshMunicipality } from "@/test/fixtures/municipalities";
import { freshUser } from "@/test/fixtures/people";
import { freshViewer, viewerOfUser, type Viewer } from "@/test/fixtures/viewers";
import { freshService } from "@/test/fixtures/services";
import { uniq } from "@/test/fixtures/unique";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { clientSecretMatches, openWebhookSecret } from "@/lib/services/client-secret";
import {
  developerInfo,
  disableService,
  enableService,
  registerService,
  rotateClientSecret,
  rotateWebhookSecret,
  serviceKinds,
  updateServiceSettings,
} from "./services";

const raw = testPrisma();
let riverton: { id: string };
let lakeside: { id: string };
let rivAdmin: Viewer;
let lakeAdmin: Viewer;
let platform: Viewer;

const form = (over: Record<string, unknown> = {}) => ({
  name: "Building permits",
  kind: "permits",
  description: "",
  redirectUris: "https://permits.example.gov/callback\nhttp://localhost:4000/cb",
  postLogoutRedirectUris: "",
  backchannelLogoutUri: "https://permits.example.gov/backchannel",
  webhookUrl: "",
  resourceTypes: ["permit"],
  accessStates: ["ACTIVE"],
  ...over,
});

async function fieldsOf(p: Promise<unknown>): Promise<Record<string, string[] | undefined>> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ValidationError);
  return (e as ValidationError).fieldErrors;
}

/** Audit rows as text (their seq is a BigInt), to look for secrets anywhere in them. */
const asText = (v: unknown) => JSON.stringify(v, (_, x: unknown) => (typeof x === "bigint" ? x.toString() : x));

const auditsOf = (serviceId: string) =>
  raw.auditEvent.findMany({ where: { targetType: "Service", targetId: serviceId }, orderBy: { seq: "asc" } });

beforeAll(async () => {
  riverton = await freshMunicipality();
  lakeside = await freshMunicipality();
  rivAdmin = await freshViewer(riverton.id, ["municipality_admin"]);
  lakeAdmin = await freshViewer(lakeside.id, ["municipality_admin"]);
  platform = await viewerOfUser((await freshUser({ platformGroups: ["platform_admin"] })).id);
});

describe("registering a service", () => {
  it("stores the client secret hashed and the webhook secret sealed, and returns each once", async () => {
    const r = await registerService(rivAdmin, riverton.id, form());
    const row = await raw.service.findUniqueOrThrow({ where: { id: r.service.id } });
    expect(row.municipalityId).toBe(riverton.id);
    expect(row.clientId).toMatch(/^svc_/);
    expect(r.clientSecret).toMatch(/^gh_svc_/);
    expect(row.clientSecretHash).not.toContain(r.clientSecret);
    expect(clientSecretMatches(r.clientSecret, row.clientSecretHash)).toBe(true);
    expect(row.clientSecretHint).toBe(r.clientSecret.slice(-4));
    expect(row.webhookSecretCipher).not.toContain(r.webhookSecret);
    expect(openWebhookSecret(row.webhookSecretCipher!)).toBe(r.webhookSecret);
    expect(row.redirectUris).toEqual(["https://permits.example.gov/callback", "http://localhost:4000/cb"]);
    expect(row.accessStates).toEqual(["ACTIVE"]);
    // The view the page gets has neither secret nor hash.
    expect(JSON.stringify(r.service)).not.toContain(row.clientSecretHash);
    expect(JSON.stringify(r.service)).not.toContain(row.webhookSecretCipher!);
    const [event] = await auditsOf(r.service.id);
    expect(event!.action).toBe("service.registered");
    const text = asText(event);
    for (const secret of [r.clientSecret, r.webhookSecret, row.clientSecretHash, row.webhookSecretCipher!])
      expect(text).not.toContain(secret);
  });

  it("refuses bad input per field and writes nothing", async () => {
    const before = await raw.service.count({ where: { municipalityId: riverton.id } });
    const f = await fieldsOf(
      registerService(
        rivAdmin,
        riverton.id,
        form({
          name: " ",
          kind: "Permits!",
          redirectUris: "http://permits.example.gov/cb",
          webhookUrl: "https://hooks.example.gov/x#frag",
          accessStates: ["SUSPENDED"],
        }),
      ),
    );
    expect(Object.keys(f).sort()).toEqual(["accessStates", "kind", "name", "redirectUris", "webhookUrl"]);
    expect(f.redirectUris![0]).toContain("https://");
    expect(f.webhookUrl![0]).toContain("fragment");
    expect(await fieldsOf(registerService(rivAdmin, riverton.id, form({ redirectUris: "" })))).toHaveProperty(
      "redirectUris",
    );
    expect(await raw.service.count({ where: { municipalityId: riverton.id } })).toBe(before);
  });

  it("offers only the resource types the kind's policy file declares", async () => {
    expect(
      serviceKinds()
        .find((k) => k.slug === "permits")
        ?.resourceTypes.map((t) => t.name),
    ).toEqual(["permit"]);
    const town = await freshMunicipality();
    const admin = await freshViewer(town.id, ["municipality_admin"]);
    const f = await fieldsOf(registerService(admin, town.id, form({ resourceTypes: ["parcel"] })));
    expect(f.resourceTypes![0]).toContain("policies/services/permits.yaml");
    const g = await fieldsOf(registerService(admin, town.id, form({ kind: "gis", resourceTypes: ["permit"] })));
    expect(g.resourceTypes![0]).toContain("does not exist");
    const gis = await registerService(admin, town.id, form({ kind: "gis", resourceTypes: [] }));
    expect(gis.service.slug).toBe("gis");
  });

  it("registers each kind once per municipality", async () => {
    const town = await freshMunicipality();
    const admin = await freshViewer(town.id, ["municipality_admin"]);
    await registerService(admin, town.id, form());
    expect((await fieldsOf(registerService(admin, town.id, form({ name: "Again" })))).kind![0]).toContain("already");
  });

  it("lets a municipality admin register only in their own municipality; a platform admin anywhere and platform-wide", async () => {
    await expect(
      registerService(lakeAdmin, riverton.id, form({ kind: `x-${uniq()}`, resourceTypes: [] })),
    ).rejects.toThrow(NotFoundError);
    await expect(registerService(rivAdmin, null, form({ kind: `x-${uniq()}`, resourceTypes: [] }))).rejects.toThrow(
      NotFoundError,
    );
    const wide = await registerService(platform, null, form({ kind: `wide-${uniq()}`, resourceTypes: [] }));
    expect(wide.service.municipalityId).toBeNull();
    const there = await registerService(platform, lakeside.id, form({ kind: `x-${uniq()}`, resourceTypes: [] }));
    expect(there.service.municipalityId).toBe(lakeside.id);
  });
});

describe("changing a service", () => {
  it("rotating the client secret invalidates the old one at once", async () => {
    const r = await registerService(rivAdmin, riverton.id, form({ kind: `k-${uniq()}`, resourceTypes: [] }));
    const { clientSecret } = await rotateClientSecret(rivAdmin, r.service.id);
    const row = await raw.service.findUniqueOrThrow({ where: { id: r.service.id } });
    expect(clientSecretMatches(clientSecret, row.clientSecretHash)).toBe(true);
    expect(clientSecretMatches(r.clientSecret, row.clientSecretHash)).toBe(false);
    const { webhookSecret } = await rotateWebhookSecret(rivAdmin, r.service.id);
    const after = await raw.service.findUniqueOrThrow({ where: { id: r.service.id } });
    expect(openWebhookSecret(after.webhookSecretCipher!)).toBe(webhookSecret);
    expect(webhookSecret).not.toBe(r.webhookSecret);
    const events = await auditsOf(r.service.id);
    expect(events.map((e) => e.action)).toEqual([
      "service.registered",
      "service.client_secret_rotated",
      "service.webhook_secret_rotated",
    ]);
    const text = asText(events);
    for (const s of [clientSecret, webhookSecret, r.clientSecret, row.clientSecretHash, after.webhookSecretCipher!])
      expect(text).not.toContain(s);
  });

  it("saves settings, audits before and after, and refuses a bad URI per field keeping the row", async () => {
    const s = await freshService({ municipalityId: riverton.id, slug: `k-${uniq()}`, resourceTypes: [] });
    await updateServiceSettings(rivAdmin, s.id, {
      ...form({ resourceTypes: [] }),
      redirectUris: "https://new.example.gov/cb",
    });
    expect((await raw.service.findUniqueOrThrow({ where: { id: s.id } })).redirectUris).toEqual([
      "https://new.example.gov/cb",
    ]);
    const f = await fieldsOf(
      updateServiceSettings(rivAdmin, s.id, { ...form({ resourceTypes: [] }), redirectUris: "not a url" }),
    );
    expect(f.redirectUris![0]).toContain("not a url");
    expect((await raw.service.findUniqueOrThrow({ where: { id: s.id } })).redirectUris).toEqual([
      "https://new.example.gov/cb",
    ]);
    const [, updated] = await auditsOf(s.id).then((e) => [null, e.find((x) => x.action === "service.updated")]);
    expect(updated?.data).toMatchObject({ after: { redirectUris: ["https://new.example.gov/cb"] } });
  });

  it("disabling goes through the access-ending contract, and enabling brings it back", async () => {
    const s = await freshService({ municipalityId: riverton.id, slug: `k-${uniq()}`, resourceTypes: [] });
    const person = await freshUser();
    await raw.serviceLink.create({ data: { serviceId: s.id, municipalityId: riverton.id, userId: person.id } });
    const r = await disableService(rivAdmin, s.id, "Replaced by the new system");
    expect((await raw.service.findUniqueOrThrow({ where: { id: s.id } })).disabledAt).not.toBeNull();
    const ended = await raw.serviceLink.count({ where: { serviceId: s.id, endedAt: { not: null } } });
    const event = (await auditsOf(s.id)).find((e) => e.action === "service.disabled");
    // What endAccessForService reported is what happened, and it is in the audit trail.
    expect(event?.data).toMatchObject({ reason: "Replaced by the new system", ended: r.ended });
    expect(r.ended).toBe(ended);
    await enableService(rivAdmin, s.id);
    expect((await raw.service.findUniqueOrThrow({ where: { id: s.id } })).disabledAt).toBeNull();
  });

  it("another municipality's admin cannot change the service: not found, nothing changed", async () => {
    const s = await freshService({ municipalityId: riverton.id, slug: `k-${uniq()}`, resourceTypes: [] });
    const calls = [
      () => updateServiceSettings(lakeAdmin, s.id, form({ resourceTypes: [] })),
      () => rotateClientSecret(lakeAdmin, s.id),
      () => rotateWebhookSecret(lakeAdmin, s.id),
      () => disableService(lakeAdmin, s.id, ""),
      () => enableService(lakeAdmin, s.id),
    ];
    for (const call of calls) await expect(call()).rejects.toThrow(NotFoundError);
    const row = await raw.service.findUniqueOrThrow({ where: { id: s.id } });
    expect(row).toMatchObject({ clientSecretHash: s.clientSecretHash, name: s.name, disabledAt: null });
    expect(await auditsOf(s.id)).toEqual([]);
    // The platform admin reaches it.
    await rotateClientSecret(platform, s.id);
  });
});

describe("for the service's developers", () => {
  it("names the endpoints, the resource types and the groups that grant access", () => {
    const info = developerInfo({ slug: "permits", municipalityId: "m", resourceTypes: ["permit"] });
    expect(info.issuer).toMatch(/\/oidc$/);
    expect(info.authzenEndpoint).toMatch(/\/access\/v1\/evaluation$/);
    expect(info.resourceTypes[0]).toMatchObject({ name: "permit", enabled: true });
    const operator = info.groups.find((g) => g.name === "operator");
    expect(operator?.grants.join(" ")).toContain("ownerID is the person's own email address");
    expect(info.groups.map((g) => g.name)).toContain("manager");
    expect(info.groups.map((g) => g.name)).not.toContain("viewer");
  });
});
