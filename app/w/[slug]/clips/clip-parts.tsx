// What the clips pages (issue 21) share: their scope (the workspace, only for the clips group —
// everyone else "not found" — and whether clips are set up here), the "unavailable" state, a run's
// result as a paged table read on the server, and the saved clips list.
import "server-only";
import Link from "next/link";
import type { ReactNode } from "react";
import { requireWorkspacePage } from "@/lib/pages/scope";
import { clipsAvailability, clipsCatalog } from "@/lib/clips/run";
import { clipsSettings } from "@/lib/env";
import type { ClipList, ClipRunView } from "@/lib/data/clips";
import { parseListParams, type RawParams } from "@/lib/http/list-params";
import { clipRunPageQuery } from "@/lib/schemas/clips";
import { TableScroll } from "@/app/_components/simple-table";
import { TitledSection } from "@/app/_components/titled-section";
import { Empty, Pager } from "@/app/_components/pager";
import { Badge } from "@/app/_components/badge";
import { plain } from "@/app/_components/format";
import type { ClipCell } from "@/lib/clips/types";

/** The workspace page of someone who may use clips here; 404 for everyone else. */
export async function requireClipsPage(slug: string) {
  const { viewer, ws } = await requireWorkspacePage(slug, "clips");
  const availability = await clipsAvailability(ws.municipality.id);
  return { viewer, ws, availability, views: availability.ready ? clipsCatalog() : [] };
}

/** How long a query may run, for the editor's progress line (CLIPS_STATEMENT_TIMEOUT_MS). */
export const timeoutSeconds = () => Math.ceil(clipsSettings().statementTimeoutMs / 1000);

/** One page of a run's rows as the URL asks (`page`, `pageSize`); a bad number reads as the first page. */
export function runPaging(sp: RawParams) {
  const parsed = parseListParams(clipRunPageQuery, sp, ["page", "pageSize"], {});
  return parsed.ok ? parsed.query : { page: 1, pageSize: 25 };
}

export function ClipsUnavailable({ reason }: { reason: string }) {
  return (
    <TitledSection id="clips-unavailable-h" title="Clips are not available yet">
      <p>
        Queries cannot run here until an administrator sets up the clips schema and its database role on the server (
        <code>npm run clips:setup</code>, or starting the app on its own embedded database).
      </p>
      <p className="text-sm">What the server reports: {reason}</p>
      <p className="text-sm">Saved clips are kept and come back once clips are set up.</p>
    </TitledSection>
  );
}

/** A result cell as text: null as an empty mark, everything else as PostgreSQL returned it. */
function cellText(v: ClipCell): string {
  if (v === null) return "NULL";
  if (typeof v === "boolean") return v ? "true" : "false";
  return String(v);
}

const NUMERIC = /^(int|float|numeric|decimal|real|double|smallint|bigint|oid)/;

/** A run's outcome: PostgreSQL's message when it failed; else the paged table, the cut notice and the CSV link. */
export function RunResult({
  run,
  slug,
  params,
  heading = "Result",
}: {
  run: ClipRunView;
  slug: string;
  params: Record<string, string | undefined>;
  heading?: string;
}) {
  const when = run.createdAt.toISOString().slice(0, 16).replace("T", " ");
  const meta: ReactNode = (
    <p className="text-sm text-slate-600">
      Run {when} UTC by {run.byName || "someone"}
      {run.viaApiToken && " (through the API)"} · {run.durationMs} ms
      {run.clipName && run.clipId && (
        <>
          {" "}
          · saved clip{" "}
          <Link href={`/w/${slug}/clips/${run.clipId}`} className="text-brand-700 underline">
            {run.clipName}
          </Link>
        </>
      )}
    </p>
  );
  return (
    <section id="result" aria-labelledby="clip-result-h" className="space-y-3">
      <div className="flex flex-wrap items-center gap-3">
        <h2 id="clip-result-h" className="text-lg font-semibold">
          {heading}
        </h2>
        {run.status === "FAILED" ? (
          <Badge tone="bad">Failed</Badge>
        ) : (
          <span className="text-sm text-slate-700">
            {run.rowCount.toLocaleString("en")} {run.rowCount === 1 ? "row" : "rows"}
          </span>
        )}
      </div>
      {meta}
      {run.status === "FAILED" ? (
        <div role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900">
          <p className="font-medium">PostgreSQL refused the query; nothing was changed.</p>
          <pre className="mt-1 whitespace-pre-wrap break-words font-mono" data-raw>
            {run.error}
          </pre>
        </div>
      ) : (
        <>
          {run.truncated && (
            <p role="note" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
              The result was cut at {run.rowCount.toLocaleString("en")} rows: the query returned more. Add a{" "}
              <code>WHERE</code>, <code>GROUP BY</code> or <code>LIMIT</code> to see what you need.
            </p>
          )}
          {run.columns.length === 0 ? (
            <Empty>
              <p>The query ran and returned no columns.</p>
            </Empty>
          ) : run.rowCount === 0 ? (
            <Empty>
              <p>The query ran and returned no rows.</p>
            </Empty>
          ) : (
            <ResultTable run={run} />
          )}
          <div className="flex flex-wrap items-center justify-between gap-3">
            <Pager
              list={{ page: run.page, pageCount: run.pageCount, total: run.rowCount }}
              params={params}
              noun="rows"
              label="Result pages"
              pageSize={run.pageSize}
            />
            {run.columns.length > 0 && (
              <a
                href={`/w/${slug}/clips/runs/${run.id}/result.csv`}
                className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50"
                download
              >
                Download CSV
              </a>
            )}
          </div>
        </>
      )}
    </section>
  );
}

