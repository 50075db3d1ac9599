// The mail outbox. Flows write an OutboxMessage row in their own transaction (the mail exists iff
// the change does); drainOutboxOnce() sends due rows through nodemailer to SMTP_URL. A failure
// keeps the row PENDING with lastError and an exponentially later nextAttemptAt, so a mail is never
// lost while SMTP is down; after MAX_ATTEMPTS it is marked FAILED and stays listed in the admin
// outbox. Rows are claimed with FOR UPDATE SKIP LOCKED plus a short lease, so several app servers
// never send one mail at the same time, and no database connection is held while SMTP talks.
//
// Secret links (invitation, registration) are never stored readable: the row's text holds
// LINK_PLACEHOLDER, the link itself is kept AES-GCM sealed in `linkCipher` (key derived from
// AUTH_SECRET, which is not in the database) and is put in place only in the mail handed to the
// transport. The sealed copy is cleared as soon as the mail is sent, given up or stopped, and when
// the invitation is resent, revoked or replaced (withdrawMailLinks) — so after that, nothing in the
// database opens the link, and the admin outbox (which shows the text) never shows one.
//
// Without SMTP_URL, MAIL_CONSOLE=1 (set by `npm start` on the embedded database: local use) prints
// each mail, link included, to this server process's standard output instead; otherwise mail
// waits in the outbox until SMTP_URL is set.
import "server-only";
import nodemailer from "nodemailer";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { open, seal } from "@/lib/crypto/secret-box";
import {
  LINK_PLACEHOLDER,
  LINK_TEMPLATES,
  UNSUBSCRIBE_PLACEHOLDER,
  UNSUBSCRIBE_TEMPLATES,
  type MailContent,
} from "./templates";

export type MailInput = MailContent & {
  to: string;
  municipalityId?: string | null;
  userId?: string | null;
  /** The invitation whose link this mail carries: resending or revoking it withdraws the mail. */
  invitationId?: string | null;
};

type OutboxTx = {
  outboxMessage: {
    create(args: { data: Prisma.OutboxMessageUncheckedCreateInput; select: { id: true } }): PromiseLike<{ id: string }>;
    updateMany(args: {
      where: Prisma.OutboxMessageWhereInput;
      data: Prisma.OutboxMessageUncheckedUpdateManyInput;
    }): PromiseLike<{ count: number }>;
  };
};

/** HKDF purpose of the link key: a ciphertext sealed for mail never opens as anything else. */
const LINK_PURPOSE = "outbox-mail-link";
/** lastError of a mail whose link was taken back: it is never sent or retried. */
export const LINK_WITHDRAWN = "link withdrawn";

/** The link a sealed copy holds (the sender; the flow tests, which hold AUTH_SECRET as the server does). */
export function openMailLink(cipher: string): string {
  return open(cipher, env().AUTH_SECRET, LINK_PURPOSE);
}

/** Writes the mail inside the caller's transaction. Returns the row id. */
export async function enqueueMail(tx: OutboxTx, mail: MailInput): Promise<string> {
  const needsLink = LINK_TEMPLATES.includes(mail.template);
  if (needsLink !== (mail.secretLink !== undefined))
    throw new Error(
      `mail "${mail.template}": a secret link belongs exactly to the templates ${LINK_TEMPLATES.join(", ")}`,
    );
  if (mail.secretLink !== undefined) {
    // The link's secret part must not be in anything stored readable.
    const secret = mail.secretLink.slice(mail.secretLink.lastIndexOf("/") + 1);
    if (
      !mail.text.includes(LINK_PLACEHOLDER) ||
      !secret ||
      mail.text.includes(secret) ||
      mail.subject.includes(secret)
    ) {
      throw new Error(`mail "${mail.template}": the text must hold the link placeholder and never the link`);
    }
  }
  const row = await tx.outboxMessage.create({
    data: {
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      template: mail.template,
      municipalityId: mail.municipalityId ?? null,
      userId: mail.userId ?? null,
      invitationId: mail.invitationId ?? null,
      linkCipher: mail.secretLink !== undefined ? seal(mail.secretLink, env().AUTH_SECRET, LINK_PURPOSE) : null,
    },
    select: { id: true },
  });
  return row.id;
}

/**
 * These invitations' links stopped working (resent, revoked, replaced): their mails that still
 * wait are given up and lose the sealed link, inside the caller's transaction. Returns how many.
 */
