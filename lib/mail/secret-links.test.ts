// Issue 13, item 1: the invitation and registration links are secrets. The outbox (what admins
// read) must never hold them readable, before or after sending; only the mail that reaches the
// recipient carries the link, and once it is sent, given up or withdrawn nothing secret remains.
// Tokens are learned the only way an outsider could: from the mail a real SMTP server received.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { freePort } from "@/test/fixtures/free-port";
import { startSmtp, waitForMail } from "@/test/fixtures/smtp";
import { env } from "@/lib/env";
import { createInvitation, inspectInvitation, resendInvitation, revokeInvitation } from "@/lib/flows/invite";
import { requestRegistration } from "@/lib/flows/registration";
import { acceptInvitation } from "@/lib/flows/onboarding";
import { sqlOn, testPrisma } from "@/test/fixtures/db";
import { freshMunicipality } from "@/test/fixtures/municipalities";
import { freshPerson } from "@/test/fixtures/people";
import { viewerOf } from "@/test/fixtures/viewers";
import { ONBOARDING } from "@/test/fixtures/mail";
import { uniq } from "@/test/fixtures/unique";
import { listMigrations } from "@/scripts/lib/migrate";
import { drainOutboxOnce, MAX_ATTEMPTS, retryNow } from "./outbox";

const raw = testPrisma();
let smtp: { port: number; stop(): Promise<void> };
let smtpUrl: string;

beforeAll(async () => {
  // waitForMail reads the directory E2E_MAILDIR names (this test file runs in its own process).
  process.env.E2E_MAILDIR = mkdtempSync(path.join(tmpdir(), "gatehouse-secret-links-"));
  smtp = await startSmtp(0, process.env.E2E_MAILDIR);
  smtpUrl = `smtp://127.0.0.1:${smtp.port}`;
});
afterAll(async () => {
  await smtp?.stop();
  await raw.$disconnect();
});

