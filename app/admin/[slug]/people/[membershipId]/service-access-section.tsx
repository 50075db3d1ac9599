// "Connected services" on a person's admin page (seed 003): each service of the municipality (and
// the platform-wide ones the viewer may read), whether the person has access, and every source of
// it in plain words; a direct grant with a reason and an optional end; revoking one, confirmed.
import type { Viewer } from "@/lib/identity/viewer";
import { personServices } from "@/lib/flows/service-grants";
import { accessTime } from "@/lib/services/access";
import { Badge } from "@/app/_components/badge";
import { ConfirmActionForm } from "@/app/_components/confirm-action-form";
import { ServiceGrantForm } from "./service-grant-form";
import { revokeServiceAccessAction } from "./service-access-actions";

type Props = {
  viewer: Viewer;
  slug: string;
  municipality: { id: string };
  membershipId: string;
  userId: string;
  /** The viewer's own page: nobody grants their own access. */
  self: boolean;
};

export async function ServiceAccessSection({ viewer, slug, municipality, membershipId, userId, self }: Props) {
  const { rows, grantable, zone } = await personServices(viewer, municipality.id, userId);
  if (rows.length === 0) return null;
  return (
    <section className="space-y-4 rounded-lg border border-slate-200 bg-white p-5" aria-labelledby="connected-services">
      <div>
        <h2 id="connected-services" className="font-semibold">
          Connected services
        </h2>
        <p className="text-sm text-slate-600">
          Access lasts while at least one source grants it. When the last one goes, the person is signed out of the
          service at once.
        </p>
      </div>
      <ul className="space-y-3">
        {rows.map((r) => (
          <li key={r.serviceId} className="rounded-md border border-slate-200 p-3" data-service={r.name}>
            <div className="flex flex-wrap items-center gap-2">
              <span className="font-medium">{r.name}</span>
              {r.platformWide && <Badge tone="neutral">Platform-wide</Badge>}
              {r.allowed ? <Badge tone="good">Has access</Badge> : <Badge tone="neutral">No access</Badge>}
            </div>
            {r.blocked && <p className="mt-1 text-sm text-slate-600">{r.blocked}</p>}
            {r.sources.length > 0 && (
              <ul className="mt-2 space-y-2 text-sm" aria-label={`Sources of access to ${r.name}`}>
                {r.sources.map((s, i) => (
                  <li key={s.grantId ?? `${s.kind}-${i}`} className="flex flex-wrap items-start gap-2">
                    <span className="break-words">{s.words}</span>
                    {s.grantId && s.mayRevoke && (
                      <ConfirmActionForm
                        hidden={{ slug, membershipId, grantId: s.grantId }}
                        action={revokeServiceAccessAction}
                        submitLabel="Revoke direct access"
                        pendingLabel="Revoking…"
                        title={`Revoke direct access to ${r.name}?`}
                        body="If this is their last source of access, they are signed out of the service at once and the service is told."
                        tone="danger"
                        note={{ label: "Reason for revoking" }}
                      />
                    )}
                  </li>
                ))}
              </ul>
            )}
            {!r.allowed && !r.blocked && (
              <p className="mt-1 text-sm text-slate-600">No group, state or grant gives it.</p>
            )}
            <p className="mt-1 text-xs text-slate-500">
              {r.linkEnded
                ? `Access there ended ${accessTime(r.linkEnded.at, zone)}${r.linkEnded.reason ? ` (${r.linkEnded.reason})` : ""}.`
                : r.lastSignInAt
                  ? `Last signed in there ${accessTime(r.lastSignInAt, zone)}.`
                  : "Never signed in there."}
            </p>
          </li>
        ))}
      </ul>
      {self ? (
        <p className="text-sm text-slate-600">Nobody grants their own access: another administrator must.</p>
      ) : (
        grantable.length > 0 && (
          <div className="space-y-2 border-t border-slate-200 pt-3">
            <h3 className="text-sm font-semibold">Grant access directly</h3>
            <ServiceGrantForm hidden={{ slug, membershipId, userId }} services={grantable} zone={zone} />
          </div>
        )
      )}
    </section>
  );
}
