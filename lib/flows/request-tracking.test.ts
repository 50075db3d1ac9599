// Citizen tracking end to end at the lib level, on the real PostgreSQL and a real SMTP server:
// one reference per request drawn from the municipality's counter (concurrent reports get distinct
// consecutive numbers, a taken number is skipped), the reporter's opt-in (a follower whose token is
// stored only as a hash, with an expiry, and its tracking mail in the report's own transaction),
// the tracking link as a principal (wrong, expired, other municipality: nothing), the followers'
// mails on a status change, unsubscribing, "Follow this report" and the moderation setting.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { testPrisma } from "@/test/fixtures/db";
import { freePort } from "@/test/fixtures/free-port";
import { freshMunicipality } from "@/test/fixtures/municipalities";
import { startSmtp } from "@/test/fixtures/smtp";
import { uniq } from "@/test/fixtures/unique";
import { sha256 } from "@/lib/crypto/tokens";
import { anonymousViewer } from "@/lib/data/anonymous-viewer";
import { appendRequestEvent } from "@/lib/data/request-events";
import { requestStory } from "@/lib/data/request-story";
import { formatReference } from "@/lib/data/request-reference";
import { trackingTokenOf, unsubscribeByToken } from "@/lib/data/request-followers";
import { trackingViewer } from "@/lib/auth/tracking";
import { drainOutboxOnce } from "@/lib/mail/outbox";
import { LINK_PLACEHOLDER } from "@/lib/mail/templates";
import { submitPublicReport } from "./public-submission";
import { queueFollowerMails } from "./request-notify";
import { followPublicRequest } from "./request-tracking";
import { freshTownWithAdmin } from "@/test/fixtures/viewers";
import { updateMunicipalitySettings } from "@/lib/data/municipality-settings";

