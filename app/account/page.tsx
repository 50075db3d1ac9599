import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session";
import { listOwnSessions } from "@/lib/auth/sessions";
import { listOwnTokens } from "@/lib/auth/api-token";
import { workspaceMunicipalities } from "@/lib/data/municipalities";
import { ActionForm } from "@/app/_components/action-form";
import { revokeApiTokenAction, revokeSessionAction, signOutEverywhereAction, signOutEverywhereElseAction } from "./actions";
import { TokenForm } from "./token-form";

export const metadata: Metadata = { title: "Your account" };

const when = (d: Date | null) => (d ? d.toISOString().slice(0, 16).replace("T", " ") : "never");

export default async function AccountPage() {
  const { principal, sessionId } = await requireUser();
  const [sessions, tokens, munis] = await Promise.all([listOwnSessions(principal.userId, sessionId), listOwnTokens(principal.userId), workspaceMunicipalities(principal)]);
  const memberOf = munis.filter((m) => principal.memberships.some((x) => x.municipalityId === m.id)).map((m) => ({ id: m.id, name: m.name, groups: principal.memberships.find((x) => x.municipalityId === m.id)!.groups }));
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-semibold text-brand-900">Your account</h1>
      <section aria-labelledby="sessions-h" className="space-y-3 rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="sessions-h" className="font-semibold">Signed-in sessions</h2>
        <ul className="space-y-2 text-sm" aria-label="Your sessions">
          {sessions.map((s, i) => (
            <li key={s.id} className="flex flex-wrap items-center justify-between gap-2 border-t border-slate-100 pt-2">
              <span>{s.current ? <strong>This browser</strong> : "Another browser"} · since {when(s.createdAt)} · last seen {when(s.lastSeenAt)}{s.ip ? ` · ${s.ip}` : ""}{s.userAgent ? <span className="block text-xs text-slate-500">{s.userAgent}</span> : null}</span>
              {!s.current && <ActionForm action={revokeSessionAction} hidden={{ sessionId: s.id }} submitLabel={`Sign out session ${i + 1}`} />}
            </li>
          ))}
        </ul>
        <div className="flex flex-wrap gap-4">
          <ActionForm action={signOutEverywhereElseAction} hidden={{}} submitLabel="Sign out everywhere else" />
          <ActionForm action={signOutEverywhereAction} hidden={{}} submitLabel="Sign out everywhere" tone="danger" />
        </div>
      </section>
      <section aria-labelledby="tokens-h" className="space-y-4 rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="tokens-h" className="font-semibold">API tokens</h2>
        {tokens.length === 0 ? <p className="text-sm text-slate-600">No tokens yet.</p> : (
          <table className="min-w-full text-sm">
            <caption className="sr-only">Your API tokens</caption>
            <thead className="text-left"><tr><th scope="col">Name</th><th scope="col">Starts with</th><th scope="col">Groups</th><th scope="col">Expires</th><th scope="col">Last used</th><th scope="col"><span className="sr-only">Actions</span></th></tr></thead>
            <tbody>
              {tokens.map((t) => (
                <tr key={t.id} className="border-t border-slate-100 align-top">
                  <td className="py-2">{t.name}</td><td className="font-mono text-xs">{t.prefix}…</td><td>{t.groups.join(", ")}</td><td>{when(t.expiresAt)}</td><td>{when(t.lastUsedAt)}</td>
                  <td>{t.revokedAt ? "revoked" : <ActionForm action={revokeApiTokenAction} hidden={{ tokenId: t.id }} submitLabel={`Revoke ${t.name}`} tone="danger" />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <TokenForm memberships={memberOf} />
      </section>
    </div>
  );
}
