import { afterEach, describe, expect, it } from "vitest";
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import { Webhook } from "standardwebhooks";
import { db } from "@/lib/db";
import { testPrisma } from "@/test/fixtures/db";
import { freshMunicipality } from "@/test/fixtures/municipalities";
import { freshPerson } from "@/test/fixtures/people";
import { freshService, type FreshService } from "@/test/fixtures/services";
import { startReceiver, type Receiver } from "@/test/fixtures/http-receiver";
import { freePort } from "@/test/fixtures/free-port";
import { signingKeys } from "./signing-keys";
import { kickServiceDeliveries, queueAccessEnded, queueAccessGranted } from "./deliveries";
import { claimDue, deliverDueOnce, LEASE_SECONDS, MAX_ATTEMPTS, sweepAbandoned } from "./delivery-worker";
import { BACKCHANNEL_LOGOUT_EVENT, oidcIssuer } from "./logout-token";

const raw = testPrisma();
const receivers: Receiver[] = [];
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((r) => r.stop()));
});

async function receiver(port?: number): Promise<Receiver> {
  const r = await startReceiver(port);
  receivers.push(r);
  return r;
}

async function setup(opts: { logout?: string | null; webhook?: string | null }) {
  const town = await freshMunicipality();
  const person = await freshPerson(town.id, ["operator"]);
  const service = await freshService({
    municipalityId: town.id,
    backchannelLogoutUri: opts.logout ?? null,
    webhookUrl: opts.webhook ?? null,
  });
  return { town, person, service };
}

async function queueEnded(service: FreshService, person: { id: string; email: string }, sids: string[] = []) {
  await db.$transaction((tx) =>
    queueAccessEnded(tx, { service, user: person, reason: "removed from the operator group", sids }),
  );
  return raw.serviceDelivery.findMany({ where: { serviceId: service.id }, orderBy: { kind: "asc" } });
}

const row = (id: string) => raw.serviceDelivery.findUniqueOrThrow({ where: { id } });
/** The row after a failed attempt: FAILED, with these attempts, error words and status code. */
async function expectFailed(id: string, attempts: number, lastError: string, lastStatusCode: number | null = null) {
  const r = await row(id);
  expect(r).toMatchObject({ status: "FAILED", attempts, lastError, lastStatusCode });
  return r;
}
const makeDue = (ids: string[]) =>
  raw.serviceDelivery.updateMany({ where: { id: { in: ids } }, data: { nextAttemptAt: new Date(Date.now() - 1000) } });

/** Nothing a receiver could use (token, signature, secret) in what the admin sees of a row. */
function expectNothingSecret(r: { payload: unknown; lastError: string | null }, service: FreshService) {
  const shown = JSON.stringify([r.payload, r.lastError]);
  expect(shown).not.toContain(service.webhookSecret);
  expect(shown).not.toContain(service.webhookSecret.slice(6));
  expect(shown).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}/);
  expect(shown).not.toContain("v1,");
}

