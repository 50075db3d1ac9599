// AuthZEN on the production server (issue 19): a permits service of the largest municipality asks
// about its manager — one decision per call (POST /access/v1/evaluation) at 1 and 8 connections,
// and 100 decisions per call (POST /access/v1/evaluations) — and the ratio of decisions per second
// batched to single. The service row is registered here with a throwaway secret.
import { createHash, randomBytes } from "node:crypto";
import pg from "pg";
import { load } from "./http.ts";
import type { AuthzenResult, HttpResult, Results } from "./types.ts";

export const BATCH_SIZE = 100;

/** The permits service of `municipalityId`, (re)registered with a fresh secret; its Basic header. */
async function registerService(url: string, municipalityId: string): Promise<string> {
  const clientId = "svc_bench_permits";
  const secret = `gh_svc_${randomBytes(32).toString("base64url")}`;
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(
      `insert into "Service" (id, "municipalityId", slug, name, "clientId", "clientSecretHash", "clientSecretHint", "resourceTypes", "updatedAt")
       values ('bench-svc-permits', $1, 'permits', 'Permits (bench)', $2, $3, $4, '{permit}', now())
       on conflict (id) do update set "clientSecretHash" = $3, "clientSecretHint" = $4, "disabledAt" = null`,
      [municipalityId, clientId, createHash("sha256").update(secret).digest("hex"), secret.slice(-4)],
    );
  } finally {
    await c.end();
  }
  return `Basic ${Buffer.from(`${clientId}:${secret}`).toString("base64")}`;
}

const permit = (i: number) => ({
  type: "permit",
  id: `P-${i}`,
  properties: { ownerID: `applicant-${i}@bench.test`, status: "submitted" },
});

export async function authzenPhase(
  base: string,
  url: string,
  subjectId: string,
  municipalityId: string,
  durationS: number,
  log: (s: string) => void,
): Promise<AuthzenResult> {
  const headers = { authorization: await registerService(url, municipalityId), "content-type": "application/json" };
  const single = JSON.stringify({
    subject: { type: "user", id: subjectId },
    action: { name: "approve" },
    resource: permit(0),
  });
  const batch = JSON.stringify({
    subject: { type: "user", id: subjectId },
    action: { name: "approve" },
    evaluations: Array.from({ length: BATCH_SIZE }, (_, i) => ({ resource: permit(i) })),
  });
  // Checked before it is measured: the manager may approve someone else's permit.
  const probe = await fetch(`${base}/access/v1/evaluation`, { method: "POST", headers, body: single });
  const answer = (await probe.json()) as { decision?: boolean };
  const note =
    probe.status === 200 && answer.decision === true
      ? undefined
      : `probe answered ${probe.status} ${JSON.stringify(answer)}`;
  const post = (body: string) => ({ method: "POST" as const, body });
  await load("authzen", base, "/access/v1/evaluation", headers, 8, 2, post(single));
  const runs: HttpResult[] = [];
  for (const [endpoint, path, body] of [
    ["authzen", "/access/v1/evaluation", single],
    ["authzen-batch", "/access/v1/evaluations", batch],
  ] as const) {
    for (const connections of [1, 8]) {
      log(`AuthZEN ${endpoint}, ${connections} connection(s), ${durationS} s…`);
      runs.push(await load(endpoint, base, path, headers, connections, durationS, post(body)));
    }
  }
  const at = (e: HttpResult["endpoint"], c: number) => runs.find((r) => r.endpoint === e && r.connections === c)!;
  const perSecond = (e: HttpResult["endpoint"], c: number) => at(e, c).rps * (e === "authzen-batch" ? BATCH_SIZE : 1);
  return {
    batchSize: BATCH_SIZE,
    runs,
    ratio: {
      "1": perSecond("authzen-batch", 1) / perSecond("authzen", 1),
      "8": perSecond("authzen-batch", 8) / perSecond("authzen", 8),
    },
    ...(note ? { note } : {}),
  };
}

const n = (x: number, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : "–");

/** The report's AuthZEN section (bench/report.md). */
export function authzenSection(r: Results): string {
  const rows = r.sizes.flatMap((s) => (s.authzen ? [{ size: s.size, a: s.authzen }] : []));
  if (!rows.length) return "Not measured in this run (no production build, or --skip-http).";
  const lines = [
    "| rows | call | connections | calls/s | decisions/s | p50 ms | p95 ms | p99 ms | errors / non-2xx |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
  ];
  for (const { size, a } of rows) {
    for (const h of a.runs) {
      const per = h.endpoint === "authzen-batch" ? a.batchSize : 1;
      lines.push(
        `| ${size} | ${per === 1 ? "evaluation (1 decision)" : `evaluations (${per} decisions)`} | ${h.connections} | ${n(h.rps, 0)} | ${n(h.rps * per, 0)} | ${n(h.p50)} | ${n(h.p95)} | ${n(h.p99)} | ${h.errors} / ${h.non2xx} |`,
      );
    }
    lines.push("");
    lines.push(
      `Batched ÷ single, in decisions per second: **${n(a.ratio["1"])}×** at 1 connection, **${n(a.ratio["8"])}×** at 8.${a.note ? ` Note: ${a.note}.` : ""}`,
    );
  }
  return lines.join("\n");
}