export async function withdrawMailLinks(tx: OutboxTx, invitationIds: string[], why: string): Promise<number> {
  if (invitationIds.length === 0) return 0;
  const r = await tx.outboxMessage.updateMany({
    where: { invitationId: { in: invitationIds }, status: "PENDING" },
    data: { status: "FAILED", linkCipher: null, lastError: `${LINK_WITHDRAWN}: ${why}` },
  });
  return r.count;
}

/**
 * A person's own-account links of one template (a password reset, an email confirmation) stopped
 * working — used, replaced by a newer one, made moot: their mails that still wait are given up and
 * lose the sealed link, inside the caller's transaction. Returns how many.
 */
export function withdrawUserMailLinks(tx: OutboxTx, userId: string, template: string, why: string): Promise<number> {
  return withdrawLinkMails(tx, { userId, template }, why);
}

/** The same for links mailed to an address that has no account yet (a citizen's sign-up). */
export function withdrawAddressMailLinks(tx: OutboxTx, to: string, template: string, why: string): Promise<number> {
  return withdrawLinkMails(tx, { to, userId: null, template }, why);
}

async function withdrawLinkMails(tx: OutboxTx, whose: Prisma.OutboxMessageWhereInput, why: string): Promise<number> {
  const r = await tx.outboxMessage.updateMany({
    where: { ...whose, status: "PENDING", linkCipher: { not: null } },
    data: { status: "FAILED", linkCipher: null, lastError: `${LINK_WITHDRAWN}: ${why}` },
  });
  return r.count;
}

export const MAX_ATTEMPTS = 12;
/** 30 s, 1 min, 2 min, … capped at one hour: about seven hours before a mail is given up. */
export const backoffSeconds = (attempts: number) => Math.min(3600, 15 * 2 ** attempts);
/** A claimed row is not due again for this long, in case the sender dies mid-send. */
const LEASE_SECONDS = 120;

