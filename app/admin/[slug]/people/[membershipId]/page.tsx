import { GroupNames } from "@/app/_components/group-names";
import { labelList } from "@/lib/records/labels";
import type { Metadata } from "next";
import { StatusBadge } from "@/app/_components/badge";
import { Fragment, type ReactNode } from "react";
import { requireAdminPage } from "@/lib/people/admin-scope";
import { orNotFound } from "@/lib/pages/scope";
import { getPerson } from "@/lib/people/people";
import { grantableGroups } from "@/lib/flows/grants";
import { departmentsOf } from "@/lib/data/municipalities";
import { groupChoices } from "@/lib/policy/summary";
import { AccessForm } from "./access-form";
import { EraseForm } from "./erase-form";
import { DeactivationStep } from "./deactivation-step";
import { signInLockOf } from "@/lib/flows/sign-in-lock";
import { UnlockForm } from "./unlock-form";
import { factorsOf } from "@/lib/flows/factor-reset";
import { FactorsSection } from "./factors-section";
import { ServiceAccessSection } from "./service-access-section";
import { SimpleTable } from "@/app/_components/simple-table";
import { Breadcrumbs } from "@/app/_components/breadcrumbs";
import { AdminNav } from "../../admin-nav";
import { AuditHistory } from "@/app/_components/audit-table";
import { ViewAsSection } from "./view-as-section";

export const metadata: Metadata = { title: "Person" };

type Props = { params: Promise<{ slug: string; membershipId: string }> };

type Person = Awaited<ReturnType<typeof getPerson>> & {};

/** The "Access" facts, label and value; a reason (suspended, deactivated, rejected) only when there is one. */
function accessFacts(person: Person): [string, ReactNode][] {
  const reasons: [string, string | null][] = [
    ["Suspended", person.suspensionReason],
    ["Deactivated", person.deactivationReason],
    ["Rejected", person.rejectionReason],
  ];
  return [
    ["Groups", <GroupNames key="groups" names={person.groups} />],
    ["Department", person.department ?? "—"],
    ["Categories", labelList(person.allowedCategories, "all")],
    ["Last sign-in", person.lastLoginAt?.toISOString().slice(0, 16).replace("T", " ") ?? "never"],
    ...reasons.filter((r): r is [string, string] => !!r[1]),
    ["Job title", person.jobTitle ?? "—"],
    ["Phone", person.phone ?? "—"],
    ["Joined via", person.source.replace("_", " ")],
  ];
}

