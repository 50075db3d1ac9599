// Child process of test/fixtures/service-jobs.ts: runs the service-access sweep's expiry step
// (expireDueGrants, lib/flows/service-grants.ts — what the minute's sweep and the grant's own timed
// job run) at a chosen time for one grant, then one delivery pass (deliverDueOnce, what the
// delivery job runs) for that person's queued logouts and webhooks, so a spec can pass an expiry
// without waiting for it. A child process starts no queue, so nothing is delivered as a side
// effect; the pass here is the delivery. Prints the result as one line of JSON.
// Usage: tsx --conditions=react-server e2e/support/run-service-jobs.main.ts --now <ISO> --grant <id>
import { parseArgs } from "node:util";
import { db } from "@/lib/db";
import { expireDueGrants } from "@/lib/flows/service-grants";
import { deliverDueOnce } from "@/lib/services/delivery-worker";

const { values } = parseArgs({ options: { now: { type: "string" }, grant: { type: "string" } } });
const now = values.now ? new Date(values.now) : new Date();
if (Number.isNaN(now.getTime())) throw new Error(`--now: not a date: ${values.now}`);
if (!values.grant) throw new Error("--grant <id> is required (never every grant)");
const grant = await db.serviceGrant.findUniqueOrThrow({ where: { id: values.grant }, select: { userId: true } });

const { expired } = await expireDueGrants({ now, grantIds: [values.grant] });
// Infrastructure read, as the delivery worker's own claim is: the person's rows still to send.
const queued = await db.serviceDelivery.findMany({
  where: { userId: grant.userId, status: { in: ["PENDING", "FAILED"] } },
  select: { id: true },
});
const delivered = queued.length ? await deliverDueOnce({ ids: queued.map((d) => d.id) }) : null;
process.stdout.write(`${JSON.stringify({ expired, delivered })}\n`);
await db.$disconnect();
process.exit(0);