describe("queueing (in the caller's transaction)", () => {
  it("writes a logout row with sub and sids only, and an access.revoked webhook with the JSON body; nothing without addresses", async () => {
    const { person, service } = await setup({ logout: "http://127.0.0.1:9/bcl", webhook: "http://127.0.0.1:9/hook" });
    const rows = await queueEnded(service, person, ["sid-1", "sid-1", "sid-2"]);
    expect(rows.map((r) => [r.kind, r.event, r.status])).toEqual([
      ["BACKCHANNEL_LOGOUT", "backchannel_logout", "PENDING"],
      ["WEBHOOK", "access.revoked", "PENDING"],
    ]);
    expect(rows[0]!.payload).toEqual({ sub: person.id, sids: ["sid-1", "sid-2"] });
    expect(rows[1]!.payload).toMatchObject({
      type: "access.revoked",
      data: {
        service: { id: service.id, slug: "permits" },
        user: { id: person.id, email: person.email },
        reason: "removed from the operator group",
      },
    });
    for (const r of rows) {
      expect(r).toMatchObject({ municipalityId: service.municipalityId, userId: person.id, attempts: 0 });
      expectNothingSecret(r, service);
    }

    const bare = await setup({});
    expect(await queueEnded(bare.service, bare.person)).toEqual([]);

    // Rolled back with the change: no delivery for a change that did not commit.
    const rolled = await setup({ webhook: "http://127.0.0.1:9/hook" });
    await expect(
      db.$transaction(async (tx) => {
        await queueAccessEnded(tx, { service: rolled.service, user: rolled.person, reason: "x", sids: [] });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await raw.serviceDelivery.count({ where: { serviceId: rolled.service.id } })).toBe(0);

    // access.granted: a webhook only.
    await db.$transaction((tx) =>
      queueAccessGranted(tx, { service: rolled.service, user: rolled.person, reason: "granted by an admin" }),
    );
    expect(await raw.serviceDelivery.findMany({ where: { serviceId: rolled.service.id } })).toMatchObject([
      { kind: "WEBHOOK", event: "access.granted", payload: { type: "access.granted" } },
    ]);
  });

  it("kickServiceDeliveries never throws and starts nothing where no queue runs (tests, scripts)", async () => {
    const { person, service } = await setup({ webhook: "http://127.0.0.1:9/hook" });
    const [r] = await queueEnded(service, person);
    expect(() => kickServiceDeliveries()).not.toThrow();
    await new Promise((res) => setTimeout(res, 200));
    expect((await row(r!.id)).attempts).toBe(0);
  });
});

describe("back-channel logout delivery", () => {
  it("POSTs one logout token per sid that verifies against the JWKS (iss, aud, typ, events, sub, sid, no nonce)", async () => {
    const rcv = await receiver();
    const { person, service } = await setup({ logout: rcv.url("/backchannel") });
    const [r] = await queueEnded(service, person, ["sid-a", "sid-b"]);
    expect(await deliverDueOnce({ ids: [r!.id] })).toEqual({ sent: 1, failed: 0, gaveUp: 0 });

    expect(rcv.received).toHaveLength(2);
    const jwks = createLocalJWKSet({ keys: (await signingKeys()).map((k) => k.publicJwk) });
    const seenSids: unknown[] = [];
    for (const req of rcv.received) {
      expect(req.method).toBe("POST");
      expect(req.path).toBe("/backchannel");
      expect(req.headers["content-type"]).toBe("application/x-www-form-urlencoded");
      const token = new URLSearchParams(req.body).get("logout_token")!;
      expect(token).toBeTruthy();
      const { payload, protectedHeader } = await jwtVerify(token, jwks, {
        issuer: oidcIssuer(),
        audience: service.clientId,
        typ: "logout+jwt",
      });
      expect(protectedHeader.kid).toBe((await signingKeys())[0]!.kid);
      expect(payload.events).toEqual({ [BACKCHANNEL_LOGOUT_EVENT]: {} });
      expect(payload.sub).toBe(person.id);
      expect(payload).not.toHaveProperty("nonce");
      expect(payload.exp! - payload.iat!).toBe(120);
      expect(Math.abs(payload.iat! - Date.now() / 1000)).toBeLessThan(10);
      expect(payload.jti).toMatch(new RegExp(`^${r!.id}\\.[01]$`));
      seenSids.push(payload.sid);
    }
    expect(seenSids.sort()).toEqual(["sid-a", "sid-b"]);
    expect(oidcIssuer()).toMatch(/\/oidc$/);

    const sent = await row(r!.id);
    expect(sent).toMatchObject({ status: "SENT", attempts: 1, lastError: null, lastStatusCode: 200 });
    expect(sent.sentAt).toBeInstanceOf(Date);
    expectNothingSecret(sent, service);
    // Delivered once: another pass sends nothing.
    expect(await deliverDueOnce({ ids: [r!.id] })).toEqual({ sent: 0, failed: 0, gaveUp: 0 });
    expect(rcv.received).toHaveLength(2);
  });

  it("sends one token without sid when the service knew no session", async () => {
    const rcv = await receiver();
    rcv.answer({ status: 204 });
    const { person, service } = await setup({ logout: rcv.url("/bcl") });
    const [r] = await queueEnded(service, person, []);
    await deliverDueOnce({ ids: [r!.id] });
    expect(rcv.received).toHaveLength(1);
    const token = new URLSearchParams(rcv.received[0]!.body).get("logout_token")!;
    expect(decodeProtectedHeader(token).typ).toBe("logout+jwt");
    const jwks = createLocalJWKSet({ keys: (await signingKeys()).map((k) => k.publicJwk) });
    const { payload } = await jwtVerify(token, jwks, { issuer: oidcIssuer(), audience: service.clientId });
    expect(payload.sub).toBe(person.id);
    expect(payload).not.toHaveProperty("sid");
    expect(await row(r!.id)).toMatchObject({ status: "SENT", lastStatusCode: 204 });
  });
});

describe("webhook delivery (Standard Webhooks)", () => {
  it("signs with the service's secret: Webhook.verify accepts it; webhook-id is the delivery id", async () => {
    const rcv = await receiver();
    const { person, service } = await setup({ webhook: rcv.url("/hooks/gatehouse") });
    const [r] = await queueEnded(service, person);
    expect(await deliverDueOnce({ ids: [r!.id] })).toMatchObject({ sent: 1 });
    expect(rcv.received).toHaveLength(1);
    const req = rcv.received[0]!;
    expect(req.headers["content-type"]).toBe("application/json");
    expect(req.headers["webhook-id"]).toBe(r!.id);
    const verified = new Webhook(service.webhookSecret).verify(req.body, req.headers as Record<string, string>);
    expect(verified).toMatchObject({
      type: "access.revoked",
      data: { user: { id: person.id, email: person.email }, service: { id: service.id, slug: "permits" } },
    });
    // Another service's secret does not verify it.
    const other = await setup({});
    expect(() =>
      new Webhook(other.service.webhookSecret).verify(req.body, req.headers as Record<string, string>),
    ).toThrow();
    expectNothingSecret(await row(r!.id), service);
  });
});

describe("faults: retries, backoff, giving up", () => {
  it("receiver down → FAILED with 'connection refused' and a later due time; a later retry succeeds with the same webhook-id", async () => {
    const port = await freePort();
    const { person, service } = await setup({ webhook: `http://127.0.0.1:${port}/hook` });
    const [r] = await queueEnded(service, person);
    const before = Date.now();
    expect(await deliverDueOnce({ ids: [r!.id] })).toEqual({ sent: 0, failed: 1, gaveUp: 0 });
    const failed = await expectFailed(r!.id, 1, "connection refused");
    expect(failed.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(before + 29_000);
    expect(failed.nextAttemptAt.getTime()).toBeLessThan(Date.now() + 31_000);

    // Back up, but not due yet: backoff is kept.
    const rcv = await receiver(port);
    expect(await deliverDueOnce({ ids: [r!.id] })).toEqual({ sent: 0, failed: 0, gaveUp: 0 });
    await makeDue([r!.id]);
    expect(await deliverDueOnce({ ids: [r!.id] })).toMatchObject({ sent: 1 });
    expect(await row(r!.id)).toMatchObject({ status: "SENT", attempts: 2, lastError: null, lastStatusCode: 200 });
    expect(rcv.received.map((q) => q.headers["webhook-id"])).toEqual([r!.id]);
  });

  it("retries a 5xx (status kept) and a timeout, with growing backoff; the receiver's body is never kept", async () => {
    const rcv = await receiver();
    const { person, service } = await setup({ logout: rcv.url("/bcl"), webhook: rcv.url("/hook") });
    const [logout, hook] = await queueEnded(service, person, ["s1"]);
    // A receiver that echoes what it got in its error page.
    rcv.answer((q) => ({ status: 503, body: `cannot handle ${q.body}` }));
    expect(await deliverDueOnce({ ids: [logout!.id, hook!.id] })).toMatchObject({ failed: 2 });
    for (const id of [logout!.id, hook!.id]) {
      expectNothingSecret(await expectFailed(id, 1, "the service answered HTTP 503", 503), service);
    }

    rcv.answer("hang");
    await makeDue([hook!.id]);
    const started = Date.now();
    expect(await deliverDueOnce({ ids: [hook!.id], timeoutMs: 400 })).toMatchObject({ failed: 1 });
    expect(Date.now() - started).toBeLessThan(5_000);
    const timedOut = await expectFailed(hook!.id, 2, "no answer within 400 ms");
    // Second failure waits longer than the first (2 minutes).
    expect(timedOut.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 110_000);

    rcv.answer({ status: 200 });
    await makeDue([hook!.id, logout!.id]);
    expect(await deliverDueOnce({ ids: [hook!.id, logout!.id] })).toMatchObject({ sent: 2 });
    // The same webhook-id at every attempt (the receiver drops repeats by it).
    const ids = rcv.received.filter((q) => q.path === "/hook").map((q) => q.headers["webhook-id"]);
    expect(new Set(ids)).toEqual(new Set([hook!.id]));
    expect(ids.length).toBe(3);
  });

  it("does not follow redirects: a 3xx is a failure and the redirect target gets nothing", async () => {
    const target = await receiver();
    const rcv = await receiver();
    rcv.answer({ status: 307, headers: { location: target.url("/elsewhere") } });
    const { person, service } = await setup({ webhook: rcv.url("/hook") });
    const [r] = await queueEnded(service, person);
    await deliverDueOnce({ ids: [r!.id] });
    await expectFailed(r!.id, 1, "redirect not followed (HTTP 307)", 307);
    expect(target.received).toHaveLength(0);
  });

  it(`gives up (GAVE_UP) after ${MAX_ATTEMPTS} attempts and is not claimed again`, async () => {
    const rcv = await receiver();
    rcv.answer({ status: 500 });
    const { person, service } = await setup({ webhook: rcv.url("/hook") });
    const [r] = await queueEnded(service, person);
    for (let i = 1; i <= MAX_ATTEMPTS; i++) {
      await makeDue([r!.id]);
      await deliverDueOnce({ ids: [r!.id] });
      expect((await row(r!.id)).status).toBe(i < MAX_ATTEMPTS ? "FAILED" : "GAVE_UP");
    }
    expect(await row(r!.id)).toMatchObject({ attempts: MAX_ATTEMPTS, lastStatusCode: 500 });
    await makeDue([r!.id]);
    expect(await deliverDueOnce({ ids: [r!.id] })).toEqual({ sent: 0, failed: 0, gaveUp: 0 });
    expect(rcv.received).toHaveLength(MAX_ATTEMPTS);
  });

  it("gives up at once when the service lost its address (nothing to retry), in plain words", async () => {
    const { person, service } = await setup({ logout: "http://127.0.0.1:9/bcl" });
    const [r] = await queueEnded(service, person);
    await raw.service.update({ where: { id: service.id }, data: { backchannelLogoutUri: null } });
    expect(await deliverDueOnce({ ids: [r!.id] })).toMatchObject({ gaveUp: 1 });
    expect(await row(r!.id)).toMatchObject({
      status: "GAVE_UP",
      lastError: "the service has no back-channel logout address any more",
    });
  });
});

describe("at least once, never twice at the same time", () => {
  it("two workers at once send each row exactly once", async () => {
    const rcv = await receiver();
    rcv.answer({ status: 200, delayMs: 150 });
    const { service } = await setup({ webhook: rcv.url("/hook") });
    const town = service.municipalityId!;
    const people = await Promise.all(Array.from({ length: 6 }, () => freshPerson(town, ["operator"])));
    for (const p of people) await queueEnded(service, p);
    const ids = (await raw.serviceDelivery.findMany({ where: { serviceId: service.id }, select: { id: true } })).map(
      (r) => r.id,
    );
    expect(ids).toHaveLength(6);
    const [a, b, c] = await Promise.all([deliverDueOnce({ ids }), deliverDueOnce({ ids }), deliverDueOnce({ ids })]);
    expect(a.sent + b.sent + c.sent).toBe(6);
    const got = rcv.received.map((q) => q.headers["webhook-id"]);
    expect(got.sort()).toEqual([...ids].sort());
    expect(await raw.serviceDelivery.count({ where: { id: { in: ids }, status: "SENT", attempts: 1 } })).toBe(6);
  });

  it("a worker that dies after claiming loses nothing: the row is due again when its lease runs out", async () => {
    const rcv = await receiver();
    const { person, service } = await setup({ webhook: rcv.url("/hook") });
    const [r] = await queueEnded(service, person);
    // The claim of a worker that then crashed (the process stops; nothing is written after it).
    const [claimed] = await claimDue(1, [r!.id]);
    expect(claimed!.id).toBe(r!.id);
    const leased = await row(r!.id);
    expect(leased).toMatchObject({ status: "PENDING", attempts: 1 });
    expect(leased.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + (LEASE_SECONDS - 5) * 1000);
    // While the lease holds, nobody else sends it.
    expect(await deliverDueOnce({ ids: [r!.id] })).toEqual({ sent: 0, failed: 0, gaveUp: 0 });
    expect(rcv.received).toHaveLength(0);
    // The lease ran out (time simulated): the next pass delivers it.
    await makeDue([r!.id]);
    expect(await deliverDueOnce({ ids: [r!.id] })).toMatchObject({ sent: 1 });
    expect(await row(r!.id)).toMatchObject({ status: "SENT", attempts: 2 });
    expect(rcv.received).toHaveLength(1);
  });

  it("the sweep gives up a row whose every attempt was claimed and never finished", async () => {
    const { person, service } = await setup({ webhook: "http://127.0.0.1:9/hook" });
    const [r] = await queueEnded(service, person);
    await raw.serviceDelivery.update({
      where: { id: r!.id },
      data: { attempts: MAX_ATTEMPTS, nextAttemptAt: new Date(Date.now() - 1000) },
    });
    expect(await sweepAbandoned()).toBeGreaterThanOrEqual(1);
    expect(await row(r!.id)).toMatchObject({ status: "GAVE_UP" });
  });
});
