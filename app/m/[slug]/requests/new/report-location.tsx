"use client";
// The report form's location (its own component; report-form.tsx renders it in one line): the pin
// fills the report's latitude/longitude, and once a category and a pin are set, "Is this the same
// problem?" lists open public reports of that category within about 150 m
// (lib/data/request-map.ts), each linking to its public page where the citizen can follow it.
import { useEffect, useState } from "react";
import Link from "next/link";
import { useWatch, type FieldValues, type Path, type PathValue, type UseFormReturn } from "react-hook-form";
import { LocationPicker } from "@/app/_components/map/location-picker";
import type { MapCentre, MapPoint, MapTilesDTO } from "@/app/_components/map/map-types";
import { label } from "@/lib/records/labels";
import { findPossibleDuplicatesAction, type PossibleDuplicate } from "./duplicate-actions";

export type ReportMap = { tiles: MapTilesDTO; centre: MapCentre };

export function ReportLocation<T extends FieldValues>({
  form,
  slug,
  map,
}: {
  form: UseFormReturn<T>;
  slug: string;
  map: ReportMap;
}) {
  const category = useWatch({ control: form.control, name: "category" as Path<T> }) as string | undefined;
  const [pin, setPin] = useState<MapPoint | null>(null);
  const [duplicates, setDuplicates] = useState<PossibleDuplicate[] | null>(null);
  const [checkError, setCheckError] = useState<string | null>(null);
  const set = (name: "latitude" | "longitude", v: number | undefined) =>
    form.setValue(name as Path<T>, (v === undefined ? "" : String(Number(v.toFixed(6)))) as PathValue<T, Path<T>>, {
      shouldDirty: true,
    });

  useEffect(() => {
    if (!category || !pin) return;
    let current = true;
    const t = setTimeout(async () => {
      const r = await findPossibleDuplicatesAction({ slug, category, latitude: pin.lat, longitude: pin.lon });
      if (!current) return;
      setCheckError(r.ok ? null : (r.formError ?? "Similar reports could not be checked."));
      setDuplicates(r.ok ? (r.data?.duplicates ?? []) : null);
    }, 400);
    return () => {
      current = false;
      clearTimeout(t);
    };
  }, [category, pin, slug]);

  const err = form.formState.errors;
  const error = (err.latitude?.message ?? err.longitude?.message) as string | undefined;
  const shown = category && pin ? duplicates : null;
  return (
    <fieldset className="space-y-3 rounded-md border border-slate-200 p-4">
      <legend className="px-1 text-sm font-medium">Where is it? (optional)</legend>
      <input type="hidden" {...form.register("latitude" as Path<T>)} />
      <input type="hidden" {...form.register("longitude" as Path<T>)} />
      <LocationPicker
        tiles={map.tiles}
        centre={map.centre}
        value={pin}
        error={error}
        onChange={(p) => {
          setPin(p);
          set("latitude", p?.lat);
          set("longitude", p?.lon);
        }}
      />
      <div aria-live="polite">
        {checkError && <p className="text-sm text-slate-700">{checkError}</p>}
        {shown && shown.length > 0 && (
          <section
            aria-labelledby="same-problem-h"
            className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-4"
          >
            <h2 id="same-problem-h" className="font-semibold text-amber-950">
              Is this the same problem?
            </h2>
            <p className="text-sm text-amber-950">
              This may be the same problem — follow it instead of filing a new report.
            </p>
            <ul className="space-y-1">
              {shown.map((d) => (
                <li key={d.reference} className="text-sm">
                  <Link
                    href={`/m/${slug}/requests/${encodeURIComponent(d.reference)}`}
                    className="text-brand-700 underline"
                  >
                    {d.title}
                  </Link>{" "}
                  <span className="text-slate-700">
                    · {d.reference} · {label(d.status)} · about {Math.max(50, Math.round(d.metres / 50) * 50)} m away
                  </span>
                </li>
              ))}
            </ul>
          </section>
        )}
      </div>
    </fieldset>
  );
}
