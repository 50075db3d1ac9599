// What a page hands its map: the tile server (lib/env.ts; the CSP allows its origin) and where the
// map opens for this municipality (lib/data, the public's coarse points).
import "server-only";
import { mapTiles } from "@/lib/env";
import { anonymousViewer } from "@/lib/data/anonymous-viewer";
import { mapCentreOf } from "@/lib/data/request-map";
import type { MapCentre, MapTilesDTO } from "./map-types";

export function tilesDTO(): MapTilesDTO {
  const { url, attribution } = mapTiles();
  return { url, attribution };
}

export async function municipalityMap(municipalityId: string): Promise<{ tiles: MapTilesDTO; centre: MapCentre }> {
  return { tiles: tilesDTO(), centre: await mapCentreOf(await anonymousViewer(), municipalityId) };
}
