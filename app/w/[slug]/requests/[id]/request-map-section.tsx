// The staff request page's map: the EXACT pin, for those whose policy reads latitude and
// longitude of this request (lib/data projects the record; without those fields, no section).
import type { DetailSectionProps } from "@/app/_components/records/detail-page";
import { MapView } from "@/app/_components/map/map-view";
import { tilesDTO } from "@/app/_components/map/map-settings";

export async function RequestMapSection({ record }: DetailSectionProps) {
  const { latitude, longitude } = record as { latitude?: number | null; longitude?: number | null };
  if (typeof latitude !== "number" || typeof longitude !== "number") return null;
  return (
    <section aria-labelledby="request-map-h" className="space-y-2 rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="request-map-h" className="font-semibold">
        Location
      </h2>
      <p className="text-sm text-slate-600">
        The exact point the reporter gave (latitude {latitude.toFixed(6)}, longitude {longitude.toFixed(6)}). The public
        map shows only the neighbourhood.
      </p>
      <MapView
        tiles={tilesDTO()}
        label="Map: the reported location"
        centre={{ lat: latitude, lon: longitude, zoom: 17 }}
        pin={{ lat: latitude, lon: longitude }}
      />
    </section>
  );
}
