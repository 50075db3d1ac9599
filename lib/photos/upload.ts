// The photos field of a posted form, as zod parses it: files (a FormData's "photos" entries, or a
// list of them), none chosen being an empty list. Files only — a string where a file belongs is
// refused on the field. Their bytes are read here; lib/photos decides what they are.
import { z } from "zod";
import { PHOTO_LIMITS } from "./limits";

const file = z.instanceof(Blob, { error: "Attach photos as files." }).refine((f) => f.size <= PHOTO_LIMITS.maxBytes, {
  error: `A photo is larger than ${PHOTO_LIMITS.maxBytes / 1024 / 1024} MB. Send a smaller photo.`,
});

/** "photos": a FormData holding them (the report form), one file or several (a <form> post), or nothing. */
export const photoUploads = z.preprocess(
  (v) => {
    const list = v instanceof FormData ? v.getAll("photos") : v === undefined || v === null ? [] : [v].flat();
    // A file input left empty still posts one empty file: nothing was chosen.
    return list.filter((f) => !(f instanceof Blob && f.size === 0));
  },
  z.array(file).max(PHOTO_LIMITS.maxCount, { error: `Attach at most ${PHOTO_LIMITS.maxCount} photos.` }),
);

/** The bytes of the files photoUploads parsed (nothing for anything else). */
export async function uploadedBytes(files: unknown): Promise<Uint8Array[]> {
  const list = Array.isArray(files) ? files.filter((f): f is Blob => f instanceof Blob) : [];
  return Promise.all(list.map(async (f) => new Uint8Array(await f.arrayBuffer())));
}
