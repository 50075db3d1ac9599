import { describe, expect, it } from "vitest";
import { ConflictError, NotFoundError } from "@/lib/errors";
import type { ServiceDeliveryStatus } from "@/lib/generated/prisma/enums";
import { testPrisma } from "@/test/fixtures/db";
import { freshPerson } from "@/test/fixtures/people";
import { freshService } from "@/test/fixtures/services";
import { freshTownWithAdmin, freshViewer, viewerOf, type Viewer } from "@/test/fixtures/viewers";
import { deliveryState, deliveryWhat, listServiceDeliveries, resendServiceDelivery } from "./service-deliveries";

const raw = testPrisma();
const q = { page: 1, pageSize: 25 };
const actorOf = (v: Viewer) => (v.principal.kind === "user" ? v.principal.userId : "");

async function world() {
  const { town, admin } = await freshTownWithAdmin();
  const person = await freshPerson(town.id, ["operator"], { name: "Olga Outbox" });
  const service = await freshService({ municipalityId: town.id, webhookUrl: "http://127.0.0.1:9/hook" });
  const make = (status: ServiceDeliveryStatus, extra: object = {}, at = new Date()) =>
    raw.serviceDelivery.create({
      data: {
        serviceId: service.id,
        municipalityId: town.id,
        userId: person.id,
        kind: "WEBHOOK",
        event: "access.revoked",
        payload: { type: "access.revoked" },
        status,
        createdAt: at,
        ...extra,
      },
    });
  const t = (s: number) => new Date(Date.now() - s * 1000);
  const sent = await make("SENT", { attempts: 1, sentAt: new Date() }, t(40));
  const failed = await make(
    "FAILED",
    { attempts: 2, lastError: "connection refused", nextAttemptAt: new Date(Date.now() + 600_000) },
    t(30),
  );
  const gaveUp = await make("GAVE_UP", { attempts: 8, lastError: "the service answered HTTP 500" }, t(20));
  const logout = await raw.serviceDelivery.create({
    data: {
      serviceId: service.id,
      municipalityId: town.id,
      userId: person.id,
      kind: "BACKCHANNEL_LOGOUT",
      event: "backchannel_logout",
      payload: { sub: person.id, sids: [] },
      createdAt: t(10),
    },
  });
  return { town, admin, person, service, sent, failed, gaveUp, logout };
}

