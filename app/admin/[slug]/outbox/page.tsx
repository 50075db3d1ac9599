import type { Metadata } from "next";
import { requireAdminList, type AdminListProps } from "../list-scope";
import { listOutbox, outboxDelivery } from "@/lib/people/outbox";
import { Empty, Pager } from "@/app/_components/pager";
import { StatusBadge } from "@/app/_components/badge";
import { ActionForm } from "@/app/_components/action-form";
import { AdminNav } from "../admin-nav";
import { retryOutboxMessageAction } from "./actions";

export const metadata: Metadata = { title: "Outbox" };

export default async function OutboxPage(props: AdminListProps) {
  const { slug, viewer, muni, sp, paging } = await requireAdminList(props);
  const list = await listOutbox(viewer, muni.id, paging);
  const mails = list.rows;
  const delivery = outboxDelivery();
  return (
    <div className="space-y-6">
      <AdminNav slug={slug} name={muni.name} current="outbox" />
      <h1 className="text-2xl font-semibold text-brand-900">Outbox</h1>
      <p className="text-sm text-slate-600">
        Every mail is written here with the change that caused it, then sent by the mail queue. Personal links
        (invitations, registrations) are never shown here: they are added only to the mail the recipient receives.
      </p>
      <DeliveryNotice delivery={delivery} />
      {mails.length === 0 ? (
        <Empty>
          <p>No mail yet.</p>
          <p className="mt-1">
            Invitations, approvals and other changes write their mail here;{" "}
            <a className="text-brand-700 underline" href={`/admin/${slug}/invitations`}>
              invite someone
            </a>{" "}
            to send the first.
          </p>
        </Empty>
      ) : (
        <ul className="space-y-3">
          {mails.map((m) => (
            <li key={m.id} className="rounded-lg border border-slate-200 bg-white p-4">
              <p className="text-xs text-slate-500">
                <StatusBadge kind="outbox" value={m.status} />{" "}
                {m.createdAt.toISOString().slice(0, 16).replace("T", " ")}
                {m.attempts ? ` · ${m.attempts} attempt(s)` : ""}
                {m.lastError ? ` · last error: ${m.lastError}` : ""}
                {m.status === "PENDING" && m.attempts > 0
                  ? ` · next try ${m.nextAttemptAt.toISOString().slice(11, 16)} UTC`
                  : ""}
              </p>
              <p className="font-semibold">{m.subject}</p>
              <p className="text-sm">To: {m.to}</p>
              <pre className="mt-2 whitespace-pre-wrap text-sm text-slate-700">{m.text}</pre>
              {m.retryable && (
                <div className="mt-2">
                  <ActionForm
                    action={retryOutboxMessageAction}
                    hidden={{ slug, id: m.id }}
                    submitLabel="Retry now"
                    pendingLabel="Queuing…"
                  />
                </div>
              )}
              {m.linkGone && (
                <p className="mt-2 text-sm text-slate-600">
                  This mail&apos;s link was withdrawn; send the invitation again from Invitations for a new one.
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
      <Pager list={list} params={sp} noun="messages" pageSize={list.pageSize} />
    </div>
  );
}

/** How mail leaves this server, said plainly: without SMTP nothing is lost, it waits here. */
function DeliveryNotice({ delivery }: { delivery: ReturnType<typeof outboxDelivery> }) {
  if (delivery === "smtp") return null;
  return (
    <section
      aria-labelledby="delivery-h"
      className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900"
    >
      <h2 id="delivery-h" className="font-semibold">
        No mail server (SMTP) is configured
      </h2>
      {delivery === "console" ? (
        <p className="mt-1">
          This server is set up for local use: each mail is printed to the server&apos;s console instead of being sent,
          so nobody receives it by email.
        </p>
      ) : (
        <p className="mt-1">
          Mail is not being sent. Every message waits here, nothing is lost: invitations, approvals and other mail go
          out by themselves, oldest first, as soon as your IT team sets <code>SMTP_URL</code> on the server and restarts
          it. Until then, invited people get no email.
        </p>
      )}
    </section>
  );
}
