// The log keeps secrets out (every kind the issue names, as the app makes them) and honours
// LOG_LEVEL — through the real logger, the real environment and the real request-line module.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { newSecret } from "@/lib/crypto/tokens";
import {
  citizenSignupMail,
  emailChangeMail,
  invitationMail,
  passwordResetMail,
  registrationMail,
} from "@/lib/mail/templates";
import { trackingPath } from "@/lib/data/request-followers";
import { freePort } from "@/test/fixtures/free-port";
import { createLogger, REDACTED, requestIdFor } from "./log-core.mjs";

const ROOT = path.resolve(import.meta.dirname, "../..");

function capture(level = "debug") {
  const lines: string[] = [];
  const logger = createLogger({ level, destination: { write: (line: string) => lines.push(line) } });
  return { logger, lines, text: () => lines.join("") };
}

/** Every secret this test hands the logger, so it can look for each in what came out. */
function secrets() {
  const s = {
    password: `pw-${newSecret(12)}`,
    newPassword: `pw-${newSecret(12)}`,
    sessionToken: newSecret(),
    csrfToken: newSecret(),
    cookie: newSecret(),
    bearer: `gh_${newSecret()}`,
    basic: Buffer.from(`svc:${newSecret(12)}`).toString("base64"),
    scim: `scim_${newSecret()}`,
    clientSecret: newSecret(),
    dbPassword: newSecret(12),
    query: newSecret(),
    code: newSecret(16),
    jwt: `eyJ${newSecret(12)}.eyJ${newSecret(24)}.${newSecret(24)}`,
    invite: newSecret(),
    registration: newSecret(),
    reset: newSecret(),
    confirmEmail: newSecret(),
    citizen: newSecret(),
    tracking: newSecret(),
  };
  const base = "https://gatehouse.example.org";
  const links = {
    invitation:
      base + invitationMail({ municipality: "Riverton", inviter: "Ada", token: s.invite, days: 7 }).secretLink,
    registration: base + registrationMail({ municipality: "Riverton", token: s.registration, days: 7 }).secretLink,
    reset: base + passwordResetMail({ token: s.reset, minutes: 30 }).secretLink,
    confirmEmail: base + emailChangeMail({ token: s.confirmEmail, hours: 24 }).secretLink,
    citizen: base + citizenSignupMail({ token: s.citizen, hours: 24 }).secretLink,
    tracking: base + trackingPath("riverton", s.tracking),
    query: `${base}/api/v1/thing?page=2&token=${s.query}`,
    oauth: `${base}/api/auth/callback/oidc?code=${s.code}&state=xyz123`,
  };
  return { s, links };
}

describe("log redaction", () => {
  it("keeps every kind of secret out of the output, wherever it is logged", () => {
    const { s, links } = secrets();
    const { logger, lines, text } = capture();
    const headers = {
      authorization: `Bearer ${s.bearer}`,
      cookie: `__Secure-next-auth.session-token=${s.sessionToken}; theme=dark`,
      "set-cookie": [`next-auth.csrf-token=${s.csrfToken}; Path=/`],
      "x-other": "kept",
    };
    // Under secret keys, at any depth, in a Headers object, in arrays.
    logger.info({ password: s.password, user: { email: "ada@riverton.test", newPassword: s.newPassword } }, "sign-in");
    logger.info({ req: { headers } }, "headers as a record");
    logger.info({ headers: new Headers({ Authorization: `Basic ${s.basic}`, Cookie: `sid=${s.cookie}` }) }, "Headers");
    logger.warn({ connection: { clientSecret: s.clientSecret, scimToken: s.scim, sessionToken: s.sessionToken } });
    // In free text: the message, a field that is not called secret, an error's message and stack.
    for (const [kind, link] of Object.entries(links)) {
      logger.info(`mail sent with ${link} (${kind})`);
      logger.info({ url: link, kind }, "a link in a field");
      logger.error({ err: new Error(`could not open ${link}`) }, "an error quoting a link");
    }
    logger.error(`upstream said: Authorization: Bearer ${s.bearer}; Basic ${s.basic}; id_token ${s.jwt}`);
    logger.error({ err: new Error(`connect postgresql://gatehouse:${s.dbPassword}@db.internal:5432/gh failed`) });
    logger.error({ detail: `cookie header was "session-token=${s.sessionToken}" and scim ${s.scim}` }, "free text");

    const out = text();
    for (const [kind, secret] of Object.entries(s)) expect(out, `${kind} leaked`).not.toContain(secret);
    // Still useful: one JSON object per line, what is not secret kept, and the redaction visible.
    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(parsed).toHaveLength(lines.length);
    expect(out).toContain("ada@riverton.test");
    expect(out).toContain('"x-other":"kept"');
    expect(out).toContain("/invite/" + REDACTED);
    expect(out).toContain("/m/riverton/track/" + REDACTED);
    expect(out).toContain("page=2&token=" + REDACTED);
    expect(out).toContain("db.internal:5432");
    expect(parsed.find((l) => l.msg === "an error quoting a link")?.err).toMatchObject({
      type: "Error",
      message: expect.stringContaining("could not open https://gatehouse.example.org/"),
    });
  });

  it("keeps ids, counts and kinds that only name a secret", () => {
    const { logger, text } = capture();
    logger.info({ apiTokenId: "tok_row_1", tokenCount: 3, tokenPrefix: "gh_ab", secretRotatedAt: "2026-12-01" });
    expect(JSON.parse(text())).toMatchObject({
      apiTokenId: "tok_row_1",
      tokenCount: 3,
      tokenPrefix: "gh_ab",
      secretRotatedAt: "2026-12-01",
    });
  });
});

