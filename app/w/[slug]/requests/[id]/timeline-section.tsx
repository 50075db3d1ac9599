// The request's timeline on its workspace page: every entry the viewer's policy lets them read,
// oldest first, in plain words with who wrote it and when, each marked "Shown to the public" or
// "Staff only" as the public group's policy decides; below it the form with only what the viewer
// may write. Read through lib/data: the request within the page's municipality first, then its
// entries (accessibleBy on RequestEvent, fields projected per row).
import { requestTimeline, writableKinds, type TimelineEntry } from "@/lib/data/request-timeline";
import { peopleNames } from "@/lib/data/people-names";
import { enumOptions } from "@/lib/records/labels";
import { entryHeadline, entryText } from "@/lib/records/timeline-words";
import { ServiceRequestStatus } from "@/lib/schemas/enums";
import type { DetailSectionProps } from "@/app/_components/records/detail-page";
import { TitledSection } from "@/app/_components/titled-section";
import { Badge } from "@/app/_components/badge";
import { TimelineForm } from "./timeline-form";

const WHEN = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** Who wrote an entry, as the reader may know them. */
function byline(e: TimelineEntry, names: Map<string, { name: string }>): string {
  if (e.authorId) return names.get(e.authorId)?.name ?? "a staff member";
  return e.kind === "CREATED" ? "the reporter" : "author not recorded";
}

export async function RequestTimelineSection({ viewer, slug, municipalityId, record, can }: DetailSectionProps) {
  const entries = await requestTimeline(viewer, record.id, { municipalityId });
  const names = await peopleNames(
    viewer,
    entries.flatMap((e) => [e.authorId, e.assigneeId]),
    municipalityId,
  );
  const kinds = writableKinds(viewer, record);
  const status =
    can.canUpdate && can.editableFields.includes("status") && typeof record.status === "string"
      ? { current: record.status, options: enumOptions(ServiceRequestStatus) }
      : null;
  const updatedAt = record.updatedAt instanceof Date ? record.updatedAt : new Date(0);
  return (
    <TitledSection id="timeline-h" title="Timeline">
      {entries.length === 0 ? (
        <p className="text-sm text-slate-600">Nothing has happened on this request yet that you may see.</p>
      ) : (
        <ol className="space-y-3" aria-label="Timeline entries, oldest first">
          {entries.map((e) => {
            const text = entryText(e);
            return (
              <li key={e.id} className="rounded-md border border-slate-200 p-3">
                <div className="flex flex-wrap items-center gap-2">
                  <span className="font-medium">
                    {entryHeadline(e, e.assigneeId ? names.get(e.assigneeId)?.name : undefined)}
                  </span>
                  {e.seenByPublic ? (
                    <Badge tone="info">Shown to the public</Badge>
                  ) : (
                    <Badge tone="warn">Staff only</Badge>
                  )}
                </div>
                <p className="text-xs text-slate-600">
                  By {byline(e, names)} ·{" "}
                  <time dateTime={e.createdAt.toISOString()}>{WHEN.format(e.createdAt)} UTC</time>
                </p>
                {text && <p className="mt-1 whitespace-pre-line text-sm">{text}</p>}
              </li>
            );
          })}
        </ol>
      )}
      {(status || kinds.length > 0) && (
        <TimelineForm
          id={record.id}
          slug={slug}
          expectedUpdatedAt={updatedAt.toISOString()}
          status={status}
          kinds={kinds}
        />
      )}
    </TitledSection>
  );
}
