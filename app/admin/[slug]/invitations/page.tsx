import type { Metadata } from "next";
import { requireAdminPage } from "@/lib/people/admin-scope";
import { listPendingInvitations } from "@/lib/people/invitations";
import { grantableGroups } from "@/lib/flows/invite";
import { departmentsOf } from "@/lib/data/municipalities";
import { groupChoices, groupLabel } from "@/lib/policy/summary";
import { ActionForm } from "@/app/_components/action-form";
import { AdminNav } from "../admin-nav";
import { InviteForm } from "./invite-form";
import { BulkInviteForm } from "./bulk-form";
import { resendInvitationAction, revokeInvitationAction } from "./actions";
import { SimpleTable } from "@/app/_components/simple-table";

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
        {invites.length === 0 ? (
          <p className="text-sm text-slate-600">No pending invitations.</p>
        ) : (
          <SimpleTable
            caption="Pending invitations"
            look="plain"
            headers={["Email", "Groups", "Sent", "Expires", { srOnly: "Actions" }]}
          >
            {invites.map((i) => (
              <tr key={i.id} className="border-t border-slate-100 align-top">
                <td className="py-2">
                  {i.email}
                  {i.kind === "self_registration" && (
                    <span className="ml-1 text-xs text-slate-500">(self-registration)</span>
                  )}
                </td>
                <td>{i.groups.map((g) => groupLabel(g)).join(", ")}</td>
                <td>
                  {i.lastSentAt.toISOString().slice(0, 10)}
                  {i.sendCount > 1 ? ` (${i.sendCount}×)` : ""}
                </td>
                <td>{i.state === "expired" ? <strong>expired</strong> : i.expiresAt.toISOString().slice(0, 10)}</td>
                <td className="flex flex-wrap gap-2 py-2">
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
                  />
                </td>
              </tr>
            ))}
          </SimpleTable>
        )}
      </section>
    </div>
  );
}