const raw = testPrisma();
const ip = () =>
  `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

const report = (municipalityId: string, extra: Record<string, unknown> = {}) => ({
  municipalityId,
  category: "ROADS",
  title: "Pothole on Mill Lane",
  description: "A deep pothole by the bakery, dangerous for bikes.",
  area: "Old Town",
  address: "12 Mill Lane",
  reporterName: "Rita Reporter",
  reporterPhone: "555-0199",
  ...extra,
});

async function file(municipalityId: string, extra: Record<string, unknown> = {}) {
  return submitPublicReport(await anonymousViewer(), report(municipalityId, extra), ip());
}

const tokenOf = (path: string) => path.slice(path.lastIndexOf("/") + 1);

describe("request references", () => {
  it("gives concurrent reports distinct consecutive references from the counter, and skips a number already taken", async () => {
    const town = await freshMunicipality();
    const ref = (n: number) => formatReference(town.slug, n);
    // A reference already in use (an import): the counter's next number must pass it by.
    await raw.serviceRequest.create({
      data: { ...report(town.id), reference: ref(3), status: "SUBMITTED", category: "ROADS" },
    });
    const made = await Promise.all(Array.from({ length: 6 }, () => file(town.id)));
    const refs = made.map((m) => m.reference!).sort();
    expect(new Set(refs).size).toBe(6);
    expect(refs).toEqual([1, 2, 4, 5, 6, 7].map(ref));
    expect((await raw.municipality.findUniqueOrThrow({ where: { id: town.id } })).requestCounter).toBe(7);
  });

  it("continues the demo municipality's numbering (RIV-00046 style) for staff and portal alike", async () => {
    const town = await freshMunicipality({ slug: `riv${uniq()}` });
    await raw.municipality.update({ where: { id: town.id }, data: { requestCounter: 45 } });
    expect((await file(town.id)).reference).toBe("RIV-00046");
  });
});

describe("the reporter's tracking opt-in", () => {
  it("stores only the token's hash with a year's expiry, queues the mail in the report's transaction while SMTP is down, and sends it with the links once SMTP is up", async () => {
    const town = await freshMunicipality();
    const email = `Reporter.${uniq()}@Example.test`;
    const done = await file(town.id, { reporterEmail: email, followUpdates: true });
    expect(done.trackingPath).toMatch(new RegExp(`^/m/${town.slug}/track/[A-Za-z0-9_-]{43}$`));
    const token = tokenOf(done.trackingPath!);

    const request = await raw.serviceRequest.findFirstOrThrow({
      where: { municipalityId: town.id, reference: done.reference! },
    });
    const follower = await raw.requestFollower.findFirstOrThrow({ where: { requestId: request.id } });
    expect(follower.email).toBe(email.toLowerCase());
    expect(follower.tokenHash).toBe(sha256(token));
    const days = (follower.tokenExpiresAt!.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(364);
    expect(days).toBeLessThan(366);

    // The mail waits in the outbox (nothing drained it: SMTP "down"), and nothing stored shows the token.
    const mail = await raw.outboxMessage.findFirstOrThrow({
      where: { to: email.toLowerCase(), template: "request-tracking" },
    });
    expect(mail.status).toBe("PENDING");
    expect(mail.text).toContain(LINK_PLACEHOLDER);
    expect(mail.text).toContain(done.reference!);
    for (const stored of [JSON.stringify(follower), JSON.stringify(mail)]) expect(stored).not.toContain(token);
    const audit = await raw.auditEvent.findMany({ where: { municipalityId: town.id } });
    expect(JSON.stringify(audit, (_, v) => (typeof v === "bigint" ? String(v) : v))).not.toContain(token);

    const port = await freePort();
    const smtpUrl = `smtp://127.0.0.1:${port}`;
    expect(await drainOutboxOnce({ smtpUrl, ids: [mail.id] })).toMatchObject({ failed: 1 });
    expect((await raw.outboxMessage.findUniqueOrThrow({ where: { id: mail.id } })).status).toBe("PENDING");
    const server = await startSmtp(port);
    try {
      await raw.outboxMessage.update({ where: { id: mail.id }, data: { nextAttemptAt: new Date(Date.now() - 1000) } });
      expect(await drainOutboxOnce({ smtpUrl, ids: [mail.id] })).toMatchObject({ sent: 1 });
      const sent = server.mails()[0]!.raw.replace(/=\r?\n/g, "");
      expect(sent).toContain(`/m/${town.slug}/track/${token}`);
      expect(sent).toContain(`/m/${town.slug}/track/${token}/unsubscribe`);
      // Headers may be folded over lines.
      expect(sent.replace(/\r?\n[ \t]+/g, " ")).toMatch(
        new RegExp(`List-Unsubscribe: <http[^>]+/m/${town.slug}/track/${token}/unsubscribe>`),
      );
    } finally {
      await server.stop();
    }
  });

  it("refuses the opt-in without an address, naming the email field, and files nothing", async () => {
    const town = await freshMunicipality();
    await expect(file(town.id, { followUpdates: true })).rejects.toMatchObject({
      fieldErrors: { reporterEmail: [expect.stringMatching(/email/i)] },
    });
    expect(await raw.serviceRequest.count({ where: { municipalityId: town.id } })).toBe(0);
  });
});