describe("a service's deliveries, through the policy", () => {
  it("lists newest first with what, for whom (by name), the state in plain words, and Send again only where it applies", async () => {
    const w = await world();
    const page = await listServiceDeliveries(w.admin, { serviceId: w.service.id, municipalitySlug: w.town.slug }, q);
    expect(page.total).toBe(4);
    expect(page.rows.map((r) => [r.what, r.state, r.canResend])).toEqual([
      ["Sign-out notice", "Waiting to be sent", false],
      ["Webhook: access removed", "Given up after 8 tries (the service answered HTTP 500)", true],
      [
        "Webhook: access removed",
        expect.stringMatching(/^Failed, next try at \d\d:\d\d UTC \(connection refused\)$/),
        true,
      ],
      ["Webhook: access removed", "Delivered", false],
    ]);
    expect(page.rows[0]!.person).toMatchObject({ name: "Olga Outbox" });
    // Nothing of the payload reaches the page.
    expect(JSON.stringify(page)).not.toContain("payload");

    const failedOnly = await listServiceDeliveries(
      w.admin,
      { serviceId: w.service.id, municipalitySlug: w.town.slug },
      { ...q, filter: "failed" },
    );
    expect(failedOnly.rows.map((r) => r.id)).toEqual([w.failed.id]);
    const pageTwo = await listServiceDeliveries(
      w.admin,
      { serviceId: w.service.id, municipalitySlug: null },
      { page: 2, pageSize: 3 },
    );
    expect(pageTwo).toMatchObject({ total: 4, page: 2, pageCount: 2 });
    expect(pageTwo.rows.map((r) => r.id)).toEqual([w.sent.id]);

    // The platform admin reads it too (platform console: no municipality slug).
    const platform = await viewerOf("platform.admin@gatehouse.test");
    expect((await listServiceDeliveries(platform, { serviceId: w.service.id, municipalitySlug: null }, q)).total).toBe(
      4,
    );
  });

  it("another municipality's admin, a clerk, or the wrong municipality's console: not found", async () => {
    const w = await world();
    const other = await freshTownWithAdmin();
    await expect(
      listServiceDeliveries(other.admin, { serviceId: w.service.id, municipalitySlug: null }, q),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      listServiceDeliveries(w.admin, { serviceId: w.service.id, municipalitySlug: other.town.slug }, q),
    ).rejects.toBeInstanceOf(NotFoundError);
    const clerk = await freshViewer(w.town.id, ["operator"]);
    await expect(
      listServiceDeliveries(clerk, { serviceId: w.service.id, municipalitySlug: w.town.slug }, q),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(resendServiceDelivery(other.admin, actorOf(other.admin), w.gaveUp.id)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(resendServiceDelivery(clerk, actorOf(clerk), w.gaveUp.id)).rejects.toBeInstanceOf(NotFoundError);
    expect(await raw.serviceDelivery.findUniqueOrThrow({ where: { id: w.gaveUp.id } })).toMatchObject({
      status: "GAVE_UP",
      attempts: 8,
    });
  });

  it("Send again now makes a given-up delivery due at once with fresh attempts, audited; a delivered one is refused", async () => {
    const w = await world();
    const before = Date.now();
    await resendServiceDelivery(w.admin, actorOf(w.admin), w.gaveUp.id, "127.0.0.1");
    const again = await raw.serviceDelivery.findUniqueOrThrow({ where: { id: w.gaveUp.id } });
    expect(again).toMatchObject({ status: "PENDING", attempts: 0 });
    expect(again.nextAttemptAt.getTime()).toBeLessThanOrEqual(Date.now());
    expect(again.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    const audit = await raw.auditEvent.findFirstOrThrow({
      where: { action: "service.delivery.resent", targetId: w.gaveUp.id },
    });
    expect(audit).toMatchObject({
      actorId: actorOf(w.admin),
      municipalityId: w.town.id,
      subjectUserId: w.person.id,
      targetType: "ServiceDelivery",
    });
    expect(audit.data).toMatchObject({ previousStatus: "GAVE_UP", previousAttempts: 8, serviceId: w.service.id });

    await expect(resendServiceDelivery(w.admin, actorOf(w.admin), w.sent.id)).rejects.toBeInstanceOf(ConflictError);
    expect(await raw.auditEvent.count({ where: { action: "service.delivery.resent", targetId: w.sent.id } })).toBe(0);
  });
});

describe("labels", () => {
  it("says what and the state in words, never enum names", () => {
    const now = new Date("2026-12-01T13:00:00Z");
    expect(deliveryWhat("BACKCHANNEL_LOGOUT", "backchannel_logout")).toBe("Sign-out notice");
    expect(deliveryWhat("WEBHOOK", "access.granted")).toBe("Webhook: access given");
    expect(deliveryState({ status: "SENT" }, now)).toBe("Delivered");
    expect(deliveryState({ status: "PENDING", attempts: 0 }, now)).toBe("Waiting to be sent");
    expect(
      deliveryState(
        {
          status: "FAILED",
          attempts: 1,
          lastError: "connection refused",
          nextAttemptAt: new Date("2026-12-01T14:05:00Z"),
        },
        now,
      ),
    ).toBe("Failed, next try at 14:05 UTC (connection refused)");
    expect(deliveryState({ status: "FAILED", attempts: 1, nextAttemptAt: new Date("2026-12-02T00:30:00Z") }, now)).toBe(
      "Failed, next try at 2026-12-02 00:30 UTC",
    );
    expect(deliveryState({ status: "GAVE_UP", attempts: 8 }, now)).toBe("Given up after 8 tries");
  });
});
