import type { Metadata } from "next";
import { StatusBadge } from "@/app/_components/badge";
import type { ReactNode } from "react";
import { notFound } from "next/navigation";
import { requireAdminPage } from "@/lib/people/admin-scope";
import { directoryOverview } from "@/lib/people/directory";
import { canManageScim, scimConnectionOf } from "@/lib/data/scim-connections";
import { scimBase } from "@/lib/scim/router";
import { Empty } from "@/app/_components/pager";
import { SimpleTable } from "@/app/_components/simple-table";
import { AdminNav } from "../admin-nav";
import { ConnectionControls } from "./connection-forms";
import { TitledSection } from "@/app/_components/titled-section";

export const metadata: Metadata = { title: "Directory sync" };

const when = (d: Date | null) => (d ? `${d.toISOString().slice(0, 16).replace("T", " ")} UTC` : "never");

export default async function DirectoryPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { viewer, muni } = await requireAdminPage(slug);
  // Only those the policies let manage the connection (platform admins, the municipality's admins).
  if (!canManageScim(viewer, muni.id)) notFound();
  const [connection, overview] = await Promise.all([
    scimConnectionOf(viewer, muni.id),
    directoryOverview(viewer, muni),
  ]);
  const base = scimBase(muni.slug);
  return (
    <div className="space-y-8">
      <AdminNav slug={slug} name={muni.name} current="directory" />
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold text-brand-900">Directory sync (SCIM)</h1>
        <p className="max-w-prose text-sm text-slate-600">
          Your directory (Microsoft Entra ID, Okta or another SCIM 2.0 client) creates, updates and deactivates{" "}
          {muni.name}&apos;s people here. A person it deactivates or removes is suspended at once and signed out at
          their next click; nobody is ever deleted. Its groups give people the Gatehouse groups your claim mapping
          names.
        </p>
      </div>

      <TitledSection id="conn-h" title="Connection" gap={4}>
        <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
          <dt className="font-medium text-slate-700">Tenant URL</dt>
          <dd className="break-all font-mono text-xs">{base}</dd>
          {connection && (
            <>
              <dt className="font-medium text-slate-700">Status</dt>
              <dd>
                <StatusBadge kind="connection" value={connection.enabled ? "enabled" : "disabled"} />
                {connection.enabled ? "" : " the directory's requests are refused"}
              </dd>
              <dt className="font-medium text-slate-700">Token</dt>
              <dd>
                <span className="font-mono text-xs">{connection.tokenHint}</span>{" "}
                <span className="text-slate-500">
                  (set up {when(connection.createdAt)}
                  {connection.rotatedAt ? `, last rotated ${when(connection.rotatedAt)}` : ""})
                </span>
              </dd>
              <dt className="font-medium text-slate-700">Last used</dt>
              <dd>{when(connection.lastUsedAt)}</dd>
            </>
          )}
        </dl>
        <ConnectionControls slug={slug} connected={!!connection} enabled={connection?.enabled ?? false} />
      </TitledSection>

      <ListSection title="Directory groups" empty={overview.groups.length ? null : "No groups from the directory yet."}>
        <SimpleTable
          caption="Directory groups and the Gatehouse groups they give"
          headers={["Directory group", "Members", "Gives"]}
        >
          {overview.groups.map((g) => (
            <tr key={g.id} className="border-t border-slate-100">
              <td className="px-3 py-2">{g.displayName}</td>
              <td className="px-3 py-2">{g.members}</td>
              <td className="px-3 py-2">{g.maps.length ? g.maps.join(", ") : "nothing (not in the claim mapping)"}</td>
            </tr>
          ))}
        </SimpleTable>
      </ListSection>
      <ListSection
        title="People provisioned"
        empty={overview.people.length ? null : "The directory has not provisioned anyone yet."}
      >
        <ul aria-label="People the directory provisioned" className="grid gap-3 sm:grid-cols-2">
          {overview.people.map((p) => (
            <li key={p.membershipId} className="rounded-lg border border-slate-200 bg-white p-3 text-sm">
              <a href={`/admin/${slug}/people/${p.membershipId}`} className="font-medium text-brand-700 underline">
                {p.name ?? p.email}
              </a>
              <p className="text-xs text-slate-500">{p.email}</p>
              <p>
                {p.active ? "Active" : "Suspended"} · Gatehouse groups: {p.groups.length ? p.groups.join(", ") : "none"}
              </p>
            </li>
          ))}
        </ul>
      </ListSection>
    </div>
  );
}

/** A titled list of the page, or the plain sentence `empty` when it has nothing yet. */
function ListSection({ title, empty, children }: { title: string; empty: string | null; children: ReactNode }) {
  return (
    <section aria-label={title} className="space-y-3">
      <h2 className="text-lg font-semibold">{title}</h2>
      {empty ? <Empty>{empty}</Empty> : children}
    </section>
  );
}
