import { GroupNames } from "@/app/_components/group-names";
import type { Metadata } from "next";
import { requireAdminPage } from "@/lib/people/admin-scope";
import { listPendingInvitations } from "@/lib/people/invitations";
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

export default async function InvitationsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { viewer, muni } = await requireAdminPage(slug);
  const [invites, departments] = await Promise.all([listPendingInvitations(viewer, muni.id), departmentsOf(muni.id)]);
  const groups = groupChoices(grantableGroups(viewer, muni.id));
  return (
    <div className="space-y-6">
      <AdminNav slug={slug} name={muni.name} current="invitations" />
      {groups.length > 0 && (
        <div className="grid gap-6 lg:grid-cols-2">
          <section className="rounded-lg border border-slate-200 bg-white p-5">
            <h2 className="mb-3 font-semibold">Invite someone</h2>
            <InviteForm slug={slug} groups={groups} departments={departments} />
          </section>
          <section className="rounded-lg border border-slate-200 bg-white p-5">
            <h2 className="mb-3 font-semibold">Invite many (CSV)</h2>
            <BulkInviteForm slug={slug} groups={groups} departments={departments} />
          </section>
        </div>
      )}
      <section className="space-y-2 rounded-lg border border-slate-200 bg-white p-5">
        <h2 className="font-semibold">Pending invitations</h2>
        <PlainTable
          caption="Pending invitations"
          columns={invitationColumns(slug)}
          items={invites}
          empty="No pending invitations."
        />
      </section>
    </div>
  );
}

/** The pending invitations' columns; the buttons post with the municipality's `slug`. */
function invitationColumns(slug: string): PlainColumn<Awaited<ReturnType<typeof listPendingInvitations>>[number]>[] {
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
      header: "Expires",
      cell: (i) => (i.state === "expired" ? <strong>expired</strong> : i.expiresAt.toISOString().slice(0, 10)),
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
