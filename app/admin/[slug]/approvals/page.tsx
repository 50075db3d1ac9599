import { GroupNames } from "@/app/_components/group-names";
import type { Metadata } from "next";
import { requireAdminPage } from "@/lib/people/admin-scope";
import { listPeople } from "@/lib/people/people";
import { ActionForm } from "@/app/_components/action-form";
import { TitledSection } from "@/app/_components/titled-section";
import { AdminNav } from "../admin-nav";
import { approveMembershipAction, rejectMembershipAction, reopenMembershipAction } from "./actions";

export const metadata: Metadata = { title: "Approval queue" };

export default async function ApprovalsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { viewer, muni } = await requireAdminPage(slug);
  const [waiting, rejected] = await Promise.all([
    listPeople(viewer, muni.id, { status: "PENDING_APPROVAL", pageSize: 100, sort: "createdAt" }),
    listPeople(viewer, muni.id, { status: "REJECTED", pageSize: 100, sort: "createdAt" }),
  ]);
  return (
    <div className="space-y-6">
      <AdminNav slug={slug} name={muni.name} current="approvals" />
      <section className="space-y-3">
        <h1 className="text-2xl font-semibold text-brand-900">Waiting for approval</h1>
        {waiting.rows.length === 0 ? (
          <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-slate-600">
            Nobody is waiting.
          </p>
        ) : (
          <ul className="space-y-3" aria-label="Waiting for approval">
            {waiting.rows.map((p) => (
              <li
                key={p.membershipId}
                className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 md:grid-cols-3"
              >
                <div>
                  <p className="font-semibold">{p.name ?? p.email}</p>
                  <p className="text-sm text-slate-600">
                    {p.email} · <GroupNames names={p.groups} />
                  </p>
                </div>
                <ActionForm
                  action={approveMembershipAction}
                  hidden={{ slug, membershipId: p.membershipId }}
                  submitLabel={`Approve ${p.email}`}
                />
                <ActionForm
                  action={rejectMembershipAction}
                  hidden={{ slug, membershipId: p.membershipId }}
                  submitLabel={`Reject ${p.email}`}
                  tone="danger"
                  reason={{ label: "Reason for rejecting" }}
                />
              </li>
            ))}
          </ul>
        )}
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
