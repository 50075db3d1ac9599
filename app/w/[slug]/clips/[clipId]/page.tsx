import type { Metadata } from "next";
import Link from "next/link";
import { Breadcrumbs } from "@/app/_components/breadcrumbs";
import { ConfirmActionForm } from "@/app/_components/confirm-action-form";
import { Empty } from "@/app/_components/pager";
import { plain } from "@/app/_components/format";
import { clipFor, clipRunFor } from "@/lib/data/clips";
import type { RawParams } from "@/lib/http/list-params";
import { orNotFound } from "@/lib/pages/scope";
import { archiveClipAction, runClipAction, saveClipAction } from "../actions";
import { ClipForm } from "../clip-form";
import { ClipsUnavailable, requireClipsPage, RunResult, runPaging, timeoutSeconds } from "../clip-parts";

export const metadata: Metadata = { title: "Saved clip" };

type Props = { params: Promise<{ slug: string; clipId: string }>; searchParams: Promise<RawParams> };

// One saved clip (issue 21): its name, description and author, its SQL in the editor to change,
// run or save again, and a result below — the run in the URL (`?run=`), else the clip's latest.
export default async function ClipPage({ params, searchParams }: Props) {
  const { slug, clipId } = await params;
  const sp = await searchParams;
  const { viewer, ws, availability, views } = await requireClipsPage(slug);
  const id = ws.municipality.id;
  const clip = await orNotFound(clipFor(viewer, clipId, { municipalityId: id }));
  const runId = typeof sp.run === "string" ? sp.run : (clip.latestRunId ?? undefined);
  const run = runId ? await orNotFound(clipRunFor(viewer, runId, runPaging(sp), { municipalityId: id })) : null;
  const values = Object.fromEntries(
    ["run", "page", "pageSize"].map((k) => [k, typeof sp[k] === "string" ? (sp[k] as string) : undefined]),
  );
  const editable = clip.mayUpdate && !clip.archivedAt;
  return (
    <div className="space-y-8">
      <header className="space-y-2">
        <Breadcrumbs
          trail={[
            [`/w/${slug}`, ws.municipality.name],
            [`/w/${slug}/clips`, "Clips"],
          ]}
          current={clip.name}
        />
        <h1 className="text-2xl font-semibold text-brand-900">{clip.name}</h1>
        {clip.description && <p className="max-w-3xl text-slate-700">{clip.description}</p>}
        <p className="text-sm text-slate-600">
          By {clip.authorName || "someone"} · created {plain(clip.createdAt)} UTC
          {clip.updatedByName && ` · last changed ${plain(clip.updatedAt)} UTC by ${clip.updatedByName}`}
        </p>
        {clip.archivedAt && (
          <p role="note" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
            This clip was archived on {plain(clip.archivedAt)} UTC. Its runs are kept; it can no longer run or change.
          </p>
        )}
      </header>
      {!availability.ready ? (
        <ClipsUnavailable reason={availability.reason} />
      ) : clip.archivedAt ? (
        <pre className="overflow-x-auto rounded-md border border-slate-200 bg-white p-3 font-mono text-sm" data-raw>
          {clip.sql}
        </pre>
      ) : (
        <ClipForm
          runAction={runClipAction}
          saveAction={editable ? saveClipAction : null}
          views={views}
          hidden={{ slug, clipId: clip.id }}
          sql={typeof sp.run === "string" && run ? run.sql : clip.sql}
          saved={{ name: clip.name, description: clip.description }}
          timeoutSeconds={timeoutSeconds()}
        />
      )}
      {run ? (
        <RunResult
          run={run}
          slug={slug}
          params={values}
          heading={run.id === clip.latestRunId ? "Latest result" : "Result"}
        />
      ) : (
        <Empty>
          <p>This clip has not run yet. Run it above to see its result here.</p>
        </Empty>
      )}
      {editable && (
        <section aria-labelledby="archive-clip-h" className="space-y-2 border-t border-slate-200 pt-6">
          <h2 id="archive-clip-h" className="text-base font-semibold">
            Archive this clip
          </h2>
          <p className="text-sm text-slate-600">
            It leaves the saved clips list for everyone here. Its runs and its audit trail are kept.
          </p>
          <ConfirmActionForm
            action={archiveClipAction}
            hidden={{ slug, clipId: clip.id }}
            submitLabel="Archive clip"
            pendingLabel="Archiving…"
            title={`Archive “${clip.name}”?`}
            body="Nobody here will see it in the list or run it any more. Its past results stay in the audit log."
            tone="danger"
          />
        </section>
      )}
      <p>
        <Link href={`/w/${slug}/clips`} className="text-brand-700 underline">
          Back to clips
        </Link>
      </p>
    </div>
  );
}
