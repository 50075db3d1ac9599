import type { Metadata } from "next";
import { WorkspacePageHeader } from "@/app/_components/workspace-page-header";
import { clipRunFor, listClips, maySaveClips } from "@/lib/data/clips";
import { parseListParams, type RawParams } from "@/lib/http/list-params";
import { orInvalid, orNotFound } from "@/lib/pages/scope";
import { clipListQuery } from "@/lib/schemas/clips";
import { runClipAction, saveClipAction } from "./actions";
import { ClipForm } from "./clip-form";
import { ClipsUnavailable, requireClipsPage, RunResult, runPaging, SavedClips, timeoutSeconds } from "./clip-parts";

export const metadata: Metadata = { title: "Clips" };

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<RawParams> };

const LIST_KEYS = ["q", "sort", "dir", "clipsPage"] as const;

// Clips (issue 21): the analyst's SQL editor on the municipality's clips schema, the last run's
// result below it (`?run=<id>&page=N`, read on the server from the stored run), and the saved clips
// shared here. Only the clips group gets this page; everyone else "not found".
export default async function ClipsPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const sp = await searchParams;
  const { viewer, ws, availability, views } = await requireClipsPage(slug);
  const id = ws.municipality.id;
  const runId = typeof sp.run === "string" ? sp.run : undefined;
  const listParsed = parseListParams(
    clipListQuery,
    { q: sp.q, sort: sp.sort, dir: sp.dir, page: sp.clipsPage },
    ["q", "sort", "dir", "page"],
    {},
  );
  const [run, list] = await Promise.all([
    runId ? orNotFound(clipRunFor(viewer, runId, runPaging(sp), { municipalityId: id })) : null,
    listParsed.ok ? orInvalid(listClips(viewer, id, listParsed.query)) : null,
  ]);
  const values = Object.fromEntries(
    [...LIST_KEYS, "run", "page", "pageSize"].map((k) => [
      k,
      typeof sp[k] === "string" ? (sp[k] as string) : undefined,
    ]),
  );
  const invalid = !listParsed.ok
    ? (Object.values(listParsed.errors).flat()[0] ?? "This search is not valid.")
    : list && !list.ok
      ? list.invalid
      : null;
  return (
    <div className="space-y-8">
      <WorkspacePageHeader slug={slug} name={ws.municipality.name} title="Clips">
        <p className="max-w-3xl text-slate-600">
          Run your own read-only SQL on a copy of {ws.municipality.name}&apos;s records that the policies have cleared
          of personal information. Every run is recorded with its SQL in the audit log.
        </p>
      </WorkspacePageHeader>
      {!availability.ready ? (
        <ClipsUnavailable reason={availability.reason} />
      ) : (
        <ClipForm
          runAction={runClipAction}
          saveAction={maySaveClips(viewer, id) ? saveClipAction : null}
          views={views}
          hidden={{ slug }}
          sql={run?.sql ?? ""}
          timeoutSeconds={timeoutSeconds()}
        />
      )}
      {run && <RunResult run={run} slug={slug} params={values} />}
      <SavedClips slug={slug} list={list?.ok ? list.value : null} invalid={invalid} values={values} />
    </div>
  );
}
