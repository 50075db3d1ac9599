// "Who looked at your access": every read-only view-as an administrator opened as this person
// (lib/auth/view-as.ts), so nobody sees through someone's eyes without them being able to find out.
import { viewAsHistoryFor, type ViewAsHistoryEntry } from "@/lib/auth/view-as";
import { PlainTable, type PlainColumn } from "@/app/_components/simple-table";
import { TitledSection } from "@/app/_components/titled-section";

const when = (d: Date) => d.toISOString().slice(0, 16).replace("T", " ");

const END_WORDS: Record<string, string> = {
  ended: "ended by them",
  "signed-out": "ended when they signed out",
  "session-ended": "ended with their session",
  expired: "ended after the time limit",
  "access-changed": "ended when access changed",
};

/** "12 minutes", "under a minute", or "still open". */
function howLong(e: ViewAsHistoryEntry): string {
  if (!e.endedAt) return "still open";
  const minutes = Math.round((e.endedAt.getTime() - e.startedAt.getTime()) / 60_000);
  const span = minutes < 1 ? "under a minute" : `${minutes} minute${minutes === 1 ? "" : "s"}`;
  return `${span} (${END_WORDS[e.endReason ?? ""] ?? "ended"})`;
}

const COLUMNS: PlainColumn<ViewAsHistoryEntry>[] = [
  { header: "Who", cell: (e) => e.adminName, className: "py-2" },
  { header: "Municipality", cell: (e) => e.municipalityName },
  { header: "When (UTC)", cell: (e) => when(e.startedAt) },
  { header: "How long", cell: howLong },
];

export async function ViewAsHistory({ userId }: { userId: string }) {
  const entries = await viewAsHistoryFor(userId);
  return (
    <TitledSection id="view-as-h" title="Who looked at your access">
      <p className="text-sm text-slate-600">
        An administrator of your municipality can open a read-only view of the workspace as you, to check what you can
        see. Each time is listed here.
      </p>
      <PlainTable
        caption="Views of the workspace as you"
        columns={COLUMNS}
        items={entries}
        empty="Nobody has viewed the workspace as you."
      />
    </TitledSection>
  );
}