export default async function PersonPage({ params }: Props) {
  const { slug, membershipId } = await params;
  const { viewer, muni } = await requireAdminPage(slug);
  const person = await orNotFound(getPerson(viewer, muni.id, membershipId));
  const hidden = { slug, membershipId: person.membershipId, userId: person.userId };
  const lock = await signInLockOf(viewer, person.membershipId);
  const factors = await factorsOf(viewer, person.membershipId);
  const [grantable, departments] = person.canChangeAccess
    ? [
        grantableGroups(viewer, muni.id, { action: "update", subject: "Membership" }),
        await departmentsOf(muni.id, person.departmentId),
      ]
    : [[], []];
  const when = (d: Date | null) => (d ? d.toISOString().slice(0, 16).replace("T", " ") : "—");
  return (
    <div className="space-y-6">
      <AdminNav slug={slug} name={muni.name} current="people" />
      <Breadcrumbs trail={[[`/admin/${slug}/people`, "People"]]} current={person.name ?? person.email} />
      <header>
        <h1 className="text-2xl font-semibold text-brand-900">{person.name ?? person.email}</h1>
        <p className="text-slate-600">
          {person.email} · membership <StatusBadge kind="membership" value={person.status} />
          {!person.userActive && (
            <>
              {" "}
              <StatusBadge kind="membership" value="DEACTIVATED" />
            </>
          )}
        </p>
      </header>
      <div className="grid gap-6 md:grid-cols-2">
        <section className="space-y-2 rounded-lg border border-slate-200 bg-white p-5">
          <h2 className="font-semibold">Access</h2>
          <dl className="grid grid-cols-3 gap-2 text-sm">
            {accessFacts(person).map(([label, value]) => (
              <Fragment key={label}>
                <dt className="text-slate-500">{label}</dt>
                <dd className="col-span-2">{value}</dd>
              </Fragment>
            ))}
          </dl>
          {person.memberships.length > 1 && (
            <div className="pt-2">
              <h3 className="text-sm font-semibold">Memberships</h3>
              <ul className="text-sm">
                {person.memberships.map((x) => (
                  <li key={x.municipality}>
                    {x.municipality}: <StatusBadge kind="membership" value={x.status} /> ·{" "}
                    <GroupNames names={x.groups} />
                  </li>
                ))}
              </ul>
            </div>
          )}
        </section>
        <section className="space-y-2 rounded-lg border border-slate-200 bg-white p-5">
          <h2 className="font-semibold">Onboarding checklist</h2>
          <ul className="space-y-1 text-sm">
            {person.checklist.map((c) => (
              <li key={c.label}>
                <span aria-hidden>{c.done ? "☑" : "☐"}</span> {c.label}
                <span className="sr-only">{c.done ? " (done)" : " (not done)"}</span>
              </li>
            ))}
          </ul>
        </section>
      </div>
      {person.self && (
        <p className="rounded-lg border border-slate-200 bg-white p-5 text-sm text-slate-600">
          This is your own membership. Another administrator changes, suspends or restores your access.
        </p>
      )}
      {person.canChangeAccess && !person.erased && !person.self && (
        <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-5">
          <h2 className="font-semibold">Change access</h2>
          <p className="text-sm text-slate-600">
            You can grant only what you hold yourself. The last active municipality admin cannot lose that group.
          </p>
          <AccessForm
            slug={slug}
            membershipId={person.membershipId}
            grantable={grantable}
            choices={groupChoices([...new Set([...grantable, ...person.groups])])}
            departments={departments}
            current={{
              groups: person.groups,
              departmentId: person.departmentId,
              allowedCategories: person.allowedCategories,
            }}
          />
        </section>
      )}
      {!person.self && !person.erased && (
        <ViewAsSection
          viewer={viewer}
          slug={slug}
          municipalityId={muni.id}
          membershipId={person.membershipId}
          name={person.name ?? person.email}
        />
      )}
      <div className="grid gap-6 md:grid-cols-2">
        <section className="space-y-2 rounded-lg border border-slate-200 bg-white p-5">
          <h2 className="font-semibold">Sessions</h2>
          {person.sessions.length === 0 ? (
            <p className="text-sm text-slate-600">Never signed in.</p>
          ) : (
            <SimpleTable caption="Sessions" look="plain" headers={["Started", "Last seen", "State"]}>
              {person.sessions.map((x) => (
                <tr key={x.id} className="border-t border-slate-100">
                  <td>{when(x.createdAt)}</td>
                  <td>{when(x.lastSeenAt)}</td>
                  <td>{x.revokedAt ? "ended" : x.expires < new Date() ? "expired" : "active"}</td>
                </tr>
              ))}
            </SimpleTable>
          )}
        </section>
        <section className="space-y-2 rounded-lg border border-slate-200 bg-white p-5">
          <h2 className="font-semibold">API tokens</h2>
          {person.tokens.length === 0 ? (
            <p className="text-sm text-slate-600">No API tokens.</p>
          ) : (
            <SimpleTable caption="API tokens" look="plain" headers={["Name", "Groups", "Last used", "State"]}>
              {person.tokens.map((t) => (
                <tr key={t.id} className="border-t border-slate-100">
                  <td>
                    {t.name} <code className="text-xs">{t.prefix}…</code>
                  </td>
                  <td>
                    <GroupNames names={t.groups} />
                  </td>
                  <td>{when(t.lastUsedAt)}</td>
                  <td>{t.revokedAt ? "revoked" : t.expiresAt < new Date() ? "expired" : "active"}</td>
                </tr>
              ))}
            </SimpleTable>
          )}
        </section>
      </div>
      <section className="space-y-4 rounded-lg border border-slate-200 bg-white p-5">
        <h2 className="font-semibold">Deactivation</h2>
        <p className="text-sm text-slate-600">
          Nothing is ever deleted: history and records stay, and both steps can be undone.
        </p>
        <div className="grid gap-6 md:grid-cols-2">
          {person.canSuspend &&
            !person.self &&
            (person.status === "SUSPENDED"
              ? !person.erased && <DeactivationStep step="reactivateMembership" hidden={hidden} />
              : person.status === "ACTIVE" && <DeactivationStep step="suspendMembership" hidden={hidden} />)}
          {person.canDeactivateUser &&
            !person.self &&
            (person.userActive ? (
              <DeactivationStep step="deactivateUser" hidden={hidden} />
            ) : person.erased ? (
              <p className="text-sm text-slate-600">
                This person&apos;s personal data was erased: the account cannot be reactivated.
              </p>
            ) : (
              <DeactivationStep step="reactivateUser" hidden={hidden} />
            ))}
        </div>
        {person.canErase && (
          <div className="border-t border-slate-200 pt-4">
            <EraseForm hidden={hidden} email={person.email} />
          </div>
        )}
      </section>
      {(lock.locked || lock.strict) && (
        <section aria-labelledby="sign-in-lock" className="space-y-2 rounded-lg border border-slate-200 bg-white p-5">
          <h2 id="sign-in-lock" className="font-semibold">
            Sign-in lock
          </h2>
          <p className="text-sm text-slate-600">
            {lock.locked
              ? `Password sign-in is locked until an administrator unlocks it (since ${when(lock.lockedAt)} UTC, after repeated failed attempts).`
              : "A strict lockout applies: after 5 failed password sign-ins in 15 minutes, the account stays locked until an administrator unlocks it."}
          </p>
          {lock.canUnlock && (
            <UnlockForm slug={slug} membershipId={person.membershipId} name={person.name ?? person.email} />
          )}
        </section>
      )}
      {factors && (
        <FactorsSection
          hidden={hidden}
          name={person.name ?? person.email}
          factors={{
            passkeys: factors.passkeys.map((p) => ({
              id: p.id,
              name: p.name,
              synced: p.synced,
              createdAt: p.createdAt.toISOString(),
              lastUsedAt: p.lastUsedAt?.toISOString() ?? null,
            })),
            totpSince: factors.totpSince?.toISOString() ?? null,
            recoveryCodesLeft: factors.recoveryCodesLeft,
            canReset: factors.canReset && !person.erased,
          }}
        />
      )}
      <ServiceAccessSection
        viewer={viewer}
        slug={slug}
        municipality={muni}
        membershipId={person.membershipId}
        userId={person.userId}
        self={person.self}
      />
      <section className="space-y-2 rounded-lg border border-slate-200 bg-white p-5">
        <h2 className="font-semibold">History</h2>
        {!person.canReadHistory ? (
          <p className="text-sm text-slate-600">Reading the audit log is not part of your access.</p>
        ) : person.history.length === 0 ? (
          <p className="text-sm text-slate-600">No events yet.</p>
        ) : (
          <AuditHistory rows={person.history} />
        )}
      </section>
    </div>
  );
}
