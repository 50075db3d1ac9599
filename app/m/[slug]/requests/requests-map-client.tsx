"use client";
// The public map in the browser, and a link that asks the server for the reports in the part of
// the map the visitor has moved to (?bbox=south,west,north,east; the filters stay).
import { useState } from "react";
import { usePathname, useSearchParams } from "next/navigation";
import Link from "next/link";
import { MapView } from "@/app/_components/map/map-view";
import type { MapBounds, MapCentre, MapMarkerDTO, MapTilesDTO } from "@/app/_components/map/map-types";

const r = (v: number) => v.toFixed(4);

export function RequestsMapClient({
  tiles,
  markers,
  centre,
}: {
  tiles: MapTilesDTO;
  markers: MapMarkerDTO[];
  centre: MapCentre;
}) {
  const path = usePathname();
  const params = useSearchParams();
  const [moved, setMoved] = useState<MapBounds | null>(null);
  const href = (() => {
    if (!moved) return null;
    const q = new URLSearchParams(params.toString());
    q.set("bbox", [moved.south, moved.west, moved.north, moved.east].map(r).join(","));
    q.delete("page");
    return `${path}?${q.toString()}`;
  })();
  return (
    <div className="space-y-2">
      <MapView tiles={tiles} label="Map of open reports" centre={centre} markers={markers} onMove={setMoved} />
      {href && (
        <Link href={href} scroll={false} className="text-sm text-brand-700 underline">
          Show reports in this part of the map
        </Link>
      )}
    </div>
  );
}
