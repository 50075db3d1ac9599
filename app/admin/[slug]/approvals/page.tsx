import type { Metadata } from "next";
import { requireAdminList, type AdminListProps } from "../list-scope";
import { listPeople } from "@/lib/people/people";
import Link from "next/link";
import { ActionForm } from "@/app/_components/action-form";
import { Empty, Pager } from "@/app/_components/pager";
import { groupLabels } from "@/lib/policy/summary";
import { ApprovalQueue } from "./queue";
import { TitledSection } from "@/app/_components/titled-section";
import { AdminNav } from "../admin-nav";
import { reopenMembershipAction } from "./actions";

export const metadata: Metadata = { title: "Approval queue" };

export default async function ApprovalsPage(props: AdminListProps) {
  const { slug, viewer, muni, sp, paging } = await requireAdminList(props);
  const [waiting, rejected] = await Promise.all([
    listPeople(viewer, muni.id, { status: "PENDING_APPROVAL", sort: "createdAt", ...paging }),
    listPeople(viewer, muni.id, { status: "REJECTED", pageSize: 100, sort: "createdAt" }),
  ]);
  return (
    <div className="space-y-6">
      <AdminNav slug={slug} name={muni.name} current="approvals" />
      <section className="space-y-3">
        <h1 className="text-2xl font-semibold text-brand-900">Waiting for approval</h1>
        {waiting.total === 0 ? (
          <Empty>
            <p>Nobody is waiting for approval.</p>
            <p className="mt-1">
              People who accept an invitation or ask to join appear here when {muni.name} approves new members.{" "}
              <Link className="text-brand-700 underline" href={`/admin/${slug}/invitations`}>
                Invite someone
              </Link>
            </p>
          </Empty>
        ) : (
          <ApprovalQueue
            slug={slug}
            rows={waiting.rows.map((p) => ({
              membershipId: p.membershipId,
              name: p.name,
              email: p.email,
              groups: groupLabels(p.groups),
              since: p.createdAt.toISOString().slice(0, 10),
            }))}
          />
        )}
        <Pager list={waiting} params={sp} noun="waiting" pageSize={waiting.pageSize} />
      </section>
      {rejected.rows.length > 0 && (
        <TitledSection look="open" id="rejected-h" title="Rejected">
          <ul className="space-y-2">
            {rejected.rows.map((p) => (
              <li
                key={p.membershipId}
                className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-slate-200 bg-white p-4"
              >
                <span>{p.email}</span>
                <ActionForm
                  action={reopenMembershipAction}
                  hidden={{ slug, membershipId: p.membershipId }}
                  submitLabel={`Re-open ${p.email}`}
                />
              </li>
            ))}
          </ul>
        </TitledSection>
      )}
    </div>
  );
}
