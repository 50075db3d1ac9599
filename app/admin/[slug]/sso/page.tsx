import type { Metadata } from "next";
import { StatusBadge } from "@/app/_components/badge";
import Link from "next/link";
import { cookies } from "next/headers";
import { requireAdminPage } from "@/lib/people/admin-scope";
import { orNotFound } from "@/lib/pages/scope";
import { requireUser } from "@/lib/auth/current-session";
import { ssoConsoleView, type SsoConsoleView } from "@/lib/flows/sso-console";
import { openTryResult, TRY_RESULT_COOKIE, type TryResult } from "@/lib/auth/sso-try";
import { AdminNav } from "../admin-nav";
import { TableScroll } from "@/app/_components/simple-table";
import { ConnectionForm } from "./connection-form";
import { TestConnection, TrySignIn } from "./connection-tools";
import { MappingEditor } from "./mapping-editor";

export const metadata: Metadata = { title: "Single sign-on" };

const CARD = "space-y-3 rounded-lg border border-slate-200 bg-white p-4 sm:p-5";

export default async function SsoPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ tried?: string }>;
}) {
  const { slug } = await params;
  const { viewer, muni } = await requireAdminPage(slug);
  const view = await orNotFound(ssoConsoleView(viewer, muni));
  const { sessionId } = await requireUser();
  const tried = (await searchParams).tried;
  const result = openTryResult((await cookies()).get(TRY_RESULT_COOKIE)?.value, muni.slug, sessionId);
  const label = (g: string) => view.groups.find((o) => o.value === g)?.label ?? g;
  return (
    <div className="space-y-6">
      <AdminNav slug={slug} name={muni.name} current="sso" />
      <h1 className="text-2xl font-semibold text-brand-900">Single sign-on</h1>
      <p className="max-w-3xl text-sm text-slate-600">
        Connect {muni.name}&apos;s identity provider so staff sign in with the account they already have. At every
        sign-in the provider&apos;s claims decide the person&apos;s groups here, through the mappings below.
      </p>

      <section aria-labelledby="connections-heading" className="grid gap-4 md:grid-cols-3">
        <h2 id="connections-heading" className="sr-only">
          Connections
        </h2>
        <div className={CARD}>
          <h3 className="font-semibold">
            OpenID Connect{" "}
            <StatusBadge
              kind="connection"
              value={view.oidc ? (view.oidc.enabled && view.oidc.secretSet ? "enabled" : "disabled") : "none"}
            />
          </h3>
          <p className="text-sm" data-testid="oidc-status">
            {statusOf(view.oidc)}
          </p>
        </div>
        <div className={CARD}>
          <h3 className="font-semibold">
            SAML 2.0{" "}
            <StatusBadge kind="connection" value={view.saml ? (view.saml.enabled ? "enabled" : "disabled") : "none"} />
          </h3>
          <p className="text-sm">
            {view.saml ? (view.saml.enabled ? "Set up and enabled." : "Set up, switched off.") : "Not set up."}
          </p>
          <Link href={`/admin/${slug}/sso/saml`} prefetch={false} className="text-sm text-brand-700 underline">
            {view.saml ? "SAML connection" : "Set up SAML 2.0"}
          </Link>
        </div>
        <div className={CARD}>
          <h3 className="font-semibold">Email domains</h3>
          {view.emailDomains.emailDomains.length ? (
            <ul aria-label="Email domains" className="text-sm">
              {view.emailDomains.emailDomains.map((d) => (
                <li key={d}>{d}</li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-amber-800">None yet: nobody can sign in through SSO until one is set.</p>
          )}
          <p className="text-xs text-slate-500">
            The provider speaks only for these addresses. They are changed in the{" "}
            <Link href={`/admin/${slug}/settings`} prefetch={false} className="underline">
              settings
            </Link>
            .
          </p>
        </div>
      </section>

      <section aria-labelledby="oidc-heading" className={CARD}>
        <h2 id="oidc-heading" className="text-lg font-semibold">
          OpenID Connect connection
        </h2>
        <details className="text-sm">
          <summary className="cursor-pointer text-brand-700">Redirect URIs to register at your provider</summary>
          <ul className="mt-2 space-y-1 break-all font-mono text-xs">
            {view.redirectUris.map((u) => (
              <li key={u}>{u}</li>
            ))}
          </ul>
          <p className="mt-1 text-xs text-slate-500">
            The first is for sign-in, the second for Try sign-in. Use the authorization code flow with PKCE (S256) and
            client_secret_basic.
          </p>
        </details>
        {view.canManage ? (
          <ConnectionForm slug={slug} values={view.oidc} defaultName={`${muni.name} SSO`} />
        ) : (
          <p className="text-sm text-slate-600">You may see this connection but not change it.</p>
        )}
      </section>

      {view.oidc && view.canManage && (
        <section aria-labelledby="try-heading" id="try-sign-in" className={CARD}>
          <h2 id="try-heading" className="text-lg font-semibold">
            Test the saved connection
          </h2>
          <div className="grid gap-6 lg:grid-cols-2">
            <TestConnection slug={slug} />
            <div className="space-y-3">
              <TrySignIn slug={slug} />
              {tried === "expired" && !result && (
                <p role="alert" className="text-sm text-red-700">
                  That try had expired or was started in another session. Start it again.
                </p>
              )}
              {result && <TryOutcome result={result} label={label} />}
            </div>
          </div>
        </section>
      )}

      <section aria-labelledby="mappings-heading" className={CARD}>
        <h2 id="mappings-heading" className="text-lg font-semibold">
          Claims → groups
        </h2>
        <p className="text-sm text-slate-600">
          A person gets every group their claims map to, here or in the reviewed policy file, and loses groups that no
          longer map at their next sign-in. Only municipality groups can be given: never a platform group.
        </p>
        {view.file && <FileRules file={view.file} label={label} />}
        {view.oidc?.mappingsUnreadable && (
          <p role="alert" className="text-sm text-amber-800">
            The stored mappings name a group that no longer exists, so none of them apply. Save new ones below.
          </p>
        )}
        {view.oidc ? (
          <MappingEditor
            slug={slug}
            initial={view.rows}
            fileRows={view.file?.rows ?? []}
            groups={view.groups}
            defaultClaim={view.oidc.groupsClaim}
            requireMappedClaim={view.file?.requireMappedClaim || view.emailDomains.requireMappedClaim}
            canManage={view.canManage}
          />
        ) : (
          <p className="text-sm text-slate-600">Create the connection first: mappings belong to it.</p>
        )}
      </section>
    </div>
  );
}

function statusOf(oidc: SsoConsoleView["oidc"]): string {
  if (!oidc) return "Not set up.";
  if (!oidc.secretSet) return "Saved without a client secret: sign-in is off.";
  return oidc.enabled ? "Set up and enabled: the sign-in page shows its button." : "Set up, switched off.";
}

function FileRules({ file, label }: { file: NonNullable<SsoConsoleView["file"]>; label: (g: string) => string }) {
  return (
    <div className="space-y-2 rounded-md border border-slate-200 bg-slate-50 p-3 text-sm">
      <h3 className="font-semibold">Set in the reviewed policy file (policies/sso.yaml)</h3>
      <p className="text-slate-600">
        These apply whatever the console says, and the console cannot loosen them:
        {file.requireMappedClaim ? " a person whose claims map to no group is refused;" : ""} the provider speaks only
        for {file.emailDomains.join(", ")}. Changing them needs a reviewed change to the file.
      </p>
      <TableScroll label="Mappings from the policy file" framed={false}>
        <table className="min-w-full text-left">
          <caption id="file-mappings" className="sr-only">
            Mappings from the policy file
          </caption>
          <thead>
            <tr className="text-xs text-slate-500">
              <th className="pr-4 font-medium">Claim</th>
              <th className="pr-4 font-medium">Value</th>
              <th className="font-medium">Groups</th>
            </tr>
          </thead>
          <tbody>
            {file.rows.map((r) => (
              <tr key={`${r.claim}=${r.value}`}>
                <td className="pr-4 font-mono text-xs">{r.claim}</td>
                <td className="pr-4 font-mono text-xs">{r.value}</td>
                <td>{r.groups.map(label).join(", ")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </div>
  );
}

function TryOutcome({ result, label }: { result: TryResult; label: (g: string) => string }) {
  if (!result.ok)
    return (
      <div role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900">
        <p className="font-semibold">Try sign-in failed</p>
        <p>{result.problem}</p>
      </div>
    );
  return (
    <div
      role="status"
      aria-label="Try sign-in result"
      className="space-y-2 rounded-md border border-green-200 bg-green-50 p-3 text-sm"
    >
      <p className="font-semibold text-green-900">
        The provider signed in {String(result.claims?.email ?? result.claims?.sub ?? "someone")}.
      </p>
      <p data-testid="try-groups">
        {result.groups?.length
          ? `Would get: ${result.groups.map(label).join(", ")} (from ${result.matched?.join(", ")}).`
          : "No claim maps to a group."}
      </p>
      {result.wouldRefuse && <p className="text-amber-900">A real sign-in would be refused: {result.wouldRefuse}</p>}
      <p>
        {result.mfa
          ? "Counts as multi-factor (by the connection's amr/acr values)."
          : "Does not count as multi-factor."}
      </p>
      <p className="text-xs text-slate-600">Nothing was created or changed.</p>
      <details open>
        <summary className="cursor-pointer">Claims received (ID token)</summary>
        <pre
          className="mt-1 max-h-72 overflow-auto whitespace-pre-wrap break-all rounded bg-white p-2 text-xs"
          aria-label="Claims received"
        >
          {JSON.stringify(result.claims, null, 2)}
        </pre>
        {result.claimsCut && <p className="text-xs">Only the first claims are shown (the rest did not fit).</p>}
      </details>
    </div>
  );
}