describe("a tracking link", () => {
  it("opens its own request through the citizen policy, without contact details or the exact address; wrong, expired or another municipality's tokens open nothing", async () => {
    const town = await freshMunicipality();
    const other = await freshMunicipality();
    const done = await file(town.id, { reporterEmail: `t.${uniq()}@example.test`, followUpdates: true });
    const token = tokenOf(done.trackingPath!);

    const access = (await trackingViewer(town.id, token))!;
    expect(access.subscribed).toBe(true);
    const story = (await requestStory(access.viewer, town.id, {
      id: (access.viewer.principal as { trackedRequestId: string }).trackedRequestId,
    }))!;
    expect(story.request.reference).toBe(done.reference);
    expect(story.entries.length).toBeGreaterThanOrEqual(0);
    const shown = JSON.stringify(story);
    for (const secret of ["12 Mill Lane", "Rita Reporter", "555-0199", "example.test"])
      expect(shown).not.toContain(secret);
    expect(story.request).not.toHaveProperty("latitude");

    // The same link names no request of another municipality; a wrong or short token nothing at all.
    expect(await trackingViewer(other.id, token)).toBeNull();
    expect(
      await trackingViewer(
        town.id,
        token.replace(/.$/, (c) => (c === "A" ? "B" : "A")),
      ),
    ).toBeNull();
    expect(await trackingViewer(town.id, "short")).toBeNull();
    await raw.requestFollower.updateMany({
      where: { tokenHash: sha256(token) },
      data: { tokenExpiresAt: new Date(Date.now() - 1000) },
    });
    expect(await trackingViewer(town.id, token)).toBeNull();
  });
});

