import type { Metadata } from "next";
import { requireAdminPage } from "@/lib/people/admin-scope";
import { orNotFound } from "@/lib/pages/scope";
import { listRequestTags } from "@/lib/data/request-tags";
import { SimpleTable } from "@/app/_components/simple-table";
import { NameForm } from "@/app/_components/name-form";
import { ActionForm } from "@/app/_components/action-form";
import { Badge } from "@/app/_components/badge";
import { AdminNav } from "../admin-nav";
import { saveRequestTagAction, setRequestTagArchivedAction } from "./actions";

export const metadata: Metadata = { title: "Request tags" };

export default async function RequestTagsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { viewer, muni } = await requireAdminPage(slug);
  const { rows, canCreate, canUpdate } = await orNotFound(listRequestTags(viewer, muni.id));
  return (
    <div className="space-y-6">
      <AdminNav slug={slug} name={muni.name} current="tags" />
      <h1 className="text-2xl font-semibold text-brand-900">Request tags</h1>
      <p className="text-sm text-slate-600">
        Staff put these tags on service requests and filter the list by them. Tags are archived, never deleted: an
        archived tag stays on the requests that have it but is no longer offered.
      </p>
      {canCreate && (
        <section className="max-w-md rounded-lg border border-slate-200 bg-white p-5">
          <h2 className="mb-3 font-semibold">New tag</h2>
          <NameForm
            action={saveRequestTagAction}
            hidden={{ slug }}
            field="label"
            maxLength={40}
            text={{ form: "New tag", label: "Name of the new tag", submit: "Add tag" }}
          />
        </section>
      )}
      {rows.length === 0 ? (
        <p className="text-sm text-slate-600">No tags yet.{canCreate ? " Add the first one above." : ""}</p>
      ) : (
        <SimpleTable caption="Request tags" headers={["Tag", "Requests", "State", ...(canUpdate ? ["Change"] : [])]}>
          {rows.map((t) => (
            <tr key={t.id} className="border-t border-slate-100 align-top">
              <td className="px-3 py-2 font-medium">{t.label}</td>
              <td className="px-3 py-2">{t.requests}</td>
              <td className="px-3 py-2">
                {t.archivedAt ? <Badge tone="warn">Archived</Badge> : <Badge tone="good">In use</Badge>}
              </td>
              {canUpdate && (
                <td className="space-y-3 px-3 py-2">
                  <NameForm
                    action={saveRequestTagAction}
                    hidden={{ slug, id: t.id }}
                    field="label"
                    maxLength={40}
                    current={t.label}
                    text={{ form: `Rename ${t.label}`, label: `New name for ${t.label}`, submit: "Rename" }}
                  />
                  <ActionForm
                    action={setRequestTagArchivedAction}
                    hidden={{ slug, id: t.id, archived: t.archivedAt ? "no" : "yes" }}
                    submitLabel={t.archivedAt ? `Restore ${t.label}` : `Archive ${t.label}`}
                    pendingLabel="Saving…"
                    tone={t.archivedAt ? "normal" : "danger"}
                    confirm={
                      t.archivedAt
                        ? { title: `Restore ${t.label}?`, body: "It is offered again on the request pages." }
                        : {
                            title: `Archive ${t.label}?`,
                            body: "It is no longer offered on the request pages. The requests that have it keep it; nothing is deleted.",
                          }
                    }
                  />
                </td>
              )}
            </tr>
          ))}
        </SimpleTable>
      )}
    </div>
  );
}
