"use client";
// Where the problem is: a pin on the map (click, drag, or the arrow keys on the focused pin),
// "Use my location" (the browser's geolocation), or latitude and longitude typed in — each way
// moves the same pin, so nobody needs a mouse or a map to give a location.
import { useId, useState } from "react";
import { MapView } from "./map-view";
import type { MapCentre, MapPoint, MapTilesDTO } from "./map-types";

const fmt = (v: number) => v.toFixed(6);

export function LocationPicker({
  tiles,
  centre,
  value,
  onChange,
  error,
}: {
  tiles: MapTilesDTO;
  centre: MapCentre;
  value: MapPoint | null;
  onChange: (p: MapPoint | null) => void;
  error?: string;
}) {
  const id = useId();
  // What the person is typing, kept while the pin is the one their typing made; once the pin
  // moves on the map (or by geolocation) the fields show the new point.
  const [draft, setDraft] = useState<{ lat: string; lon: string; for: MapPoint | null } | null>(null);
  const [status, setStatus] = useState("");
  const [locating, setLocating] = useState(false);
  const shown =
    draft && draft.for === value ? draft : { lat: value ? fmt(value.lat) : "", lon: value ? fmt(value.lon) : "" };

  const edit = (key: "lat" | "lon", text: string) => {
    const next = { ...shown, [key]: text };
    const a = Number(next.lat);
    const b = Number(next.lon);
    const valid =
      next.lat.trim() !== "" &&
      next.lon.trim() !== "" &&
      Number.isFinite(a) &&
      Number.isFinite(b) &&
      Math.abs(a) <= 90 &&
      Math.abs(b) <= 180;
    const p = valid ? { lat: a, lon: b } : value;
    setDraft({ lat: next.lat, lon: next.lon, for: p });
    if (valid) onChange(p);
  };

  const useMyLocation = () => {
    if (!("geolocation" in navigator))
      return setStatus("This browser cannot share its location. Place the pin on the map.");
    setLocating(true);
    setStatus("Finding your location…");
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setLocating(false);
        onChange({ lat: pos.coords.latitude, lon: pos.coords.longitude });
        setStatus("The pin is at your location. Move it if the problem is elsewhere.");
      },
      () => {
        setLocating(false);
        setStatus("Your location is not available. Place the pin on the map or type the coordinates.");
      },
      { enableHighAccuracy: true, timeout: 10_000 },
    );
  };

  return (
    <div className="space-y-3">
      <p id={`${id}-help`} className="text-sm text-slate-600">
        Click the map to place the pin, drag it, or focus it and use the arrow keys. Only staff see the exact point; the
        public map shows the neighbourhood.
      </p>
      <MapView
        tiles={tiles}
        label="Map: where is the problem?"
        centre={value ? { ...value, zoom: Math.max(centre.zoom, 16) } : centre}
        pin={value}
        onPick={(p) => {
          onChange(p);
          setStatus("Pin placed.");
        }}
      />
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="button"
          onClick={useMyLocation}
          disabled={locating}
          className="rounded-md border border-brand-700 px-3 py-2 text-sm font-medium text-brand-700 hover:bg-brand-50 disabled:opacity-60"
        >
          {locating ? "Finding your location…" : "Use my location"}
        </button>
        {value && (
          <button
            type="button"
            onClick={() => {
              onChange(null);
              setStatus("Pin removed.");
            }}
            className="text-sm text-slate-700 underline"
          >
            Remove the pin
          </button>
        )}
      </div>
      <p role="status" aria-live="polite" className="text-sm text-slate-700">
        {status}
      </p>
      <div className="grid gap-3 sm:grid-cols-2">
        {(
          [
            ["lat", "Latitude"],
            ["lon", "Longitude"],
          ] as const
        ).map(([key, label]) => (
          <div key={key}>
            <label htmlFor={`${id}-${key}`} className="block text-sm font-medium">
              {label}
            </label>
            <input
              id={`${id}-${key}`}
              inputMode="decimal"
              autoComplete="off"
              value={shown[key]}
              aria-describedby={`${id}-help${error ? ` ${id}-error` : ""}`}
              aria-invalid={error ? true : undefined}
              onChange={(e) => edit(key, e.target.value)}
              className="w-full rounded-md border border-slate-300 px-3 py-2"
            />
          </div>
        ))}
      </div>
      {error && (
        <p id={`${id}-error`} className="text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
