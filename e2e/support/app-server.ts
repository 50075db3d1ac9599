// A second production server (scripts/server.mjs, as `npm start` runs it, on the build e2e/global-setup.ts made) against a
// database and SMTP server the spec controls. Its output is kept, so a spec can show it on failure.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { waitForHttp } from "../../test/fixtures/wait.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");

export type AppServer = { baseURL: string; process: ChildProcess; output(): string; stop(): Promise<void> };

/** `appUrl`: the public address the server is configured with (default: where it listens, over HTTP). */
export async function startAppServer(opts: {
  port: number;
  databaseUrl: string;
  smtpUrl: string;
  authSecret: string;
  appUrl?: string;
  auditKey?: string;
  /** More environment for this server (e.g. SERVER_NAME, TRUSTED_PROXY_HOPS). */
  env?: Record<string, string>;
}): Promise<AppServer> {
  const baseURL = `http://localhost:${opts.port}`;
  const env = {
    ...process.env,
    DATABASE_URL: opts.databaseUrl,
    AUTH_SECRET: opts.authSecret,
    // The spec's own database gets its own trail: the global setup's key unless the spec picks one.
    AUDIT_KEY: opts.auditKey ?? process.env.AUDIT_KEY ?? "app-server-audit-key-0123456789abcdefgh",
    APP_URL: opts.appUrl ?? baseURL,
    NEXTAUTH_URL: opts.appUrl ?? baseURL,
    SMTP_URL: opts.smtpUrl,
    NEXT_TELEMETRY_DISABLED: "1",
    NODE_ENV: "production" as const,
    ...opts.env,
  };
  const child = spawn(process.execPath, [path.join(ROOT, "scripts/server.mjs"), "-p", String(opts.port)], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  const keep = (b: Buffer) => {
    out = (out + b.toString("utf8")).slice(-200_000);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  await waitForHttp(`${baseURL}/`, 60_000);
  return {
    baseURL,
    process: child,
    output: () => out,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await exited;
    },
  };
}