const transports = new Map<string, nodemailer.Transporter>();
function mailer(url: string): nodemailer.Transporter {
  let t = transports.get(url);
  if (!t) {
    // Timeouts well under the lease, so a hanging server cannot make two senders overlap.
    t = nodemailer.createTransport({ url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
    transports.set(url, t);
  }
  return t;
}

export type DrainOptions = {
  /** Defaults to SMTP_URL. */
  smtpUrl?: string;
  /** Without SMTP: print each mail to this process's standard output. Defaults to MAIL_CONSOLE. */
  console?: boolean;
  /** Only these rows (tests, and "retry now" on one message). */
  ids?: string[];
  /** How many messages at most. */
  limit?: number;
};

export type DrainResult = { sent: number; failed: number; skipped: number };

/** How this server delivers mail: SMTP, its console (local use), or not at all (mail waits). */
export function mailTransport(): "smtp" | "console" | "none" {
  return env().SMTP_URL ? "smtp" : env().MAIL_CONSOLE ? "console" : "none";
}

type Outgoing = { to: string; subject: string; text: string; headers?: Record<string, string> };
type Send = (m: Outgoing) => Promise<void>;

function sender(opts: DrainOptions): Send | null {
  const url = opts.smtpUrl ?? env().SMTP_URL;
  if (url) {
    const smtp = mailer(url);
    return async (m) => {
      await smtp.sendMail({ from: env().MAIL_FROM, ...m });
    };
  }
  if (opts.console ?? env().MAIL_CONSOLE) {
    // Standard output of this process only: never the database, a page or the audit trail.
    return async (m) => {
      process.stdout.write(
        `\n[mail] no SMTP_URL: printed here instead of sent (MAIL_CONSOLE=1, local use)\nTo: ${m.to}\nSubject: ${m.subject}\n\n${m.text}\n[mail] end of mail\n\n`,
      );
    };
  }
  return null;
}

type Claimed = {
  id: string;
  to: string;
  subject: string;
  text: string;
  template: string;
  attempts: number;
  userId: string | null;
  linkCipher: string | null;
};

async function claimOne(ids: string[] | undefined): Promise<Claimed | null> {
  const rows = ids
    ? await db.$queryRaw<Claimed[]>`
        update "OutboxMessage" set "nextAttemptAt" = now() + make_interval(secs => ${LEASE_SECONDS})
        where id = (select id from "OutboxMessage" where status = 'PENDING' and "nextAttemptAt" <= now() and id = any(${ids})
                    order by "createdAt" limit 1 for update skip locked)
        returning id, "to", subject, text, template, attempts, "userId", "linkCipher"`
    : await db.$queryRaw<Claimed[]>`
        update "OutboxMessage" set "nextAttemptAt" = now() + make_interval(secs => ${LEASE_SECONDS})
        where id = (select id from "OutboxMessage" where status = 'PENDING' and "nextAttemptAt" <= now()
                    order by "createdAt" limit 1 for update skip locked)
        returning id, "to", subject, text, template, attempts, "userId", "linkCipher"`;
  return rows[0] ?? null;
}

/** The text as it is sent (secret link in place), or why this mail cannot go out at all. */
function render(m: Claimed): { text: string; headers?: Record<string, string> } | { stop: string } {
  if (!LINK_TEMPLATES.includes(m.template)) return { text: m.text };
  if (!m.linkCipher) return { stop: `${LINK_WITHDRAWN}: the mail has no link any more; send the invitation again` };
  let link: string;
  try {
    link = openMailLink(m.linkCipher);
  } catch {
    return { stop: `${LINK_WITHDRAWN}: it cannot be decrypted (AUTH_SECRET changed?); send the invitation again` };
  }
  const text = m.text.split(LINK_PLACEHOLDER).join(`${env().APP_URL}${link}`);
  if (!UNSUBSCRIBE_TEMPLATES.includes(m.template)) return { text };
  // A follower's mail: its unsubscribe page is the link's own, in the text and in the header.
  const unsubscribe = `${env().APP_URL}${link}/unsubscribe`;
  return {
    text: text.split(UNSUBSCRIBE_PLACEHOLDER).join(unsubscribe),
    headers: { "List-Unsubscribe": `<${unsubscribe}>` },
  };
}

/** Sends what is due, one pass. Safe to run on every server at once. */
export async function drainOutboxOnce(opts: DrainOptions = {}): Promise<DrainResult> {
  const result: DrainResult = { sent: 0, failed: 0, skipped: 0 };
  const send = sender(opts);
  if (!send) return result;
  const stop = async (id: string, why: string) => {
    await db.outboxMessage.update({ where: { id }, data: { status: "FAILED", lastError: why, linkCipher: null } });
    result.skipped++;
  };
  for (let i = 0; i < (opts.limit ?? 50); i++) {
    const m = await claimOne(opts.ids);
    if (!m) break;
    // No mail to a deactivated person (docs/requirements.md#staff-accounts), even if it was queued before the deactivation.
    if (m.userId) {
      const u = await db.user.findUnique({ where: { id: m.userId }, select: { isActive: true } });
      if (u && !u.isActive) {
        await stop(m.id, "recipient deactivated");
        continue;
      }
    }
    const body = render(m);
    if ("stop" in body) {
      await stop(m.id, body.stop);
      continue;
    }
    try {
      await send({ to: m.to, subject: m.subject, text: body.text, headers: body.headers });
      await db.outboxMessage.update({
        where: { id: m.id },
        data: { status: "SENT", sentAt: new Date(), attempts: { increment: 1 }, lastError: null, linkCipher: null },
      });
      result.sent++;
    } catch (err) {
      const attempts = m.attempts + 1;
      const givenUp = attempts >= MAX_ATTEMPTS;
      await db.outboxMessage.update({
        where: { id: m.id },
        data: {
          attempts,
          lastError: (err instanceof Error ? err.message : String(err)).slice(0, 500),
          status: givenUp ? "FAILED" : "PENDING",
          nextAttemptAt: new Date(Date.now() + backoffSeconds(attempts) * 1000),
          // A given-up mail keeps no secret: its invitation can be sent again (a new link).
          ...(givenUp ? { linkCipher: null } : {}),
        },
      });
      result.failed++;
      // SMTP is most likely down: leave the rest for the next round instead of failing each one.
      break;
    }
  }
  return result;
}

/**
 * What "Retry now" may bring back: waiting or given-up mail, except mail stopped on purpose
 * (recipient deactivated or erased) and link mail whose link is gone (sent again it would be empty).
 */
export const retryableWhere: Prisma.OutboxMessageWhereInput = {
  status: { in: ["PENDING", "FAILED"] },
  OR: [{ lastError: null }, { NOT: { lastError: { startsWith: "recipient " } } }],
  NOT: { template: { in: LINK_TEMPLATES }, linkCipher: null },
};

/** Makes a message due now again (admin "retry now"), given-up ones included. */
export async function retryNow(id: string): Promise<void> {
  await db.outboxMessage.updateMany({
    where: { AND: [{ id }, retryableWhere] },
    data: { status: "PENDING", nextAttemptAt: new Date(), attempts: 0 },
  });
}
