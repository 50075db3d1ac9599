// A real SMTP server for the browser tests (smtp-server on loopback). Each message is written as
// JSON into a directory the tests read, since the tests run in other processes than the setup.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { SMTPServer } from "smtp-server";

/**
 * Recipients starting with this are refused with a temporary error (451), as a busy mail server
 * would: their mail stays PENDING in the outbox with its error and backoff, so a test can look at
 * a waiting mail on a server whose SMTP otherwise works.
 */
export const HELD_PREFIX = "held.";

/** Port 0 picks a free port; the one in use is returned. Where E2E_MAILDIR points, tests read. */
export async function startSmtp(port: number, dir: string): Promise<{ port: number; stop(): Promise<void> }> {
  mkdirSync(dir, { recursive: true });
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onRcptTo(address, _session, callback) {
      if (!address.address.startsWith(HELD_PREFIX)) return callback();
      callback(Object.assign(new Error("Mailbox busy, try again later"), { responseCode: 451 }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        const to = session.envelope.rcptTo.map((r) => r.address);
        writeFileSync(path.join(dir, `${Date.now()}-${Math.random().toString(36).slice(2)}.json`), JSON.stringify({ to, raw }));
        callback();
      });
    },
  });
  // A busy port is a clear setup error, not an unhandled 'error' event that kills the runner.
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const actual = (server.server.address() as { port: number }).port;
  return { port: actual, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

export type Mail = { to: string[]; raw: string };

export function readMails(dir = process.env.E2E_MAILDIR!): Mail[] {
  return readdirSync(dir).sort().map((f) => JSON.parse(readFileSync(path.join(dir, f), "utf8")) as Mail);
}

/** Waits for a mail to `to` whose text matches, and returns the decoded body. */
export async function waitForMail(to: string, match: RegExp, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const m of readMails()) {
      const body = decode(m.raw);
      if (m.to.includes(to) && match.test(body)) return body;
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`no mail to ${to} matching ${match} within ${timeoutMs} ms`);
}

function decode(raw: string): string {
  // nodemailer uses quoted-printable for long lines: undo soft breaks and =XX escapes.
  return raw.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}
