"use client";
// The map, loaded in the browser only and only where a page shows one: Leaflet and its CSS are
// their own chunk (next/dynamic, no server render — Leaflet needs `window`).
import dynamic from "next/dynamic";
import type { LeafletMapProps } from "./map-types";

const Lazy = dynamic(() => import("./leaflet-map"), {
  ssr: false,
  loading: () => (
    <div className="flex h-72 w-full items-center justify-center rounded-md border border-slate-300 bg-slate-50 text-sm text-slate-600">
      Loading the map…
    </div>
  ),
});

export function MapView(props: LeafletMapProps) {
  return <Lazy {...props} />;
}
