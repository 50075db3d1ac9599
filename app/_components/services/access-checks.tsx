// A service's access checks (seed 003: removing a permission from a large group checks only that
// group's members, in batches): what changed, how far the check is, how many lost access. Shown on
// the service's console page; while a check runs the page refreshes itself to show progress.
import { requireUser } from "@/lib/auth/current-session";
import { accessChecksOf } from "@/lib/data/service-access";
import { accessTime, STATE_WORDS } from "@/lib/services/access";

import { Badge, type Tone } from "@/app/_components/badge";
import { RefreshWhileRunning } from "./refresh-while-running";

const STATUS: Record<"RUNNING" | "DONE" | "FAILED", [string, Tone]> = {
  RUNNING: ["Checking", "info"],
  DONE: ["Done", "good"],
  FAILED: ["Stopped by an error — retried, then resumed where it stopped", "bad"],
};

const n = (x: number) => x.toLocaleString("en-GB");
const utcTime = (at: Date) => accessTime(at, "UTC");

export async function AccessChecks({ slug, serviceId }: { slug: string | null; serviceId: string }) {
  void slug;
  const { viewer } = await requireUser();
  const checks = await accessChecksOf(viewer, serviceId);
  const running = checks.some((c) => c.status === "RUNNING");
  return (
    <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-5" aria-labelledby="access-checks">
      <h2 id="access-checks" className="font-semibold">
        Access checks
      </h2>
      <p className="text-sm text-slate-600">
        When a group file or a membership state stops granting this service, only the people it concerned are checked
        again, in batches; whoever has no other source of access is signed out of the service.
      </p>
      {checks.length === 0 ? (
        <p className="text-sm text-slate-600">No access checks yet.</p>
      ) : (
        <ul className="space-y-3">
          {checks.map((c) => {
            const [label, tone] = STATUS[c.status];
            const pct = c.total > 0 ? Math.min(100, Math.round((c.checked / c.total) * 100)) : 100;
            const who = c.group ? `Members of the ${c.group} group` : c.state ? STATE_WORDS[c.state] : "Members";
            return (
              <li key={c.id} className="space-y-1 rounded-md border border-slate-200 p-3 text-sm">
                <div className="flex flex-wrap items-center gap-2">
                  <span className="font-medium">{c.reason}</span>
                  <Badge tone={tone}>{label}</Badge>
                </div>
                <p className="text-slate-600">
                  {who} · started <time title={utcTime(c.startedAt)}>{utcTime(c.startedAt)}</time>
                  {c.finishedAt && (
                    <>
                      {" "}
                      · finished <time>{utcTime(c.finishedAt)}</time>
                    </>
                  )}
                </p>
                <div
                  role="progressbar"
                  aria-label={`Progress of: ${c.reason}`}
                  aria-valuemin={0}
                  aria-valuemax={100}
                  aria-valuenow={pct}
                  className="h-2 w-full overflow-hidden rounded bg-slate-200"
                >
                  <div className="h-2 bg-brand-700" style={{ width: `${pct}%` }} />
                </div>
                <p>
                  {n(c.checked)} of {n(c.total)} members checked, {n(c.ended)} lost access
                </p>
                {c.lastError && <p className="text-red-800">Last error: {c.lastError}</p>}
              </li>
            );
          })}
        </ul>
      )}
      {running && <RefreshWhileRunning />}
    </section>
  );
}
