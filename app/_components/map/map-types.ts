// What the map components take: plain values a page may hand to the browser (DTOs). Markers
// carry the coarse point the viewer's policy lets them read; only the staff request page gives
// an exact pin.
export type MapPoint = { lat: number; lon: number };
export type MapTilesDTO = { url: string; attribution: string };
export type MapBounds = { south: number; west: number; north: number; east: number };
/** Where the map opens; `fit`: zoom to the markers instead. */
export type MapCentre = MapPoint & { zoom: number; fit?: boolean };
export type MapMarkerDTO = MapPoint & { label: string; detail?: string; href?: string; linkText?: string };

export type LeafletMapProps = {
  tiles: MapTilesDTO;
  /** The map region's accessible name. */
  label: string;
  centre: MapCentre;
  markers?: MapMarkerDTO[];
  pin?: MapPoint | null;
  /** Set: the pin can be placed (click, drag, arrow keys). */
  onPick?: (p: MapPoint) => void;
  onMove?: (b: MapBounds) => void;
  className?: string;
};
