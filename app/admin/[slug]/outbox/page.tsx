import { label } from "@/lib/records/labels";
import type { Metadata } from "next";
import { requireAdminPage } from "@/lib/people/admin-scope";
import { listOutbox, outboxDelivery } from "@/lib/people/outbox";
import { Empty } from "@/app/_components/pager";
import { ActionForm } from "@/app/_components/action-form";
import { AdminNav } from "../admin-nav";
import { retryOutboxMessageAction } from "./actions";

export const metadata: Metadata = { title: "Outbox" };

export default async function OutboxPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { viewer, muni } = await requireAdminPage(slug);
  const mails = await listOutbox(viewer, muni.id);
  const delivery = outboxDelivery();
  return (
    <div className="space-y-6">
      <AdminNav slug={slug} name={muni.name} current="outbox" />
      <h1 className="text-2xl font-semibold text-brand-900">Outbox</h1>
      <p className="text-sm text-slate-600">
        Every mail is written here with the change that caused it, then sent by the mail queue. Personal links
        (invitations, registrations) are never shown here: they are added only to the mail the recipient receives.
      </p>
      {delivery === "console" && (
        <p className="text-sm text-slate-600">
          No SMTP server is configured: mail is printed to the server&apos;s console (local use) instead of being sent.
        </p>
      )}
      {delivery === "none" && (
        <p className="text-sm text-amber-800">
          No SMTP server is configured: mail waits here until <code>SMTP_URL</code> is set.
        </p>
      )}
      {mails.length === 0 ? (
        <Empty>No mail yet.</Empty>
      ) : (
        <ul className="space-y-3">
          {mails.map((m) => (
            <li key={m.id} className="rounded-lg border border-slate-200 bg-white p-4">
              <p className="text-xs text-slate-500">
                {m.createdAt.toISOString().slice(0, 16).replace("T", " ")} · {label(m.status).toLowerCase()}
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
    </div>
  );
}