/** Runs `code` in a child process with `env` added, as the app runs (react-server, tsx). */
function runWith(env: Record<string, string | undefined>, code: string): string[] {
  const childEnv = { ...process.env, ...env };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete childEnv[k];
  const r = spawnSync(
    path.join(ROOT, "node_modules/.bin/tsx"),
    ["--conditions=react-server", "-e", `(async () => {${code}})()`],
    { cwd: ROOT, env: childEnv, encoding: "utf8", timeout: 60_000 },
  );
  if (r.status !== 0 || r.stderr) throw new Error(`child failed (${r.status}): ${r.stderr || r.stdout}`);
  return r.stdout.split("\n").filter(Boolean);
}

describe("LOG_LEVEL", () => {
  const appLog = `
    const { log } = await import("./lib/ops/log.ts");
    log.debug("a debug line"); log.info("an info line"); log.warn("a warn line"); log.error("an error line");`;

  it("LOG_LEVEL=warn drops the app's info and debug lines and keeps warnings and errors", () => {
    const lines = runWith({ LOG_LEVEL: "warn" }, appLog).map((l) => JSON.parse(l) as { level: string; msg: string });
    expect(lines.map((l) => [l.level, l.msg])).toEqual([
      ["warn", "a warn line"],
      ["error", "an error line"],
    ]);
  });

  it("the default (info) keeps info lines; debug shows debug ones too", () => {
    const levels = (env: Record<string, string | undefined>) =>
      runWith(env, appLog).map((l) => (JSON.parse(l) as { level: string }).level);
    expect(levels({ LOG_LEVEL: undefined })).toEqual(["info", "warn", "error"]);
    expect(levels({ LOG_LEVEL: "debug" })).toEqual(["debug", "info", "warn", "error"]);
  });

  it("LOG_LEVEL=warn drops the server's request lines but keeps a 5xx one", async () => {
    const port = await freePort();
    const serve = `
      const http = await import("node:http");
      const { withRequestLog } = await import("./scripts/request-log.mjs");
      const server = http.createServer(withRequestLog((req, res) => {
        res.statusCode = req.url.startsWith("/fail") ? 500 : 200;
        res.end("x");
      }));
      await new Promise((r) => server.listen(${port}, "127.0.0.1", r));
      const base = "http://127.0.0.1:${port}";
      for (const p of ["/ok", "/fail/invite/abcdefghijklmnop?token=zzzzzzzzzzzz"]) await (await fetch(base + p)).text();
      await new Promise((r) => setTimeout(r, 50));
      server.close();`;
    const warn = runWith({ LOG_LEVEL: "warn" }, serve).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(warn).toHaveLength(1);
    expect(warn[0]).toMatchObject({ level: "error", msg: "request", method: "GET", status: 500 });
    // No query, and the secret segment redacted.
    expect(warn[0]!.path).toBe("/fail/invite/" + REDACTED);
    expect(warn[0]!.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(typeof warn[0]!.durationMs).toBe("number");
    const info = runWith({ LOG_LEVEL: "info" }, serve).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(info.map((l) => [l.level, l.path, l.status])).toEqual([
      ["info", "/ok", 200],
      ["error", "/fail/invite/" + REDACTED, 500],
    ]);
  });
});

describe("request ids", () => {
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

  it("the response carries the request's id, unless the route answers with its own (AuthZEN echoes the caller's)", async () => {
    const port = await freePort();
    const lines = runWith(
      { LOG_LEVEL: "info" },
      `
      const http = await import("node:http");
      const { withRequestLog } = await import("./scripts/request-log.mjs");
      const server = http.createServer(withRequestLog((req, res) => {
        // As Next.js writes a route's headers: only those not already on the response.
        if (req.url === "/echo" && !res.hasHeader("x-request-id")) res.setHeader("X-Request-ID", "caller-1");
        res.end("x");
      }));
      await new Promise((r) => server.listen(${port}, "127.0.0.1", r));
      for (const p of ["/plain", "/echo"]) {
        const res = await fetch("http://127.0.0.1:${port}" + p, { headers: { "X-Request-ID": "caller-1" } });
        await res.text();
        process.stdout.write(JSON.stringify({ answered: p, id: res.headers.get("x-request-id") }) + "\\n");
      }
      await new Promise((r) => setTimeout(r, 50));
      server.close();`,
    ).map((l) => JSON.parse(l) as Record<string, string>);
    const answered = new Map(lines.filter((l) => l.answered).map((l) => [l.answered, l.id]));
    const logged = new Map(lines.filter((l) => l.msg === "request").map((l) => [l.path, l.requestId]));
    expect(answered.get("/plain")).toMatch(uuid);
    expect(answered.get("/plain")).toBe(logged.get("/plain"));
    expect(answered.get("/echo")).toBe("caller-1");
    // The log keeps the server's own id: a caller's header names nothing in our logs.
    expect(logged.get("/echo")).toMatch(uuid);
  });

  it("takes a client's X-Request-Id only behind our proxies, and only when well-formed", () => {
    const sent = { "x-request-id": "haproxy-7F000001:C2E4_0A00" };
    expect(requestIdFor(sent, 0)).toMatch(uuid);
    expect(requestIdFor(sent, 1)).toBe("haproxy-7F000001:C2E4_0A00");
    for (const bad of ["short", "x".repeat(129), "has space in it", 'quote"d-id-123', "line\nbreak-1234", ""])
      expect(requestIdFor({ "x-request-id": bad }, 2), bad).toMatch(uuid);
    expect(requestIdFor({}, 1)).toMatch(uuid);
    expect(requestIdFor({}, 0)).not.toBe(requestIdFor({}, 0));
  });
});
