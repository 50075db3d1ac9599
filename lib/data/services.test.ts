// Reading connected services through the policies, on the real database: a municipality admin
// lists and opens only their own municipality's services (another's is not found), a platform
// admin every one and the platform-wide ones, filters/sorts/pages happen in the query, people
// signed in are counted from links not ended, and no read carries the secret's hash or the sealed
// webhook secret.
import { beforeAll, describe, expect, it } from "vitest";
import { testPrisma } from "@/test/fixtures/db";
import { freshMunicipality } from "@/test/fixtures/municipalities";
import { freshPerson, freshUser } from "@/test/fixtures/people";
import { freshViewer, viewerOfUser, type Viewer } from "@/test/fixtures/viewers";
import { freshService, type FreshService } from "@/test/fixtures/services";
import { uniq } from "@/test/fixtures/unique";
import { ValidationError } from "@/lib/errors";
import { listServices, serviceConsoleAccess, serviceFor, signedInCount } from "./services";

const raw = testPrisma();
let riverton: { id: string };
let lakeside: { id: string };
let rivAdmin: Viewer;
let platform: Viewer;
let rivService: FreshService;
let lakeService: FreshService;
let wide: FreshService;

beforeAll(async () => {
  riverton = await freshMunicipality();
  lakeside = await freshMunicipality();
  rivAdmin = await freshViewer(riverton.id, ["municipality_admin"]);
  platform = await viewerOfUser((await freshUser({ platformGroups: ["platform_admin"] })).id);
  rivService = await freshService({ municipalityId: riverton.id, name: "Alpha permits" });
  await freshService({ municipalityId: riverton.id, slug: "gis", name: "Beta maps", resourceTypes: [] });
  lakeService = await freshService({ municipalityId: lakeside.id, name: "Lakeside permits" });
  wide = await freshService({ municipalityId: null, slug: `wide-${uniq()}`, resourceTypes: [] });
  const a = await freshPerson(riverton.id, ["operator"]);
  const b = await freshPerson(riverton.id, ["operator"]);
  await raw.serviceLink.create({ data: { serviceId: rivService.id, municipalityId: riverton.id, userId: a.id } });
  await raw.serviceLink.create({
    data: { serviceId: rivService.id, municipalityId: riverton.id, userId: b.id, endedAt: new Date() },
  });
});

describe("services through the policies", () => {
  it("a municipality admin lists only their municipality's services", async () => {
    const list = await listServices(rivAdmin, {}, { municipalityId: riverton.id });
    expect(list.rows.map((r) => r.name).sort()).toEqual(["Alpha permits", "Beta maps"]);
    // Even asked for Lakeside, the policy keeps it out.
    expect((await listServices(rivAdmin, {}, { municipalityId: lakeside.id })).rows).toEqual([]);
    expect((await listServices(rivAdmin, { municipality: lakeside.id })).rows).toEqual([]);
  });

  it("another municipality's service is not found; the platform admin sees all", async () => {
    expect(await serviceFor(rivAdmin, lakeService.id)).toBeNull();
    expect(await serviceFor(rivAdmin, wide.id)).toBeNull();
    expect((await serviceFor(rivAdmin, rivService.id))?.canUpdate).toBe(true);
    expect((await serviceFor(platform, lakeService.id))?.name).toBe("Lakeside permits");
    const all = await listServices(platform, { pageSize: "100", q: "" });
    const ids = all.rows.map((r) => r.id);
    expect(ids).toContain(rivService.id);
    expect(ids).toContain(lakeService.id);
    const platformWide = await listServices(platform, { municipality: "platform", pageSize: "100" });
    expect(platformWide.rows.every((r) => r.municipalityId === null)).toBe(true);
    expect(platformWide.rows.map((r) => r.id)).toContain(wide.id);
    expect(serviceConsoleAccess(rivAdmin, null)).toEqual({ read: false, create: false });
    expect(serviceConsoleAccess(platform, null)).toEqual({ read: true, create: true });
  });

  it("filters, sorts and pages in the query and counts people signed in", async () => {
    const byName = await listServices(rivAdmin, { sort: "name", dir: "desc" }, { municipalityId: riverton.id });
    expect(byName.rows.map((r) => r.name)).toEqual(["Beta maps", "Alpha permits"]);
    const paged = await listServices(
      rivAdmin,
      { sort: "name", pageSize: "1", page: "2" },
      { municipalityId: riverton.id },
    );
    expect(paged).toMatchObject({ total: 2, pageCount: 2 });
    expect(paged.rows.map((r) => r.name)).toEqual(["Beta maps"]);
    const found = await listServices(rivAdmin, { q: "alpha" }, { municipalityId: riverton.id });
    expect(found.rows.map((r) => r.id)).toEqual([rivService.id]);
    expect(found.rows[0]!.signedIn).toBe(1);
    expect(await signedInCount(rivAdmin, rivService.id)).toBe(1);
    await expect(listServices(rivAdmin, { sort: "clientSecretHash" } as never)).rejects.toThrow(ValidationError);
    // PostgreSQL text cannot hold a NUL: a search or filter with one is bad input, not a query error.
    await expect(listServices(rivAdmin, { q: "pe\u0000rmits" })).rejects.toThrow(ValidationError);
    await expect(listServices(platform, { municipality: "\u0000" })).rejects.toThrow(ValidationError);
    await raw.service.update({ where: { id: rivService.id }, data: { disabledAt: new Date() } });
    const disabled = await listServices(rivAdmin, { state: "disabled" }, { municipalityId: riverton.id });
    expect(disabled.rows.map((r) => r.id)).toEqual([rivService.id]);
    await raw.service.update({ where: { id: rivService.id }, data: { disabledAt: null } });
  });

  it("never reads the secret's hash or the sealed webhook secret", async () => {
    const view = await serviceFor(platform, rivService.id);
    const text = JSON.stringify([view, await listServices(platform, { pageSize: "100" })]);
    expect(text).not.toContain(rivService.clientSecretHash);
    expect(text).not.toContain(rivService.webhookSecretCipher!);
    expect(view).toMatchObject({ webhookSecretSet: true, clientSecretHint: rivService.clientSecret.slice(-4) });
  });
});
