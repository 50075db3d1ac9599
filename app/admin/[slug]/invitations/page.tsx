import { GroupNames } from "@/app/_components/group-names";
import type { Metadata } from "next";
import { requireAdminList, type AdminListProps } from "../list-scope";
import { listPendingInvitations, type InvitationRow } from "@/lib/people/invitations";
import { recentBulkBatches } from "@/lib/flows/bulk-invite";
import { Empty, Pager } from "@/app/_components/pager";
import { StatusBadge } from "@/app/_components/badge";
import { PastBatches } from "./bulk-report";
import { grantableGroups } from "@/lib/flows/invite";
import { departmentsOf } from "@/lib/data/municipalities";
import { groupChoices } from "@/lib/policy/summary";
import { ActionForm } from "@/app/_components/action-form";
import { AdminNav } from "../admin-nav";
import { InviteForm } from "./invite-form";
import { BulkInviteForm } from "./bulk-form";
import { resendInvitationAction, revokeInvitationAction } from "./actions";
import { PlainTable, type PlainColumn } from "@/app/_components/simple-table";

export const metadata: Metadata = { title: "Invitations" };

export default async function InvitationsPage(props: AdminListProps) {
  const { slug, viewer, muni, sp, paging } = await requireAdminList(props);
  const [invites, departments, batches] = await Promise.all([
    listPendingInvitations(viewer, muni.id, paging),
    departmentsOf(muni.id),
    recentBulkBatches(viewer, muni.id),
  ]);
  const groups = groupChoices(grantableGroups(viewer, muni.id));
  return (
    <div className="space-y-6">
      <AdminNav slug={slug} name={muni.name} current="invitations" />
      <h1 className="text-2xl font-semibold text-brand-900">Invitations</h1>
      {groups.length > 0 && (
        <div className="grid gap-6 lg:grid-cols-2">
          <section className="rounded-lg border border-slate-200 bg-white p-5">
            <h2 className="mb-3 font-semibold">Invite someone</h2>
            <InviteForm slug={slug} groups={groups} departments={departments} />
          </section>
          <section className="rounded-lg border border-slate-200 bg-white p-5">
            <h2 className="mb-3 font-semibold">Invite many (CSV)</h2>
            <BulkInviteForm slug={slug} groups={groups} departments={departments} />
            <div className="mt-4">
              <PastBatches batches={batches} />
            </div>
          </section>
        </div>
      )}
      <section className="space-y-2 rounded-lg border border-slate-200 bg-white p-5">
        <h2 className="font-semibold">Pending invitations</h2>
        {invites.total === 0 ? (
          <Empty>
            <p>No invitations waiting.</p>
            <p className="mt-1">
              {groups.length > 0
                ? "Invite someone with the form above, or many at once from a CSV file; their invitation waits here until they accept it."
                : "An administrator who may grant groups here can invite people; their invitations wait here until accepted."}
            </p>
          </Empty>
        ) : (
          <PlainTable caption="Pending invitations" columns={invitationColumns(slug)} items={invites.rows} empty="" />
        )}
        <Pager list={invites} params={sp} noun="invitations" pageSize={invites.pageSize} />
      </section>
    </div>
  );
}

/** The pending invitations' columns; the buttons post with the municipality's `slug`. */
function invitationColumns(slug: string): PlainColumn<InvitationRow>[] {
  return [
    {
      header: "Email",
      className: "py-2",
      cell: (i) => (
        <>
          {i.email}
          {i.kind === "self_registration" && <span className="ml-1 text-xs text-slate-500">(self-registration)</span>}
        </>
      ),
    },
    { header: "Groups", cell: (i) => <GroupNames names={i.groups} /> },
    {
      header: "Sent",
      cell: (i) => (
        <>
          {i.lastSentAt.toISOString().slice(0, 10)}
          {i.sendCount > 1 ? ` (${i.sendCount}×)` : ""}
        </>
      ),
    },
    {
      header: "Status",
      cell: (i) => (
        <>
          <StatusBadge kind="invitation" value={i.state} />{" "}
          {i.state === "expired" ? "" : `until ${i.expiresAt.toISOString().slice(0, 10)}`}
        </>
      ),
    },
    {
      header: { srOnly: "Actions" },
      className: "flex flex-wrap gap-2 py-2",
      cell: (i) => (
        <>
          {i.kind !== "self_registration" && (
            <ActionForm
              action={resendInvitationAction}
              hidden={{ slug, invitationId: i.id }}
              submitLabel={`Resend to ${i.email}`}
              pendingLabel="Sending…"
            />
          )}
          <ActionForm
            action={revokeInvitationAction}
            hidden={{ slug, invitationId: i.id }}
            submitLabel={`Revoke invitation for ${i.email}`}
            tone="danger"
            confirm={{
              title: `Revoke the invitation for ${i.email}?`,
              body: "The link in their invitation stops working at once and a mail still waiting to be sent is withdrawn. You can invite them again later.",
            }}
          />
        </>
      ),
    },
  ];
}
