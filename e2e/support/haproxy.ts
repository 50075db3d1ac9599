// A real load balancer for the two-servers spec: Debian's haproxy (installed through apt-get
// when missing, as scripts/test.ts installs Chromium), in front of app servers on loopback.
//
// The settings are the ones the README's production guide recommends: round robin per request,
// X-Forwarded-For appended (the app trusts one hop: TRUSTED_PROXY_HOPS=1), a health check on
// the readiness answer, `option http-server-close` (no idle haproxy→app connection a stopping
// server could close under a request) with `retries` + `option redispatch` (a refused
// connection — a server that stopped listening — goes to the other server). One thing is for
// the test only: a request carrying `x-test-server: <name>` goes to that server while it is up.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ensureDebianPackage } from "../../scripts/lib/apt.ts";
import { waitForHttp } from "../../test/fixtures/wait.ts";

export const HAPROXY = process.env.HAPROXY_PATH ?? "/usr/sbin/haproxy";
/** The request header that picks a server (test only). */
export const PIN_HEADER = "x-test-server";

export type Balancer = { url: string; output(): string; stop(): Promise<void> };

export function haproxyConfig(opts: { port: number; servers: { name: string; port: number }[]; checkPath: string }) {
  return `global
  maxconn 512
  # Server state changes (UP/DOWN and why) to stderr: output() shows them on a failure.
  log stderr format raw local0 notice

defaults
  mode http
  log global
  timeout connect 2s
  timeout client 65s
  timeout server 65s
  timeout http-request 10s
  # Unset, a check times out after \`inter\`: a busy server would be taken out for a slow answer.
  timeout check 3s
  retries 3
  option redispatch 1
  option forwardfor
  option http-server-close

frontend gatehouse
  bind 127.0.0.1:${opts.port}
  default_backend app

backend app
  balance roundrobin
  option httpchk
  http-check send meth GET uri ${opts.checkPath} ver HTTP/1.1 hdr Host localhost
  http-check expect status 200
${opts.servers.map((s) => `  use-server ${s.name} if { req.hdr(${PIN_HEADER}) -m str ${s.name} }`).join("\n")}
${opts.servers.map((s) => `  server ${s.name} 127.0.0.1:${s.port} check inter 1s fall 2 rise 2`).join("\n")}
`;
}

export async function startHaproxy(opts: Parameters<typeof haproxyConfig>[0]): Promise<Balancer> {
  if (ensureDebianPackage(HAPROXY, "haproxy", "(or set HAPROXY_PATH to a haproxy binary)") !== 0)
    throw new Error(`haproxy is needed at ${HAPROXY} for the two-servers test`);
  const dir = mkdtempSync(path.join(tmpdir(), "gatehouse-haproxy-"));
  const config = path.join(dir, "haproxy.cfg");
  writeFileSync(config, haproxyConfig(opts));
  // -db: stay in the foreground, logs to stderr.
  const child: ChildProcess = spawn(HAPROXY, ["-db", "-f", config], { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  const keep = (b: Buffer) => (out = (out + b.toString("utf8")).slice(-100_000));
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const url = `http://localhost:${opts.port}`;
  try {
    await waitForHttp(`${url}/`, 20_000);
  } catch (e) {
    child.kill("SIGKILL");
    throw new Error(`haproxy did not answer: ${out}`, { cause: e });
  }
  return {
    url,
    output: () => out,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
