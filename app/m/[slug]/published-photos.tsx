// The published photos of a public request, for its public page (/m/<slug>/requests/<reference>):
// read with the anonymous viewer like the rest of the portal, so only photos staff published on a
// request the public may see appear; their bytes come from the public routes (/m/<slug>/photos/…).
// Drop in as <PublishedPhotos slug={slug} municipalityId={m.id} requestId={request.id} />.
import { listRequestPhotos, photoUrls } from "@/lib/data/request-photos";
import { NotFoundError } from "@/lib/errors";
import { TitledSection } from "@/app/_components/titled-section";
import { PhotoGrid } from "@/app/_components/photo-grid";
import { anonymousViewer } from "./portal";

export async function PublishedPhotos({
  slug,
  municipalityId,
  requestId,
}: {
  slug: string;
  municipalityId: string;
  requestId: string;
}) {
  const photos = await listRequestPhotos(await anonymousViewer(), municipalityId, requestId).catch((e: unknown) => {
    if (e instanceof NotFoundError) return [];
    throw e;
  });
  if (photos.length === 0) return null;
  return (
    <TitledSection id="published-photos" title="Photos">
      <PhotoGrid
        label="Photos published by the municipality"
        photos={photos.map((p) => ({ ...p, ...photoUrls({ slug, requestId, photoId: p.id }, "public") }))}
      />
    </TitledSection>
  );
}
