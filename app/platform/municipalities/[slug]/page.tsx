import type { Metadata } from "next";
import Link from "next/link";
import { orNotFound, requirePlatformPage } from "@/lib/pages/scope";
import { platformMunicipality } from "@/lib/data/platform-municipalities";
import { MFA_CHOICES, MODULE_CHOICES } from "@/lib/schemas/municipality";
import { Breadcrumbs } from "@/app/_components/breadcrumbs";
import { ConfirmActionForm, type ConfirmStep } from "@/app/_components/confirm-action-form";
import { TitledSection } from "@/app/_components/titled-section";
import { PlatformPage } from "../../platform-page";
import { archiveMunicipalityAction, restoreMunicipalityAction } from "../../actions";

export const metadata: Metadata = { title: "Municipality" };

type Props = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function MunicipalityPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const created = (await searchParams).created === "1";
  const { viewer } = await requirePlatformPage();
  const m = await orNotFound(platformMunicipality(viewer, slug));
  const mfa = MFA_CHOICES.find((c) => c.value === m.mfaRequirement)?.label ?? "—";
  const modules = MODULE_CHOICES.filter((c) => !m.disabledModules.includes(c.value)).map((c) => c.label);
  const facts: [string, string][] = [
    ["Web address", `/m/${m.slug}`],
    ["Region", m.region ?? "—"],
    ["Email domains", m.emailDomains.join(", ") || "none"],
    [
      "Self-registration",
      m.selfRegistrationDomains.length ? `open for ${m.selfRegistrationDomains.join(", ")}` : "closed",
    ],
    ["New members", m.requiresApproval ? "wait for approval" : "join at once"],
    ["Modules in use", modules.join(", ") || "none"],
    ["Second factor", mfa],
    ["Idle sign-out", m.sessionIdleMinutes ? `after ${m.sessionIdleMinutes} minutes` : "—"],
    ["Inactive members", m.inactivityDays ? `suspended after ${m.inactivityDays} days` : "never suspended"],
    ["Created", m.createdAt.toISOString().slice(0, 10)],
  ];
  const counts: [string, number][] = [
    ["People", m.counts.people],
    ["Active", m.counts.activePeople],
    ["Departments", m.counts.departments],
    ["Records", m.counts.records],
  ];
  const heading = (
    <header className="space-y-1">
      <h1 className="text-2xl font-semibold text-brand-900">{m.name}</h1>
      {m.archivedAt ? (
        <p className="inline-block rounded bg-amber-100 px-2 py-0.5 text-sm text-amber-900">
          Archived on {m.archivedAt.toISOString().slice(0, 10)}: nobody signs in or works here.
        </p>
      ) : (
        m.description && <p className="text-slate-600">{m.description}</p>
      )}
    </header>
  );
  const links = [
    ["settings", "Settings"],
    ["departments", "Departments"],
    ["sso", "Sign-in (SSO)"],
    ["directory", "Directory sync (SCIM)"],
    ["invitations", "Invitations — invite the first admin"],
    ["people", "People"],
  ] as const;
  return (
    <PlatformPage
      current="municipalities"
      title={heading}
      before={<Breadcrumbs trail={[["/platform/municipalities", "Municipalities"]]} current={m.name} />}
    >
      {created && (
        <p role="status" className="rounded-md border border-green-200 bg-green-50 p-3 text-sm text-green-900">
          {m.name} was created. Next: invite its first administrator.
        </p>
      )}
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4" aria-label="Counts">
        {counts.map(([k, v]) => (
          <div key={k} className="rounded-lg border border-slate-200 bg-white p-3">
            <dt className="text-xs text-slate-500">{k}</dt>
            <dd className="text-xl font-semibold tabular-nums">{v}</dd>
          </div>
        ))}
      </dl>
      <TitledSection id="m-summary" title="Summary">
        <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-3">
          {facts.map(([k, v]) => (
            <div key={k} className="contents">
              <dt className="text-slate-500">{k}</dt>
              <dd className="break-words sm:col-span-2">{v}</dd>
            </div>
          ))}
          <dt className="text-slate-500">Departments</dt>
          <dd className="sm:col-span-2">
            {m.departments.map((d) => d.name + (d.archived ? " (archived)" : "")).join(", ") || "none yet"}
          </dd>
        </dl>
      </TitledSection>
      {m.archivedAt ? (
        <p className="text-sm text-slate-600">Restore the municipality to change its settings or invite people.</p>
      ) : (
        <nav aria-label="Manage this municipality" className="flex flex-wrap gap-2">
          {links.map(([path, text]) => (
            <Link
              key={path}
              href={`/admin/${m.slug}/${path}`}
              className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:border-brand-600"
            >
              {text}
            </Link>
          ))}
        </nav>
      )}
      {m.canArchive && (
        <TitledSection look="open" id="m-archive" title={m.archivedAt ? "Restore" : "Archive"}>
          {!m.archivedAt && (
            <p className="text-sm text-slate-600">
              Archiving keeps every person, record and audit event, but nobody signs in or works here, its public pages
              are gone and it takes no invitations or registrations. It can be restored.
            </p>
          )}
          <ConfirmActionForm key={m.archivedAt ? "restore" : "archive"} hidden={{ slug: m.slug }} {...archiveStep(m)} />
        </TitledSection>
      )}
    </PlatformPage>
  );
}

type Detail = Awaited<ReturnType<typeof platformMunicipality>>;

/** Archive or restore, whichever applies, with what the confirmation says. */
function archiveStep(m: Detail): ConfirmStep {
  const active = `${m.counts.activePeople} active member${m.counts.activePeople === 1 ? "" : "s"}`;
  return m.archivedAt
    ? {
        action: restoreMunicipalityAction,
        submitLabel: "Restore municipality",
        pendingLabel: "Restoring…",
        title: `Restore ${m.name}?`,
        body: `Its ${active} get their access back at their next click, and its public pages return.`,
      }
    : {
        action: archiveMunicipalityAction,
        submitLabel: "Archive municipality",
        pendingLabel: "Archiving…",
        tone: "danger",
        typed: { label: `Type its web address, ${m.slug}, to confirm` },
        title: `Archive ${m.name}?`,
        body: `${active} lose their access here at their next click. Nothing is deleted.`,
      };
}
