// The metrics as a scraper reads them: the text of metricsText(), on the run's real database.
import { afterAll, describe, expect, it, vi } from "vitest";
import { testPrisma } from "@/test/fixtures/db";
import { figure, samples } from "@/test/fixtures/metrics";
import { uniq } from "@/test/fixtures/unique";
import { freshMunicipality } from "@/test/fixtures/municipalities";
import { freshService } from "@/test/fixtures/services";
import { freshSignInPerson } from "@/test/fixtures/people";
import { MAX_FAILED_LOGINS, STRICT_LOCKOUT, verifyCredentials } from "@/lib/auth/credentials";
import { db } from "@/lib/db";
import { collectFigures } from "@/lib/health/figures";
import { kickMailer, MAIL_QUEUE, startMailWorker, stopMailWorker } from "@/lib/jobs/mail-worker";
import {
  countAuthzDecision,
  countHttpRequest,
  countLockout,
  countSignIn,
  metrics,
  metricsText,
  signInMethodOf,
} from "./metrics";

const made = { outbox: [] as string[], deliveries: [] as string[] };

afterAll(async () => {
  await stopMailWorker();
  await testPrisma().outboxMessage.deleteMany({ where: { id: { in: made.outbox } } });
  await testPrisma().serviceDelivery.deleteMany({ where: { id: { in: made.deliveries } } });
});

/** A scrape after the two-second collection window, so the database figures are read anew. */
async function freshScrape(): Promise<string> {
  metrics().collectedAt = 0;
  return (await metricsText(collectFigures)).body;
}

