import { groupInfo } from "@/lib/policy/summary";
import { GroupNames } from "@/app/_components/group-names";
import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/current-session";
import { listOwnSessions } from "@/lib/auth/session-store";
import { listOwnTokens } from "@/lib/auth/api-token";
import { linkableProviders, listOwnIdentities } from "@/lib/auth/identity-links";
import { signInProviders } from "@/lib/auth/providers";
import { workspaceMunicipalities } from "@/lib/data/municipalities";
import { ActionForm } from "@/app/_components/action-form";
import {
  revokeApiTokenAction,
  revokeSessionAction,
  signOutEverywhereAction,
  signOutEverywhereElseAction,
  unlinkIdentityAction,
} from "./actions";
import { LinkButton } from "./link-button";
import { TokenForm } from "./token-form";
import { PlainTable, type PlainColumn } from "@/app/_components/simple-table";
import { MfaSection } from "./mfa-section";
import { PasskeysSection } from "./passkeys-section";
import { SelfServiceSections } from "./self-service";
import { TitledSection } from "@/app/_components/titled-section";
import { ViewAsAccountNotice } from "@/app/_components/view-as/account-notice";
import { ViewAsHistory } from "./view-as-history";

export const metadata: Metadata = { title: "Your account" };

const when = (d: Date | null) => (d ? d.toISOString().slice(0, 16).replace("T", " ") : "never");

const TOKEN_COLUMNS: PlainColumn<Awaited<ReturnType<typeof listOwnTokens>>[number]>[] = [
  { header: "Name", cell: (t) => t.name, className: "py-2" },
  { header: "Starts with", cell: (t) => `${t.prefix}…`, className: "font-mono text-xs" },
  { header: "Groups", cell: (t) => <GroupNames names={t.groups} /> },
  { header: "Expires", cell: (t) => when(t.expiresAt) },
  { header: "Last used", cell: (t) => when(t.lastUsedAt) },
  {
    header: { srOnly: "Actions" },
    cell: (t) =>
      t.revokedAt ? (
        "revoked"
      ) : (
        <ActionForm
          action={revokeApiTokenAction}
          hidden={{ tokenId: t.id }}
          submitLabel={`Revoke ${t.name}`}
          tone="danger"
          confirm={{
            title: `Revoke the token “${t.name}”?`,
            body: "Anything that uses this token is refused from its very next request. This cannot be undone; you can make a new token instead.",
          }}
        />
      ),
  },
];

