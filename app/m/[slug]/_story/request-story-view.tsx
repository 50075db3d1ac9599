// A request as the public (its page) or a tracking link (the tracking page) sees it: the fields the
// policy gave, the status as a badge, the public history and the published photos. Only renders
// what lib/data/request-story.ts returned, which is already cut by the viewer's policy.
import type { ReactNode } from "react";
import type { RequestStory, StoryEntry } from "@/lib/data/request-story";
import { StatusBadge } from "@/app/_components/badge";
import { TitledSection } from "@/app/_components/titled-section";
import { Breadcrumbs } from "@/app/_components/breadcrumbs";
import { label, plain } from "@/app/_components/format";

function entryText(e: StoryEntry, municipality: string): { what: string; body?: string | null } {
  switch (e.kind) {
    case "CREATED":
      return { what: "Reported" };
    case "STATUS_CHANGED":
      return { what: `Status changed to ${label(e.toStatus)}`, body: e.body };
    case "PUBLIC_COMMENT":
      return { what: `Comment from ${municipality}`, body: e.body };
    case "PHOTO_PUBLISHED":
      return { what: "A photo was published" };
    default:
      return { what: "Updated" };
  }
}

export function RequestStoryView({
  story,
  slug,
  municipality,
  showPhotos,
  aside,
  crumbs = false,
}: {
  story: RequestStory;
  slug: string;
  municipality: string;
  /** Photos are served publicly only for public requests (/m/<slug>/photos/<id>). */
  showPhotos: boolean;
  /** What follows the history (the follow form, the map's slot). */
  aside?: ReactNode;
  /** On the public page: the way back to the public list (the tracking page has none: it is private). */
  crumbs?: boolean;
}) {
  const { request: r, entries, photos } = story;
  return (
    <article className="space-y-6">
      {crumbs && (
        <Breadcrumbs
          trail={[
            [`/m/${slug}`, municipality],
            [`/m/${slug}/requests`, "Reported problems"],
          ]}
          current={r.reference ?? "Report"}
        />
      )}
      <header className="space-y-2">
        <p className="font-mono text-sm text-slate-600">{r.reference}</p>
        <h1 className="text-2xl font-semibold text-brand-900">{r.title}</h1>
        <p className="flex flex-wrap items-center gap-2 text-sm text-slate-600">
          {r.status && <StatusBadge kind="request" value={r.status} />}
          {r.category && <span>{label(r.category)}</span>}
          {r.area && <span>· {r.area}</span>}
          {r.createdAt && <span>· reported {label(r.createdAt)}</span>}
          {r.resolvedAt && <span>· resolved {label(r.resolvedAt)}</span>}
        </p>
      </header>
      {r.description && <p className="whitespace-pre-wrap text-slate-800">{r.description}</p>}
      <TitledSection id="request-history" title="History" look="open">
        {entries.length === 0 ? (
          <p className="text-slate-600">Nothing has happened yet. Staff will pick it up soon.</p>
        ) : (
          <ol className="space-y-3 border-l-2 border-slate-200 pl-4">
            {entries.map((e) => {
              const t = entryText(e, municipality);
              return (
                <li key={e.id}>
                  <p className="text-sm">
                    <span className="font-medium">{t.what}</span>{" "}
                    <span className="text-slate-500">· {plain(e.createdAt)}</span>
                  </p>
                  {t.body && <p className="whitespace-pre-wrap text-slate-800">{t.body}</p>}
                </li>
              );
            })}
          </ol>
        )}
      </TitledSection>
      {showPhotos && photos.length > 0 && (
        <TitledSection id="request-photos" title="Photos" look="open">
          <ul className="flex flex-wrap gap-3">
            {photos.map((p, i) => (
              <li key={p.id}>
                <a href={`/m/${slug}/photos/${p.id}`} className="block">
                  {/* eslint-disable-next-line @next/next/no-img-element -- our own thumbnail route; the photo helper sizes it */}
                  <img
                    src={`/m/${slug}/photos/${p.id}/thumb`}
                    alt={`Photo ${i + 1} of the report`}
                    className="h-32 w-32 rounded border border-slate-200 object-cover"
                  />
                </a>
              </li>
            ))}
          </ul>
        </TitledSection>
      )}
      {aside}
    </article>
  );
}
