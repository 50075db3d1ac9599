import type { Metadata } from "next";
import { requireAdminPage } from "@/lib/people/admin-scope";
import { listOutbox } from "@/lib/people/outbox";
import { Empty } from "@/app/_components/pager";
import { ActionForm } from "@/app/_components/action-form";
import { AdminNav } from "../admin-nav";
import { retryOutboxMessageAction } from "./actions";

export const metadata: Metadata = { title: "Outbox" };

export default async function OutboxPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { viewer, muni } = await requireAdminPage(slug);
  const mails = await listOutbox(viewer, muni.id);
  return (
    <div className="space-y-6">
      <AdminNav slug={slug} name={muni.name} current="outbox" />
      <h1 className="text-2xl font-semibold text-brand-900">Outbox</h1>
      <p className="text-sm text-slate-600">Every mail is written here with the change that caused it, then sent by the mail queue. Without SMTP configured (development), mail stays here to read.</p>
      {mails.length === 0 ? <Empty>No mail yet.</Empty> : (
        <ul className="space-y-3">{mails.map((m) => (
          <li key={m.id} className="rounded-lg border border-slate-200 bg-white p-4">
            <p className="text-xs text-slate-500">{m.createdAt.toISOString().slice(0, 16).replace("T", " ")} · {m.status.toLowerCase()}{m.attempts ? ` · ${m.attempts} attempt(s)` : ""}{m.lastError ? ` · last error: ${m.lastError}` : ""}{m.status === "PENDING" && m.attempts > 0 ? ` · next try ${m.nextAttemptAt.toISOString().slice(11, 16)} UTC` : ""}</p>
            <p className="font-semibold">{m.subject}</p>
            <p className="text-sm">To: {m.to}</p>
            <pre className="mt-2 whitespace-pre-wrap text-sm text-slate-700">{m.text}</pre>
            {m.status !== "SENT" && !m.lastError?.startsWith("recipient ") && (
              <div className="mt-2"><ActionForm action={retryOutboxMessageAction} hidden={{ slug, id: m.id }} submitLabel="Retry now" pendingLabel="Queuing…" /></div>
            )}
          </li>
        ))}</ul>
      )}
    </div>
  );
}
