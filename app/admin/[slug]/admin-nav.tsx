import { TabNav } from "@/app/_components/tab-nav";

const TABS = [
  ["people", "People"],
  ["invitations", "Invitations"],
  ["approvals", "Approval queue"],
  ["audit", "Audit log"],
  ["outbox", "Outbox"],
  ["policies", "Policies"],
  ["sso", "Single sign-on"],
  ["settings", "Settings"],
  ["departments", "Departments"],
  ["tags", "Request tags"],
  ["directory", "Directory sync"],
  ["services", "Connected services"],
  ["reviews", "Access reviews"],
] as const;

export function AdminNav({ slug, name, current }: { slug: string; name: string; current: (typeof TABS)[number][0] }) {
  return (
    <header className="space-y-3">
      <p className="text-sm text-slate-500">{name} · administration</p>
      <TabNav
        label="Administration"
        tabs={TABS.map(([key, label]) => [key, `/admin/${slug}/${key}`, label])}
        current={current}
      />
    </header>
  );
}