const ip = () => `10.13.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
const LINK = /(https?:\/\/\S+)\/invite\/([A-Za-z0-9_-]+)/;

/** Every column of one outbox row, as PostgreSQL renders it: text, subject, any JSON, new columns. */
async function rowText(id: string): Promise<string> {
  const [r] = await raw.$queryRaw<
    { j: string }[]
  >`select row_to_json(o)::text as j from "OutboxMessage" o where id = ${id}`;
  return r!.j;
}

/** Outbox rows and audit events anywhere that contain this string, in any column. */
async function rowsContaining(secret: string): Promise<{ outbox: number; audit: number }> {
  const like = `%${secret}%`;
  const [o] = await raw.$queryRaw<
    { n: number }[]
  >`select count(*)::int as n from "OutboxMessage" o where row_to_json(o)::text like ${like}`;
  const [a] = await raw.$queryRaw<
    { n: number }[]
  >`select count(*)::int as n from "AuditEvent" a where row_to_json(a)::text like ${like}`;
  return { outbox: o!.n, audit: a!.n };
}

async function townWithAdmin() {
  const domain = `${uniq()}.example`;
  const town = await freshMunicipality({ domains: [domain] });
  const admin = await freshPerson(town.id, ["municipality_admin"]);
  return { town, domain, admin: await viewerOf(admin.email) };
}

describe("secret links in mail", () => {
  it("an invitation's and a registration's link is in no outbox column before or after sending, reaches the recipient working, and its sealed copy is gone once sent", async () => {
    const { town, domain, admin } = await townWithAdmin();
    const invited = `invited.${uniq()}@example.test`;
    const registered = `self.${uniq()}@${domain}`;
    await createInvitation(admin, town.id, { email: invited, groups: ["viewer"] });
    expect(await requestRegistration({ email: registered, municipality: town.slug }, ip())).toBe("sent");

    const rows = await raw.outboxMessage.findMany({
      where: { to: { in: [invited, registered] } },
      select: { id: true, to: true },
    });
    expect(rows).toHaveLength(2);
    const before = new Map<string, string>();
    for (const r of rows) {
      before.set(r.to, await rowText(r.id));
    }

    expect(await drainOutboxOnce({ smtpUrl, ids: rows.map((r) => r.id) })).toMatchObject({ sent: 2, failed: 0 });

    for (const r of rows) {
      const mail = await waitForMail(r.to, LINK);
      const [, base, token] = LINK.exec(mail)!;
      expect(base).toBe(env().APP_URL);
      // The link works: it opens this person's invitation.
      expect(await inspectInvitation(token!)).toMatchObject({ state: "valid", email: r.to });
      // Not in the row before sending, not after, not in any other outbox row or audit event.
      expect(before.get(r.to)).not.toContain(token);
      // While it waited, the link was kept sealed (encrypted), not readable.
      expect(JSON.parse(before.get(r.to)!).linkCipher, r.to).toMatch(/^v1\./);
      const after = await rowText(r.id);
      expect(after).not.toContain(token);
      expect(await rowsContaining(token!)).toEqual({ outbox: 0, audit: 0 });
      // Sent: the sealed copy is gone too.
      expect(JSON.parse(after)).toMatchObject({ status: "SENT", linkCipher: null });
    }
    // And the link does what it is for.
    const token = LINK.exec(await waitForMail(invited, LINK))![2]!;
    await expect(acceptInvitation(token, ONBOARDING)).resolves.toHaveProperty("membershipId");
  });

  it("resending or revoking withdraws the link of a mail still waiting: it is never sent or retried, and keeps no secret", async () => {
    const { town, domain, admin } = await townWithAdmin();
    const email = `withdrawn.${uniq()}@example.test`;
    const { id } = await createInvitation(admin, town.id, { email, groups: ["viewer"] });
    const first = await raw.outboxMessage.findFirstOrThrow({ where: { to: email }, select: { id: true } });
    await resendInvitation(admin, id);
    const second = await raw.outboxMessage.findFirstOrThrow({
      where: { to: email, NOT: { id: first.id } },
      select: { id: true },
    });
    expect(JSON.parse(await rowText(first.id))).toMatchObject({
      status: "FAILED",
      linkCipher: null,
      lastError: expect.stringMatching(/link withdrawn/),
    });
    expect(JSON.parse(await rowText(second.id))).toMatchObject({
      status: "PENDING",
      linkCipher: expect.stringMatching(/^v1\./),
    });
    await revokeInvitation(admin, id);
    expect(JSON.parse(await rowText(second.id))).toMatchObject({
      status: "FAILED",
      linkCipher: null,
      lastError: expect.stringMatching(/link withdrawn/),
    });

    // "Retry now" cannot bring a withdrawn mail back, and nothing goes out.
    await retryNow(first.id);
    await retryNow(second.id);
    expect(await drainOutboxOnce({ smtpUrl, ids: [first.id, second.id] })).toMatchObject({ sent: 0 });
    await expect(waitForMail(email, /./, 1500)).rejects.toThrow(/no mail/);

    // A newer self-registration request withdraws the previous request's waiting link.
    const self = `again.${uniq()}@${domain}`;
    await requestRegistration({ email: self, municipality: town.slug }, ip());
    const old = await raw.outboxMessage.findFirstOrThrow({ where: { to: self }, select: { id: true } });
    await requestRegistration({ email: self, municipality: town.slug }, ip());
    expect(JSON.parse(await rowText(old.id))).toMatchObject({ status: "FAILED", linkCipher: null });
  });

  it("a mail given up after its last attempt keeps no secret and cannot be retried without its link", async () => {
    const { town, admin } = await townWithAdmin();
    const email = `givenup.${uniq()}@example.test`;
    await createInvitation(admin, town.id, { email, groups: ["viewer"] });
    const m = await raw.outboxMessage.findFirstOrThrow({ where: { to: email }, select: { id: true } });
    await raw.outboxMessage.update({ where: { id: m.id }, data: { attempts: MAX_ATTEMPTS - 1 } });
    // Nothing listens on a freshly released port: the last attempt fails.
    const closed = await freePort();
    await drainOutboxOnce({ smtpUrl: `smtp://127.0.0.1:${closed}`, ids: [m.id] });
    expect(JSON.parse(await rowText(m.id))).toMatchObject({
      status: "FAILED",
      attempts: MAX_ATTEMPTS,
      linkCipher: null,
    });
    await retryNow(m.id);
    expect(JSON.parse(await rowText(m.id))).toMatchObject({ status: "FAILED" });
  });

  it("for local use without SMTP the mail, link included, goes to the server's standard output only, and the row keeps no secret", async () => {
    const { town, admin } = await townWithAdmin();
    const email = `console.${uniq()}@example.test`;
    await createInvitation(admin, town.id, { email, groups: ["viewer"] });
    const m = await raw.outboxMessage.findFirstOrThrow({ where: { to: email }, select: { id: true } });
    const printed: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    // Captured (and kept out of the test report) only while this one mail is drained.
    process.stdout.write = ((chunk: string | Uint8Array) => {
      printed.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
      return true;
    }) as typeof process.stdout.write;
    let result;
    try {
      result = await drainOutboxOnce({ ids: [m.id], console: true });
    } finally {
      process.stdout.write = write;
    }
    expect(result).toMatchObject({ sent: 1 });
    const out = printed.join("");
    expect(out).toContain(`To: ${email}`);
    const token = LINK.exec(out)![2]!;
    expect(await inspectInvitation(token)).toMatchObject({ state: "valid", email });
    expect(await rowsContaining(token)).toEqual({ outbox: 0, audit: 0 });
    expect(JSON.parse(await rowText(m.id))).toMatchObject({ status: "SENT", linkCipher: null });
  });

  it("the upgrade removes the links that older versions stored readable, and gives up the link mail still waiting", async () => {
    const all = listMigrations();
    const upgrade = all.findIndex((m) => m.name.endsWith("_outbox_sealed_links"));
    expect(upgrade).toBeGreaterThan(0);
    const name = `gh_links_${randomBytes(3).toString("hex")}`;
    const exec = (url: string, sql: string, values: unknown[] = []) =>
      sqlOn<{ id: string; status: string; lastError: string | null; j: string }>(url, sql, values);
    await exec(process.env.DATABASE_URL!, `create database ${name}`);
    const url = Object.assign(new URL(process.env.DATABASE_URL!), { pathname: `/${name}` }).toString();
    try {
      for (const m of all.slice(0, upgrade)) await exec(url, m.sql);
      const token = randomBytes(32).toString("base64url");
      const old = (status: string) =>
        exec(
          url,
          `insert into "OutboxMessage" (id, "to", subject, text, template, status) values ($1, 'old@example.test', 'You are invited', $2, 'invitation', $3::"OutboxStatus")`,
          [`old-${status}`, `Accept:\nhttp://localhost:3000/invite/${token}\n`, status],
        );
      await old("PENDING");
      await old("SENT");
      await exec(url, all[upgrade]!.sql);
      const rows = await exec(
        url,
        `select id, status::text as status, "lastError", row_to_json(o)::text as j from "OutboxMessage" o order by id`,
      );
      expect(rows.map((r) => r.j).join("\n")).not.toContain(token);
      expect(
        rows.map((r) => ({ id: r.id, status: r.status, withdrawn: /^link withdrawn/.test(r.lastError ?? "") })),
      ).toEqual([
        { id: "old-PENDING", status: "FAILED", withdrawn: true },
        { id: "old-SENT", status: "SENT", withdrawn: false },
      ]);
    } finally {
      await exec(process.env.DATABASE_URL!, `drop database if exists ${name} with (force)`);
    }
  });
});
