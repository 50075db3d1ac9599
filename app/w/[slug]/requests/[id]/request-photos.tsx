// The request page's photos: every photo the staff viewer may see (lib/data, policy RequestPhoto),
// whether it is public, a publish / unpublish button where the policy allows it, and the upload
// form for people who work the request. Thumbnails and full pictures come from the staff byte
// routes (./photos/<photoId>[/thumb]), which run the same checks again.
import { orNotFound } from "@/lib/pages/scope";
import type { DetailSectionProps } from "@/app/_components/records/detail-page";
import { canAddRequestPhotos, listRequestPhotos, photoUrls } from "@/lib/data/request-photos";
import { TitledSection } from "@/app/_components/titled-section";
import { Badge } from "@/app/_components/badge";
import { ActionForm } from "@/app/_components/action-form";
import { PhotoGrid } from "@/app/_components/photo-grid";
import { setRequestPhotoPublishedAction } from "./photo-actions";
import { PhotoUploadForm } from "./photo-upload-form";

export async function RequestPhotos({ viewer, slug, municipalityId, record }: DetailSectionProps) {
  const id = record.id;
  const photos = await orNotFound(listRequestPhotos(viewer, municipalityId, id));
  const canAdd = await canAddRequestPhotos(viewer, municipalityId, id);
  return (
    <TitledSection id="request-photos" title="Photos">
      {photos.length === 0 ? (
        <p className="text-sm text-slate-600">No photos yet.</p>
      ) : (
        <PhotoGrid
          label="Photos of this request"
          photos={photos.map((p, i) => ({
            ...p,
            ...photoUrls({ slug, requestId: id, photoId: p.id }, "staff"),
            footer: (
              <div className="flex flex-wrap items-center justify-between gap-2">
                {p.isPublished ? <Badge tone="good">Public</Badge> : <Badge tone="neutral">Staff only</Badge>}
                {p.canPublish && (
                  <ActionForm
                    action={setRequestPhotoPublishedAction}
                    hidden={{ slug, id, photoId: p.id, publish: p.isPublished ? "no" : "yes" }}
                    submitLabel={p.isPublished ? `Unpublish photo ${i + 1}` : `Publish photo ${i + 1}`}
                    pendingLabel="Saving…"
                  />
                )}
              </div>
            ),
          }))}
        />
      )}
      {canAdd && <PhotoUploadForm slug={slug} id={id} />}
    </TitledSection>
  );
}
