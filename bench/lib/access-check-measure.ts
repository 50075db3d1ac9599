// The access-check scenario (issue 19, seed 003's load note): a permission removed from a group of
// N members (default 5,000), each signed into the service, checked in batches of 500 by the real
// engine (lib/services/access-end.ts) against a copy of the group files without the operator's
// `access` rule. Run by bench/access-check.ts as a child with its own DATABASE_URL.
// Usage: tsx --conditions=react-server bench/lib/access-check-measure.ts <out.json> [members]
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { db } from "@/lib/db";
import { loadPolicies } from "@/lib/policy/load";
import { newClientCredentials } from "@/lib/services/client-secret";
import { runAccessCheck, startAccessCheck } from "@/lib/services/access-end";

const [outFile, membersArg] = process.argv.slice(2);
if (!outFile) throw new Error("usage: access-check-measure.ts <out.json> [members]");
const MEMBERS = Number(membersArg ?? 5000);
/** Members who also hold a direct grant: they keep access (the other sources are looked at too). */
const GRANTED = Math.round(MEMBERS / 100);

function policiesWithoutOperatorAccess() {
  const dir = mkdtempSync(path.join(tmpdir(), "gh-bench-policies-"));
  cpSync(path.join(process.cwd(), "policies"), dir, { recursive: true });
  const file = path.join(dir, "groups", "operator.yaml");
  const rule =
    /\n {2}- can: access\n {4}on: Service\n {4}where: \{ municipalityId: \$membership\.municipalityId, slug: permits \}/;
  const text = readFileSync(file, "utf8");
  if (!rule.test(text)) throw new Error("operator.yaml no longer has the access rule this scenario removes");
  writeFileSync(file, text.replace(rule, ""));
  return loadPolicies(path.join(dir, "groups"));
}

async function main() {
  const tag = Date.now().toString(36);
  const muni = await db.municipality.create({ data: { slug: `bench-access-${tag}`, name: `Bench access ${tag}` } });
  const c = newClientCredentials();
  const service = await db.service.create({
    data: {
      municipalityId: muni.id,
      slug: "permits",
      name: "Permits (bench)",
      clientId: c.clientId,
      clientSecretHash: c.clientSecretHash,
      clientSecretHint: c.clientSecretHint,
    },
  });
  const ids = Array.from({ length: MEMBERS }, (_, i) => `ba-${tag}-${String(i).padStart(5, "0")}`);
  const t0 = performance.now();
  for (let i = 0; i < ids.length; i += 1000) {
    const chunk = ids.slice(i, i + 1000);
    await db.user.createMany({ data: chunk.map((id) => ({ id, email: `${id}@bench.test`, name: id })) });
    await db.membership.createMany({
      data: chunk.map((userId) => ({
        userId,
        municipalityId: muni.id,
        groups: ["operator"],
        status: "ACTIVE" as const,
      })),
    });
    await db.serviceLink.createMany({
      data: chunk.map((userId) => ({ serviceId: service.id, municipalityId: muni.id, userId })),
    });
    // What the provider holds for each of them there: a grant and a refresh token.
    await db.oidcPayload.createMany({
      data: chunk.flatMap((userId) =>
        ["Grant", "RefreshToken"].map((type) => ({
          type,
          id: `${type}-${userId}`,
          payload: { accountId: userId },
          accountId: userId,
          clientId: service.clientId,
        })),
      ),
    });
  }
  await db.serviceGrant.createMany({
    data: ids.slice(0, GRANTED).map((userId) => ({
      serviceId: service.id,
      municipalityId: muni.id,
      userId,
      grantedById: ids[0]!,
      reason: "bench",
    })),
  });
  const setupSeconds = (performance.now() - t0) / 1000;
  const policies = policiesWithoutOperatorAccess();
  const started = performance.now();
  const { id } = await startAccessCheck({
    serviceId: service.id,
    group: "operator",
    reason: "bench: operator no longer grants permits",
  });
  await runAccessCheck(id, { policies });
  const seconds = (performance.now() - started) / 1000;
  const check = await db.accessCheck.findUniqueOrThrow({ where: { id } });
  const tokensLeft = await db.oidcPayload.count({ where: { clientId: service.clientId } });
  const out = {
    members: MEMBERS,
    batchSize: 500,
    keptByDirectGrant: GRANTED,
    checked: check.checked,
    ended: check.ended,
    status: check.status,
    seconds,
    membersPerSecond: check.checked / seconds,
    setupSeconds,
    providerRowsLeft: tokensLeft,
  };
  writeFileSync(outFile!, JSON.stringify(out, null, 2) + "\n");
  const wrong = check.status !== "DONE" || check.checked !== MEMBERS || check.ended !== MEMBERS - GRANTED;
  await db.$disconnect();
  if (wrong) {
    console.error(`[bench] access check is wrong: ${JSON.stringify(out)}`);
    process.exit(1);
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
