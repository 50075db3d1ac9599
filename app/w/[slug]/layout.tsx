import { TabNav } from "@/app/_components/tab-nav";
import { workspaceNav } from "@/lib/pages/scope";

// Navigation only: each page checks the person's access itself (lib/pages/scope.ts). The tabs are
// the workspace's own links — those the same checks would open — and nothing for someone who is
// not a member here (the page answers "not found" or sends them to sign in).
type Props = { children: React.ReactNode; params: Promise<{ slug: string }> };

export default async function WorkspaceLayout({ children, params }: Props) {
  const nav = await workspaceNav((await params).slug);
  return (
    <div className="space-y-6">
      {nav && (
        <div className="space-y-3">
          <p className="text-sm text-slate-500">{nav.name} · workspace</p>
          <TabNav label={`${nav.name} workspace`} tabs={nav.tabs} />
        </div>
      )}
      {children}
    </div>
  );
}
