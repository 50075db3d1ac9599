import { clipsAvailability, clipsCatalog } from "@/lib/clips/run";
import { clipsJson, clipsMunicipality, clipsRoute } from "@/lib/http/clips";

/**
 * What a query may read: the clips schema's views (generated from the policies), their columns and
 * types, and whether clips are ready in the municipality.
 */
export const GET = clipsRoute(async (viewer, req) => {
  const municipalityId = clipsMunicipality(viewer, req);
  const availability = await clipsAvailability(municipalityId);
  return clipsJson({
    ready: availability.ready,
    ...(availability.ready ? {} : { reason: "Clips are not set up here yet." }),
    views: clipsCatalog(),
  });
});
