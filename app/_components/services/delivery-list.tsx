// A connected service's outbox on its console page (a municipality's, or the platform's when
// `slug` is null): every sign-out notice (OpenID Connect back-channel logout) and webhook
// Gatehouse sent or still tries to send, for whom, its state in plain words, and "Send again
// now" for what failed. Read through lib/data with the current viewer (the policy decides); the
// filter and the page travel in the URL as `deliveries` and `deliveriesPage` when the host page
// passes its searchParams.
import type { SearchParams } from "@/lib/http/search-params";
import Link from "next/link";
import { getViewer } from "@/lib/auth/current-session";
import {
  DELIVERY_FILTERS,
  isDeliveryFilter,
  listServiceDeliveries,
  type DeliveryFilter,
  type DeliveryView,
} from "@/lib/data/service-deliveries";
import { personLine } from "@/lib/data/people-names";
import { paging } from "@/lib/records/list";
import { ActionForm } from "@/app/_components/action-form";
import { SimpleTable } from "@/app/_components/simple-table";
import { resendServiceDeliveryAction } from "./delivery-actions";

const FILTER_LABELS: Record<DeliveryFilter, string> = {
  waiting: "Waiting",
  failed: "Failed",
  "given-up": "Given up",
  delivered: "Delivered",
};

/** The state's colour and a mark before it (colour is never the only signal; the words say it all). */
const TONE: Record<NonNullable<DeliveryView["status"]>, { mark: string; className: string }> = {
  SENT: { mark: "✓", className: "text-green-800" },
  PENDING: { mark: "●", className: "text-sky-800" },
  FAILED: { mark: "!", className: "text-amber-800" },
  GAVE_UP: { mark: "✕", className: "text-red-800" },
};

function State({ d }: { d: DeliveryView }) {
  if (!d.status) return <>{d.state}</>;
  const t = TONE[d.status];
  return (
    <span className={t.className}>
      <span aria-hidden className="mr-1 font-bold">
        {t.mark}
      </span>
      {d.state}
    </span>
  );
}

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const when = (d: Date | null) => (d ? `${d.toISOString().slice(0, 16).replace("T", " ")} UTC` : "");

export async function DeliveryList({
  slug,
  serviceId,
  searchParams = {},
}: {
  slug: string | null;
  serviceId: string;
  /** The host page's searchParams: the filter and page links work when it passes them. */
  searchParams?: SearchParams;
}) {
  const viewer = await getViewer();
  const rawFilter = first(searchParams.deliveries);
  const filter = isDeliveryFilter(rawFilter) ? rawFilter : undefined;
  const { page } = paging({ page: first(searchParams.deliveriesPage) });
  const list = await listServiceDeliveries(
    viewer,
    { serviceId, municipalitySlug: slug },
    { page, pageSize: 25, filter },
  );
  const href = (next: { deliveries?: string; deliveriesPage?: number }) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(searchParams)) {
      const s = first(v);
      if (s !== undefined && k !== "deliveries" && k !== "deliveriesPage") p.set(k, s);
    }
    const f = "deliveries" in next ? next.deliveries : filter;
    if (f) p.set("deliveries", f);
    if (next.deliveriesPage && next.deliveriesPage > 1) p.set("deliveriesPage", String(next.deliveriesPage));
    const qs = p.toString();
    return `${qs ? `?${qs}` : "?"}#deliveries`;
  };

  return (
    <section id="deliveries" aria-labelledby="deliveries-h" className="space-y-3">
      <h2 id="deliveries-h" className="text-lg font-semibold text-brand-900">
        Sign-out notices and webhooks
      </h2>
      <p className="text-sm text-slate-600">
        When someone loses access to this service, Gatehouse tells the service to sign them out and, if a webhook is set
        up, sends it a signed message. A service that does not answer is tried again after 30 seconds, 2 minutes, 10
        minutes, 1 hour and then every few hours — 8 tries in all. Nothing is lost while it is down.
      </p>
      <nav aria-label="Show deliveries" className="flex flex-wrap gap-2 text-sm">
        {[undefined, ...(Object.keys(DELIVERY_FILTERS) as DeliveryFilter[])].map((f) => {
          const current = f === filter;
          return (
            <Link
              key={f ?? "all"}
              href={href({ deliveries: f })}
              aria-current={current ? "page" : undefined}
              className={`rounded-full border px-3 py-1 ${
                current ? "border-brand-700 bg-brand-700 text-white" : "border-slate-300 bg-white hover:bg-slate-50"
              }`}
            >
              {f ? FILTER_LABELS[f] : "All"}
            </Link>
          );
        })}
      </nav>
      {list.rows.length === 0 ? (
        <p className="text-sm text-slate-600">
          {filter
            ? "None in this state."
            : "Nothing sent yet. Notices appear here when someone's access to this service ends."}
        </p>
      ) : (
        <SimpleTable
          caption="Sign-out notices and webhooks of this service, newest first"
          headers={["What", "For whom", "State", "Tries", "Queued", { srOnly: "Actions" }]}
        >
          {list.rows.map((d) => (
            <tr key={d.id} className="border-t border-slate-100 align-top">
              <td className="px-3 py-2 font-medium">{d.what}</td>
              <td className="px-3 py-2">{d.person ? personLine(d.person) : "—"}</td>
              <td className="min-w-48 px-3 py-2">
                <State d={d} />
              </td>
              <td className="px-3 py-2 tabular-nums">{d.attempts ?? "—"}</td>
              <td className="whitespace-nowrap px-3 py-2">{when(d.createdAt)}</td>
              <td className="px-3 py-2">
                {d.canResend && (
                  <ActionForm
                    action={resendServiceDeliveryAction}
                    hidden={{ id: d.id, serviceId, slug: slug ?? "" }}
                    submitLabel="Send again now"
                    pendingLabel="Queuing…"
                  />
                )}
              </td>
            </tr>
          ))}
        </SimpleTable>
      )}
      {list.pageCount > 1 && (
        <nav aria-label="Pages of deliveries" className="flex items-center gap-3 text-sm">
          {list.page > 1 && (
            <Link className="text-brand-700 underline" href={href({ deliveriesPage: list.page - 1 })}>
              Newer
            </Link>
          )}
          <span>
            Page {list.page} of {list.pageCount} ({list.total} in all)
          </span>
          {list.page < list.pageCount && (
            <Link className="text-brand-700 underline" href={href({ deliveriesPage: list.page + 1 })}>
              Older
            </Link>
          )}
        </nav>
      )}
    </section>
  );
}