/** What the link callback reports back (lib/auth/options.ts); anything else in the address is ignored. */
const LINK_ERRORS: Record<string, string> = {
  identity_taken:
    "That identity is already linked to another Gatehouse account. Nothing was changed; ask your administrator if it should be yours.",
  provider_already_linked:
    "You already have an identity from that provider linked. Unlink it first to link another one.",
  email_mismatch:
    "The provider signed you in with a different email address than your Gatehouse account's, so it was not linked.",
  email_domain: "That municipality's sign-in gave an address outside its email domains, so it was not linked.",
  platform_account: "Platform administrator accounts cannot use a municipality's sign-in.",
  wrong_tenant: "That Microsoft account belongs to an organisation this Gatehouse does not accept.",
  not_available: "That sign-in cannot be linked here.",
  deactivated: "Your account is deactivated.",
};

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AccountPage({ searchParams }: Props) {
  const { principal, sessionId } = await requireUser();
  // Viewing as someone (lib/auth/view-as.ts) shows their workspace, never their account.
  if (principal.viewAs) return <ViewAsAccountNotice name={principal.viewAs.targetName} />;
  const sp = await searchParams;
  const [sessions, tokens, munis, own, linkable, providers] = await Promise.all([
    listOwnSessions(principal.userId, sessionId),
    listOwnTokens(principal.userId),
    workspaceMunicipalities(principal),
    listOwnIdentities(principal.userId),
    linkableProviders(principal.userId),
    signInProviders(),
  ]);
  const providerName = (id: string) => providers.find((p) => p.id === id)?.name ?? id;
  const linkedNow =
    typeof sp.linked === "string" && own.identities.some((i) => i.provider === sp.linked)
      ? providerName(sp.linked)
      : null;
  const unlinkedNow =
    typeof sp.unlinked === "string" &&
    !own.identities.some((i) => i.provider === sp.unlinked) &&
    providers.some((p) => p.id === sp.unlinked)
      ? providerName(sp.unlinked)
      : null;
  const linkError = typeof sp.link_error === "string" ? LINK_ERRORS[sp.link_error] : undefined;
  const memberOf = munis
    .filter((m) => principal.memberships.some((x) => x.municipalityId === m.id))
    .map((m) => ({
      id: m.id,
      name: m.name,
      groups: groupInfo(principal.memberships.find((x) => x.municipalityId === m.id)!.groups).map((g) => ({
        value: g.name,
        label: g.label,
        title: g.description,
      })),
    }));
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-semibold text-brand-900">Your account</h1>
      <SelfServiceSections userId={principal.userId} />
      <ViewAsHistory userId={principal.userId} />
      <TitledSection id="sessions-h" title="Signed-in sessions">
        <ul className="space-y-2 text-sm" aria-label="Your sessions">
          {sessions.map((s, i) => (
            <li key={s.id} className="flex flex-wrap items-center justify-between gap-2 border-t border-slate-100 pt-2">
              <span>
                {s.current ? <strong>This browser</strong> : "Another browser"} · since {when(s.createdAt)} · last seen{" "}
                {when(s.lastSeenAt)}
                {s.ip ? ` · ${s.ip}` : ""}
                {s.userAgent ? <span className="block text-xs text-slate-500">{s.userAgent}</span> : null}
              </span>
              {!s.current && (
                <ActionForm
                  action={revokeSessionAction}
                  hidden={{ sessionId: s.id }}
                  submitLabel={`Sign out session ${i + 1}`}
                  confirm={{
                    title: `Sign out session ${i + 1}?`,
                    body: "That browser or device is signed out at its next click and has to sign in again. This browser stays signed in.",
                  }}
                />
              )}
            </li>
          ))}
        </ul>
        <div className="flex flex-wrap gap-4">
          <ActionForm
            action={signOutEverywhereElseAction}
            hidden={{}}
            submitLabel="Sign out everywhere else"
            confirm={{
              title: "Sign out everywhere else?",
              body: "Every other browser and device signed in as you is signed out at its next click. This browser stays signed in.",
            }}
          />
          <ActionForm
            action={signOutEverywhereAction}
            hidden={{}}
            submitLabel="Sign out everywhere"
            tone="danger"
            confirm={{
              title: "Sign out everywhere, this browser too?",
              body: "Every browser and device signed in as you, this one included, is signed out at once. You will have to sign in again here.",
            }}
          />
        </div>
      </TitledSection>
      <TitledSection id="signin-h" title="Ways to sign in">
        {linkedNow && (
          <p role="status" className="rounded-md border border-green-200 bg-green-50 p-3 text-sm text-green-900">
            Linked: {linkedNow} now signs you in to this account.
          </p>
        )}
        {unlinkedNow && (
          <p role="status" className="rounded-md border border-slate-200 bg-slate-50 p-3 text-sm">
            Unlinked: {unlinkedNow} no longer signs you in.
          </p>
        )}
        {linkError && (
          <p role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">
            {linkError}
          </p>
        )}
        <ul className="space-y-2 text-sm" aria-label="Your sign-in methods">
          <li className="border-t border-slate-100 pt-2">Password: {own.hasPassword ? "set" : "none"}</li>
          {own.identities.map((i) => (
            <li key={i.id} className="flex flex-wrap items-center justify-between gap-2 border-t border-slate-100 pt-2">
              <span>{providerName(i.provider)}: linked</span>
              {i.canUnlink ? (
                <ActionForm
                  action={unlinkIdentityAction}
                  hidden={{ accountId: i.id }}
                  submitLabel={`Unlink ${providerName(i.provider)}`}
                  tone="danger"
                  confirm={{
                    title: `Unlink ${providerName(i.provider)}?`,
                    body: `${providerName(i.provider)} will no longer sign you in to Gatehouse. Your other ways to sign in stay; you can link it again from this page.`,
                  }}
                />
              ) : (
                <span className="text-xs text-slate-500">your only way to sign in</span>
              )}
            </li>
          ))}
        </ul>
        {linkable.length > 0 && (
          <div className="flex flex-wrap gap-3">
            {linkable.map((p) => (
              <LinkButton key={p.id} provider={p.id} name={p.name} />
            ))}
          </div>
        )}
      </TitledSection>
      <PasskeysSection userId={principal.userId} />
      <MfaSection userId={principal.userId} />
      <TitledSection id="tokens-h" title="API tokens" gap={4}>
        <PlainTable caption="Your API tokens" columns={TOKEN_COLUMNS} items={tokens} empty="No tokens yet." />
        <TokenForm memberships={memberOf} />
      </TitledSection>
    </div>
  );
}