describe("followers' mails", () => {
  it("queues one mail per active follower on a status change, each with its own link (the same link as before), none to an unsubscribed one", async () => {
    const town = await freshMunicipality();
    const a = `a.${uniq()}@example.test`;
    const done = await file(town.id, { reporterEmail: a, followUpdates: true });
    const request = await raw.serviceRequest.findFirstOrThrow({
      where: { municipalityId: town.id, reference: done.reference! },
    });
    const b = `b.${uniq()}@example.test`;
    const c = `c.${uniq()}@example.test`;
    const anon = await anonymousViewer();
    await followPublicRequest(anon, town.id, done.reference!, b, ip());
    await followPublicRequest(anon, town.id, done.reference!, c, ip());
    const cFollower = await raw.requestFollower.findFirstOrThrow({ where: { requestId: request.id, email: c } });
    expect(await unsubscribeByToken(town.id, trackingTokenOf(cFollower.id))).toEqual({ id: cFollower.id });

    const queued = await db.$transaction(async (tx) => {
      const t = tx;
      await t.serviceRequest.update({ where: { id: request.id }, data: { status: "IN_PROGRESS" } });
      const event = await appendRequestEvent(
        t,
        { ...request, reporterUserId: null },
        {
          kind: "STATUS_CHANGED",
          fromStatus: "SUBMITTED",
          toStatus: "IN_PROGRESS",
          body: "A crew is booked for Thursday.",
        },
      );
      return queueFollowerMails(t, request, event);
    });
    expect(queued).toBe(2);
    const mails = await raw.outboxMessage.findMany({ where: { template: "request-update", to: { in: [a, b, c] } } });
    expect(mails.map((m) => m.to).sort()).toEqual([a, b].sort());
    expect(mails[0]!.subject).toBe(`Report ${done.reference}: In progress`);
    expect(mails[0]!.text).toContain("A crew is booked for Thursday.");

    const server = await startSmtp(0);
    try {
      expect(
        await drainOutboxOnce({ smtpUrl: `smtp://127.0.0.1:${server.port}`, ids: mails.map((m) => m.id) }),
      ).toMatchObject({ sent: 2 });
      const toA = server
        .mails()
        .find((m) => m.to.includes(a))!
        .raw.replace(/=\r?\n/g, "");
      // The reporter's first link (from the confirmation) is the one in the status mail too.
      expect(toA).toContain(done.trackingPath!);
      const toB = server
        .mails()
        .find((m) => m.to.includes(b))!
        .raw.replace(/=\r?\n/g, "");
      expect(toB).not.toContain(tokenOf(done.trackingPath!));
    } finally {
      await server.stop();
    }
    // Internal notes are not news for followers.
    const none = await db.$transaction(async (tx) =>
      queueFollowerMails(tx, request, { id: "x", kind: "INTERNAL_NOTE" }),
    );
    expect(none).toBe(0);
  });

  it("lets anyone follow a public request (one follower per address), and quietly does nothing for a request the public cannot see", async () => {
    const town = await freshMunicipality();
    const done = await file(town.id);
    const anon = await anonymousViewer();
    const email = `f.${uniq()}@example.test`;
    expect(await followPublicRequest(anon, town.id, done.reference!, email, ip())).toEqual({ limited: false });
    expect(await followPublicRequest(anon, town.id, done.reference!, email.toUpperCase(), ip())).toEqual({
      limited: false,
    });
    const request = await raw.serviceRequest.findFirstOrThrow({
      where: { municipalityId: town.id, reference: done.reference! },
    });
    expect(await raw.requestFollower.count({ where: { requestId: request.id } })).toBe(1);
    expect(await raw.outboxMessage.count({ where: { to: email, template: "request-tracking" } })).toBe(2);

    await raw.serviceRequest.update({ where: { id: request.id }, data: { isPublic: false } });
    const hidden = `h.${uniq()}@example.test`;
    expect(await followPublicRequest(anon, town.id, done.reference!, hidden, ip())).toEqual({ limited: false });
    expect(await raw.outboxMessage.count({ where: { to: hidden } })).toBe(0);
  });

  it("mails a citizen account that follows the request too, without a secret link; not an unfollowed or deactivated one", async () => {
    const town = await freshMunicipality();
    const done = await file(town.id);
    const request = await raw.serviceRequest.findFirstOrThrow({
      where: { municipalityId: town.id, reference: done.reference! },
    });
    const citizen = (active: boolean) =>
      raw.user.create({ data: { email: `cit.${uniq()}@example.test`, isCitizen: true, isActive: active } });
    const [following, gone, left] = [await citizen(true), await citizen(false), await citizen(true)];
    for (const u of [following, gone, left])
      await raw.requestFollower.create({
        data: {
          municipalityId: town.id,
          requestId: request.id,
          userId: u.id,
          unsubscribedAt: u.id === left.id ? new Date() : null,
        },
      });
    const queued = await db.$transaction(async (tx) => {
      const event = await appendRequestEvent(
        tx,
        { ...request, reporterUserId: null },
        { kind: "PUBLIC_COMMENT", body: "The crew comes on Friday." },
      );
      return queueFollowerMails(tx, request, event);
    });
    expect(queued).toBe(1);
    const mails = await raw.outboxMessage.findMany({
      where: { to: { in: [following.email, gone.email, left.email] } },
    });
    expect(mails.map((m) => [m.to, m.template])).toEqual([[following.email, "request-update-account"]]);
    expect(mails[0]!.text).toContain("The crew comes on Friday.");
    expect(mails[0]!.text).toContain("/my");
    expect(mails[0]!.text).not.toContain("/track/");
  });
});

describe("moderation", () => {
  it("keeps a new report off the public list until triage when the municipality's admin says so (an audited setting)", async () => {
    const { town, admin } = await freshTownWithAdmin();
    const r = await updateMunicipalitySettings(admin, town.id, { reportsPublicAtOnce: false });
    expect(r.changed).toEqual(["reportsPublicAtOnce"]);
    const audited = await raw.auditEvent.findMany({
      where: { municipalityId: town.id },
      orderBy: { seq: "desc" },
      take: 1,
    });
    expect(JSON.stringify(audited[0]!.data)).toContain("reportsPublicAtOnce");
    const done = await file(town.id);
    const request = await raw.serviceRequest.findFirstOrThrow({
      where: { municipalityId: town.id, reference: done.reference! },
    });
    expect(request.isPublic).toBe(false);
    expect(await requestStory(await anonymousViewer(), town.id, { reference: done.reference! })).toBeNull();
    await raw.municipality.update({ where: { id: town.id }, data: { reportsPublicAtOnce: true } });
    const open = await file(town.id);
    expect(await requestStory(await anonymousViewer(), town.id, { reference: open.reference! })).not.toBeNull();
  });
});
