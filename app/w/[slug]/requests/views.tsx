// The request list's views: everything, what is assigned to the person, what nobody holds. They
// set the list's `assignee` filter (lib/records/service-request.ts), which lib/data resolves for
// "me" to the person asking — so the operator's "assigned to me" rule has its own page.
import { TabNav } from "@/app/_components/tab-nav";

const VIEWS = [
  ["all", undefined, "All requests"],
  ["mine", "me", "Assigned to me"],
  ["none", "none", "Unassigned"],
] as const;

export function RequestViews({ base, values }: { base: string; values: Record<string, string | undefined> }) {
  const current = VIEWS.find(([, v]) => v === values.assignee)?.[0];
  return (
    <TabNav
      label="Views of the list"
      current={current ?? (values.assignee ? "" : "all")}
      tabs={VIEWS.map(([key, v, text]) => [key, v ? `${base}?assignee=${v}` : base, text] as const)}
    />
  );
}