describe("metrics", () => {
  it("counts sign-ins by method and result, lockouts, and authorization decisions by result", async () => {
    const before = (await metricsText()).body;
    const at = (text: string, name: string, labels: Record<string, string>) => figure(text, name, labels) ?? 0;
    countSignIn("password", "failure");
    countSignIn("password", "failure");
    countSignIn("passkey", "success");
    countLockout();
    countLockout("account");
    countAuthzDecision("allow");
    countAuthzDecision("deny");
    countAuthzDecision("deny", "service_sign_in");
    const after = (await metricsText()).body;
    const delta = (name: string, labels: Record<string, string>) => at(after, name, labels) - at(before, name, labels);
    expect(delta("gatehouse_sign_ins_total", { method: "password", result: "failure" })).toBe(2);
    expect(delta("gatehouse_sign_ins_total", { method: "password", result: "success" })).toBe(0);
    expect(delta("gatehouse_sign_ins_total", { method: "passkey", result: "success" })).toBe(1);
    expect(delta("gatehouse_sign_in_lockouts_total", { scope: "account_and_address" })).toBe(1);
    expect(delta("gatehouse_sign_in_lockouts_total", { scope: "account" })).toBe(1);
    expect(delta("gatehouse_authz_decisions_total", { point: "authzen", result: "allow" })).toBe(1);
    expect(delta("gatehouse_authz_decisions_total", { point: "authzen", result: "deny" })).toBe(1);
    expect(delta("gatehouse_authz_decisions_total", { point: "service_sign_in", result: "deny" })).toBe(1);
  });

  it("counts a lockout where the password check begins one: ten failures from one address, or a strict municipality's five", async () => {
    const lockouts = async (scope: string) =>
      figure((await metricsText()).body, "gatehouse_sign_in_lockouts_total", { scope }) ?? 0;
    const pairBefore = await lockouts("account_and_address");
    const accountBefore = await lockouts("account");
    const town = await freshMunicipality();
    const person = await freshSignInPerson(town.id, ["viewer"], `pair-${uniq()}@metrics.test`);
    const ip = `198.51.100.${1 + Math.floor(Math.random() * 250)}`;
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) await verifyCredentials(person.email, `wrong-${i}`, ip);
    // The eleventh is refused as locked: no new lockout.
    expect(await verifyCredentials(person.email, "wrong-again", ip)).toEqual({ ok: false, reason: "locked" });
    expect((await lockouts("account_and_address")) - pairBefore).toBe(1);

    const strictTown = await freshMunicipality({ lockoutUntilUnlocked: true });
    const strict = await freshSignInPerson(strictTown.id, ["viewer"], `strict-${uniq()}@metrics.test`);
    for (let i = 0; i < STRICT_LOCKOUT.limit + 1; i++)
      await verifyCredentials(strict.email, `wrong-${i}`, `203.0.113.${10 + i}`);
    expect((await lockouts("account")) - accountBefore).toBe(1);
  });

  it("counts requests and latency by route pattern, method and status, with odd methods folded into one label", async () => {
    countHttpRequest("/w/[slug]/requests/[id]", "get", 200, 0.03);
    countHttpRequest("/w/[slug]/requests/[id]", "BREW", 404, 7);
    const text = (await metricsText()).body;
    expect(
      figure(text, "gatehouse_http_requests_total", { route: "/w/[slug]/requests/[id]", method: "GET", status: "200" }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      figure(text, "gatehouse_http_requests_total", {
        route: "/w/[slug]/requests/[id]",
        method: "OTHER",
        status: "404",
      }),
    ).toBeGreaterThanOrEqual(1);
    // The 7-second request is above the 5-second bucket and within the 10-second one.
    const labels = { route: "/w/[slug]/requests/[id]", method: "OTHER", status: "404" };
    expect(figure(text, "gatehouse_http_request_duration_seconds_bucket", { ...labels, le: "5" })).toBe(0);
    expect(figure(text, "gatehouse_http_request_duration_seconds_bucket", { ...labels, le: "10" })).toBe(1);
    expect(figure(text, "gatehouse_http_request_duration_seconds_sum", labels)).toBe(7);
  });

  it("reads the outbox backlog and its oldest message's age, deliveries by kind and state, queue jobs and the pool from PostgreSQL", async () => {
    const hourAgo = new Date(Date.now() - 3600_000);
    const mail = await testPrisma().outboxMessage.create({
      data: {
        to: `backlog-${uniq()}@example.test`,
        subject: "Waiting",
        text: "…",
        template: "test",
        createdAt: hourAgo,
      },
    });
    made.outbox.push(mail.id);
    const service = await freshService({ municipalityId: (await freshMunicipality()).id });
    const twoHoursAgo = new Date(Date.now() - 7200_000);
    for (const [kind, status, createdAt] of [
      ["WEBHOOK", "PENDING", twoHoursAgo],
      ["BACKCHANNEL_LOGOUT", "GAVE_UP", new Date()],
    ] as const) {
      const d = await testPrisma().serviceDelivery.create({
        data: { serviceId: service.id, kind, event: "access.revoked", payload: {}, status, createdAt },
      });
      made.deliveries.push(d.id);
    }
    await db.user.count(); // the app's own pool has been used

    const text = await freshScrape();
    expect(figure(text, "gatehouse_metrics_collect_ok")).toBe(1);
    expect(figure(text, "gatehouse_database_up")).toBe(1);
    expect(figure(text, "gatehouse_outbox_backlog_messages")).toBeGreaterThanOrEqual(1);
    expect(figure(text, "gatehouse_outbox_oldest_message_age_seconds")).toBeGreaterThanOrEqual(3600);
    expect(figure(text, "gatehouse_service_deliveries", { kind: "webhook", status: "pending" })).toBeGreaterThanOrEqual(
      1,
    );
    expect(
      figure(text, "gatehouse_service_deliveries", { kind: "backchannel_logout", status: "gave_up" }),
    ).toBeGreaterThanOrEqual(1);
    expect(figure(text, "gatehouse_service_deliveries", { kind: "webhook", status: "sent" })).toBeDefined();
    expect(
      figure(text, "gatehouse_service_delivery_oldest_pending_age_seconds", { kind: "webhook" }),
    ).toBeGreaterThanOrEqual(7200);
    expect(figure(text, "gatehouse_db_pool_connections", { state: "total" })).toBeGreaterThanOrEqual(1);
    expect(figure(text, "gatehouse_db_pool_max")).toBe(10);

    // The real queue: a drain asked for is a job of the mail queue, in whatever state it has reached.
    await startMailWorker();
    await kickMailer();
    expect(figure(await freshScrape(), "gatehouse_queue_jobs", { queue: MAIL_QUEUE })).toBeGreaterThanOrEqual(1);

    // Sent and given-up mail is not backlog: once this one is sent, the oldest waiting one is younger.
    await testPrisma().outboxMessage.update({ where: { id: mail.id }, data: { status: "SENT", sentAt: new Date() } });
    const later = await freshScrape();
    const oldest = await testPrisma().outboxMessage.aggregate({
      where: { status: "PENDING" },
      _min: { createdAt: true },
    });
    const expected = oldest._min.createdAt ? (Date.now() - oldest._min.createdAt.getTime()) / 1000 : 0;
    expect(figure(later, "gatehouse_outbox_oldest_message_age_seconds")).toBeCloseTo(expected, -1);
  });

  it("carries no person, address or municipality in any label", async () => {
    countSignIn(signInMethodOf("sso-riverton"), "failure");
    const text = await freshScrape();
    const values = samples(text).flatMap((s) => Object.values(s.labels));
    expect(values.filter((v) => /@|riverton|lakeside|\d+\.\d+\.\d+\.\d+/.test(v))).toEqual([]);
  });

  it("names next-auth's providers as methods", () => {
    const providers = ["credentials", "sso-lakeside", "azure-ad", "google", "passkey", "something-new"];
    expect(providers.map(signInMethodOf)).toEqual(["password", "oidc", "microsoft", "google", "passkey", "other"]);
  });

  it("keeps one registry per process, on globalThis, whichever copy of the module asks", async () => {
    // As Next's bundles each load their own copy: a second instance of the module counts into the same metrics.
    vi.resetModules();
    const again = await import("./metrics");
    expect(again.metrics).not.toBe(metrics);
    expect(again.metrics()).toBe(metrics());
    expect(metrics()).toBe((globalThis as Record<symbol, unknown>)[Symbol.for("gatehouse.metrics")]);
  });
});
