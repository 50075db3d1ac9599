"use client";
// The one Leaflet map of the app, loaded lazily in the browser only (./map-view.tsx). It shows
// tiles from the configured tile server (lib/env.ts mapTiles; the CSP allows that origin only),
// coarse markers that link to a request's public page, and optionally one pin the person sets by
// clicking, dragging, or — from the keyboard — focusing the pin and using the arrow keys. Every
// marker is a focusable element with a label; Enter opens its popup.
import "leaflet/dist/leaflet.css";
import "./map.css";
import L from "leaflet";
import { useEffect, useRef } from "react";
import type { LeafletMapProps, MapPoint } from "./map-types";

const PIN_STEP_PX = 12;

function popupOf(m: NonNullable<LeafletMapProps["markers"]>[number]): HTMLElement {
  const box = document.createElement("div");
  const title = document.createElement("p");
  title.style.fontWeight = "600";
  title.style.margin = "0";
  title.textContent = m.label;
  box.append(title);
  if (m.detail) {
    const p = document.createElement("p");
    p.style.margin = "0.25rem 0";
    p.textContent = m.detail;
    box.append(p);
  }
  if (m.href) {
    const a = document.createElement("a");
    a.href = m.href;
    a.className = "gh-popup-link";
    a.textContent = m.linkText ?? "View this report";
    box.append(a);
  }
  return box;
}

export function LeafletMap({ tiles, label, centre, markers, pin, onPick, onMove, className }: LeafletMapProps) {
  const el = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const markerLayer = useRef<L.LayerGroup | null>(null);
  const pinMarker = useRef<L.Marker | null>(null);
  const pick = useRef(onPick);
  const move = useRef(onMove);
  useEffect(() => {
    pick.current = onPick;
    move.current = onMove;
  });

  // The map itself, once.
  useEffect(() => {
    if (!el.current || map.current) return;
    const m = L.map(el.current, { keyboard: true, zoomControl: true });
    L.tileLayer(tiles.url, { attribution: tiles.attribution, maxZoom: 19 }).addTo(m);
    markerLayer.current = L.layerGroup().addTo(m);
    m.setView([centre.lat, centre.lon], centre.zoom);
    m.on("click", (e: L.LeafletMouseEvent) => pick.current?.({ lat: e.latlng.lat, lon: e.latlng.lng }));
    m.on("moveend", () => {
      const b = m.getBounds();
      move.current?.({ south: b.getSouth(), west: b.getWest(), north: b.getNorth(), east: b.getEast() });
    });
    map.current = m;
    return () => {
      m.remove();
      map.current = null;
    };
    // Tiles and the first view are the page's; later changes come through markers and pin.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Coarse markers, each a labelled, focusable element with a popup linking to the request.
  useEffect(() => {
    const m = map.current;
    const layer = markerLayer.current;
    if (!m || !layer) return;
    layer.clearLayers();
    const icon = L.divIcon({ className: "gh-marker", iconSize: [18, 18] });
    for (const item of markers ?? []) {
      const mk = L.marker([item.lat, item.lon], { icon, keyboard: true, title: item.label });
      mk.bindPopup(popupOf(item));
      mk.addTo(layer);
      const node = mk.getElement();
      node?.setAttribute("aria-label", item.label);
      node?.setAttribute("role", "button");
    }
    if (markers && markers.length > 0 && centre.fit) {
      m.fitBounds(L.latLngBounds(markers.map((x) => [x.lat, x.lon] as [number, number])), {
        padding: [24, 24],
        maxZoom: 16,
      });
    }
  }, [markers, centre.fit]);

  // The person's pin: click, drag, or arrow keys while it has focus.
  useEffect(() => {
    const m = map.current;
    if (!m) return;
    if (!pin) {
      pinMarker.current?.remove();
      pinMarker.current = null;
      return;
    }
    if (!pinMarker.current) {
      const icon = L.divIcon({ className: "gh-pin", iconSize: [22, 22], iconAnchor: [11, 22] });
      const mk = L.marker([pin.lat, pin.lon], {
        icon,
        keyboard: true,
        draggable: !!onPick,
        title: onPick ? "The pin: drag it, or use the arrow keys" : "The reported location",
      }).addTo(m);
      mk.on("dragend", () => {
        const p = mk.getLatLng();
        pick.current?.({ lat: p.lat, lon: p.lng });
      });
      const node = mk.getElement();
      node?.setAttribute("role", onPick ? "button" : "img");
      node?.setAttribute("aria-label", onPick ? "Pin: the arrow keys move it" : "Reported location");
      node?.addEventListener("keydown", (e: KeyboardEvent) => {
        const d: Record<string, [number, number]> = {
          ArrowUp: [0, -PIN_STEP_PX],
          ArrowDown: [0, PIN_STEP_PX],
          ArrowLeft: [-PIN_STEP_PX, 0],
          ArrowRight: [PIN_STEP_PX, 0],
        };
        const step = d[e.key];
        if (!step || !pick.current) return;
        e.preventDefault();
        e.stopPropagation();
        const at = m.latLngToContainerPoint(mk.getLatLng()).add(L.point(step[0], step[1]));
        const p = m.containerPointToLatLng(at);
        pick.current({ lat: p.lat, lon: p.lng });
      });
      pinMarker.current = mk;
    } else {
      pinMarker.current.setLatLng([pin.lat, pin.lon]);
    }
    pinMarker.current
      .getElement()
      ?.setAttribute("aria-description", `Latitude ${pin.lat.toFixed(5)}, longitude ${pin.lon.toFixed(5)}`);
    if (!m.getBounds().contains([pin.lat, pin.lon])) m.panTo([pin.lat, pin.lon]);
  }, [pin, onPick]);

  return (
    <div
      ref={el}
      role="region"
      aria-label={label}
      className={className ?? "h-72 w-full rounded-md border border-slate-300"}
    />
  );
}

export default LeafletMap;
export type { MapPoint };
