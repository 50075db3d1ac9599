"use client";

// A photo picker (the public report form, staff on a request): up to PHOTO_LIMITS.maxCount files
// under the field name "photos". Too many or too large files are said at once; what a file is, is
// decided on the server from its bytes (the picker's `accept` only narrows the choice).
import { useEffect, useRef, useState } from "react";
import { Field } from "@/app/_components/form-field";
import { PHOTO_ACCEPT, PHOTO_HINT, PHOTO_LIMITS } from "@/lib/photos/limits";

const PHOTOS_INPUT_ID = "photos";

export function PhotoField({
  error,
  label = "Photos (optional)",
  hint = PHOTO_HINT,
}: {
  error?: string;
  label?: string;
  hint?: string;
}) {
  const [local, setLocal] = useState<string | null>(null);
  const [names, setNames] = useState<string[]>([]);
  // A form emptied after a successful upload empties the picker too: forget what it said.
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const form = input.current?.form;
    const clear = () => {
      setNames([]);
      setLocal(null);
    };
    form?.addEventListener("reset", clear);
    return () => form?.removeEventListener("reset", clear);
  }, []);
  return (
    <Field id={PHOTOS_INPUT_ID} label={label} hint={hint} error={local ?? error}>
      {(a11y) => (
        <>
          <input
            ref={input}
            type="file"
            name="photos"
            multiple
            accept={PHOTO_ACCEPT}
            {...a11y}
            onChange={(e) => {
              const files = [...(e.currentTarget.files ?? [])];
              setNames(files.map((f) => f.name));
              const big = files.findIndex((f) => f.size > PHOTO_LIMITS.maxBytes);
              setLocal(
                files.length > PHOTO_LIMITS.maxCount
                  ? `Attach at most ${PHOTO_LIMITS.maxCount} photos.`
                  : big >= 0
                    ? `${files[big]!.name} is larger than ${PHOTO_LIMITS.maxBytes / 1024 / 1024} MB.`
                    : null,
              );
            }}
            className="block w-full text-sm file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-2"
          />
          {names.length > 0 && (
            <p className="text-xs text-slate-600" aria-live="polite">
              {names.length === 1 ? "1 photo chosen" : `${names.length} photos chosen`}: {names.join(", ")}
            </p>
          )}
        </>
      )}
    </Field>
  );
}

/** The chosen photos as a FormData (for a form that sends its values as an object, like the report form). */
export function chosenPhotos(): FormData {
  const data = new FormData();
  const input = document.getElementById(PHOTOS_INPUT_ID) as HTMLInputElement | null;
  for (const f of input?.files ?? []) data.append("photos", f);
  return data;
}
