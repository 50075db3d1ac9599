// The public list's map: open public requests as markers at their COARSE point (the approx
// fields the public policy reads — lib/data/request-map.ts never selects the exact ones for the
// public), each linking to the request's public page. The map's bounds come from ?bbox= (the
// "Show reports in this part of the map" link) or, without one, the newest open reports.
import { anonymousViewer } from "@/lib/data/anonymous-viewer";
import { openRequestsOnMap, parseBbox, MAP_MARKER_CAP } from "@/lib/data/request-map";
import { label } from "@/lib/records/labels";
import { tilesDTO } from "@/app/_components/map/map-settings";
import type { MapMarkerDTO } from "@/app/_components/map/map-types";
import { RequestsMapClient } from "./requests-map-client";

export async function PublicRequestsMap({
  municipality,
  bbox,
}: {
  municipality: { id: string; slug: string };
  bbox: unknown;
}) {
  const bounds = parseBbox(bbox);
  const { markers, capped } = await openRequestsOnMap(await anonymousViewer(), municipality.id, bounds);
  const dtos: MapMarkerDTO[] = markers.map((m) => ({
    lat: m.lat,
    lon: m.lon,
    label: m.title,
    detail: `${m.reference} · ${label(m.category)} · ${label(m.status)}`,
    href: `/m/${municipality.slug}/requests/${encodeURIComponent(m.reference)}`,
    linkText: "View this report",
  }));
  const centre = bounds
    ? { lat: (bounds.south + bounds.north) / 2, lon: (bounds.west + bounds.east) / 2, zoom: 14 }
    : { lat: 20, lon: 0, zoom: 2, fit: true };
  return (
    <section aria-labelledby="requests-map-h" className="space-y-2">
      <h2 id="requests-map-h" className="font-semibold">
        Map of open reports
      </h2>
      <p className="text-sm text-slate-600">
        Each marker shows the neighbourhood of a report, never the exact spot.{" "}
        {markers.length === 0
          ? "No open reports with a location here."
          : capped
            ? `The ${MAP_MARKER_CAP} newest are shown; zoom in to see more.`
            : `${markers.length} open ${markers.length === 1 ? "report" : "reports"} on the map.`}
      </p>
      <RequestsMapClient tiles={tilesDTO()} markers={dtos} centre={centre} />
    </section>
  );
}
