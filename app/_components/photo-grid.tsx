// Thumbnails of a request's photos, each opening the full picture: the staff section and the
// public request page. The addresses are the byte routes, which check the policy themselves.
import type { ReactNode } from "react";

export type GridPhoto = {
  id: string;
  url: string;
  thumbnailUrl: string;
  width?: number;
  height?: number;
  /** Under the thumbnail: whether it is public, a publish button. */
  footer?: ReactNode;
};

export function PhotoGrid({ photos, label }: { photos: GridPhoto[]; label: string }) {
  return (
    <ul aria-label={label} className="grid grid-cols-2 gap-3 sm:grid-cols-3">
      {photos.map((p, i) => (
        <li key={p.id} className="space-y-2 rounded-md border border-slate-200 p-2">
          <a href={p.url} target="_blank" rel="noopener" className="block">
            {/* eslint-disable-next-line @next/next/no-img-element -- our own re-encoded bytes, behind the policy; not for next/image's optimizer */}
            <img
              src={p.thumbnailUrl}
              alt={`Photo ${i + 1} (opens the full picture)`}
              width={p.width}
              height={p.height}
              loading="lazy"
              className="h-48 w-full rounded bg-slate-100 object-contain"
            />
          </a>
          {p.footer}
        </li>
      ))}
    </ul>
  );
}