function ResultTable({ run }: { run: ClipRunView }) {
  const numeric = run.columns.map((c) => NUMERIC.test(c.type));
  return (
    <TableScroll label="Query result">
      <table className="min-w-full text-sm" data-raw>
        <caption className="sr-only">
          Query result, rows {(run.page - 1) * run.pageSize + 1} to {(run.page - 1) * run.pageSize + run.rows.length} of{" "}
          {run.rowCount}
        </caption>
        <thead className="bg-slate-50 text-left">
          <tr>
            {run.columns.map((c, i) => (
              <th key={i} scope="col" className="whitespace-nowrap px-3 py-2 align-bottom">
                <span className="block font-mono">{c.name}</span>
                <span className="block text-xs font-normal text-slate-500">{c.type}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {run.rows.map((row, r) => (
            <tr key={r} className="border-t border-slate-100 align-top">
              {run.columns.map((_, i) => (
                <td
                  key={i}
                  className={`max-w-md px-3 py-1.5 font-mono text-xs ${numeric[i] ? "text-right" : ""} ${row[i] === null ? "text-slate-400" : ""}`}
                >
                  <span className="line-clamp-4 break-words">{cellText(row[i] ?? null)}</span>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** The municipality's saved clips: search, sort and pages in the URL (`q`, `sort`, `dir`, `clipsPage`). */
export function SavedClips({
  slug,
  list,
  invalid,
  values,
}: {
  slug: string;
  list: ClipList | null;
  invalid: string | null;
  values: Record<string, string | undefined>;
}) {
  const base = `/w/${slug}/clips`;
  const sortLink = (sort: string, text: string) => {
    const active = (values.sort ?? "updatedAt") === sort;
    const p = new URLSearchParams({ ...(values.q ? { q: values.q } : {}), sort });
    return (
      <Link
        href={`${base}?${p}#saved`}
        aria-current={active ? "true" : undefined}
        className={active ? "font-semibold text-brand-900" : "text-brand-700 underline"}
      >
        {text}
      </Link>
    );
  };
  return (
    <section id="saved" aria-labelledby="saved-clips-h" className="space-y-3">
      <h2 id="saved-clips-h" className="text-lg font-semibold">
        Saved clips
      </h2>
      <div className="flex flex-wrap items-end gap-4">
        <form method="get" action={`${base}#saved`} role="search" className="flex flex-wrap items-end gap-2">
          <div className="space-y-1">
            <label htmlFor="clips-q" className="block text-sm font-medium">
              Search saved clips
            </label>
            <input
              id="clips-q"
              name="q"
              type="search"
              defaultValue={values.q ?? ""}
              maxLength={200}
              className="rounded-md border border-slate-300 px-3 py-1.5"
            />
          </div>
          {values.sort && <input type="hidden" name="sort" value={values.sort} />}
          <button className="rounded-md border border-slate-300 bg-white px-3 py-1.5 hover:bg-slate-50">Search</button>
        </form>
        <p className="flex flex-wrap gap-3 text-sm">
          <span className="text-slate-600">Sort by</span>
          {sortLink("updatedAt", "Last changed")}
          {sortLink("name", "Name")}
          {sortLink("createdAt", "Created")}
        </p>
      </div>
      {invalid ? (
        <div role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">
          {invalid}{" "}
          <Link href={base} className="underline">
            Show all saved clips
          </Link>
        </div>
      ) : !list || list.rows.length === 0 ? (
        <Empty clearHref={values.q ? base : null}>
          <p>No saved clips yet. Write a query above, run it, and save it with a name to share it here.</p>
        </Empty>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
          {list.rows.map((c) => (
            <li key={c.id} className="space-y-1 p-3">
              <p className="flex flex-wrap items-baseline gap-x-3">
                <Link href={`${base}/${c.id}`} className="font-medium text-brand-700 underline">
                  {c.name}
                </Link>
                <span className="text-sm text-slate-600">
                  by {c.authorName || "someone"} · changed {plain(c.updatedAt)} UTC
                </span>
              </p>
              {c.description && <p className="text-sm text-slate-700">{c.description}</p>}
              <p className="text-sm">
                {c.latestRunId ? (
                  <Link href={`${base}/${c.id}/latest`} className="text-brand-700 underline">
                    Latest result ({plain(c.latestRunAt)} UTC)
                  </Link>
                ) : (
                  <span className="text-slate-500">Not run yet</span>
                )}
              </p>
            </li>
          ))}
        </ul>
      )}
      {list && (
        <Pager
          list={{ page: list.page, pageCount: list.pageCount, total: list.total }}
          params={values}
          noun="saved clips"
          param="clipsPage"
          label="Saved clips pages"
        />
      )}
    </section>
  );
}
