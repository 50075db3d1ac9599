// Photos people upload (a citizen's report, staff on a request) are untrusted bytes. Before
// anything is stored: the type is read from the content (magic bytes, then sharp's header read —
// never the file name or the browser's type), the size and the declared dimensions are checked
// before any pixel is decoded (an "image bomb" declares a huge canvas in a few bytes), and the
// picture is decoded with sharp's pixel limit as a second guard, turned upright by its EXIF
// orientation and re-encoded as a fresh JPEG. Re-encoding drops every metadata block: EXIF (GPS
// position, camera serial numbers, times), XMP and IPTC never reach storage. Refusals are
// ValidationErrors on the form's field, with a message a person can act on.
import "server-only";
import sharp from "sharp";
import { ValidationError } from "@/lib/errors";
import { PHOTO_LIMITS } from "./limits";

export { PHOTO_LIMITS };

export type PhotoFormat = "jpeg" | "png" | "webp";
export type ProcessedPhoto = {
  image: Buffer;
  thumb: Buffer;
  contentType: "image/jpeg";
  width: number;
  height: number;
  byteSize: number;
  sourceFormat: PhotoFormat;
};

const ACCEPTED = "Send a JPEG, PNG or WebP photo.";

/** The format the first bytes say, whatever the name or the browser claimed. */
export function sniffImage(bytes: Uint8Array): PhotoFormat | "heic" | null {
  const at = (offset: number, ascii: string) =>
    bytes.length >= offset + ascii.length && [...ascii].every((c, i) => bytes[offset + i] === c.charCodeAt(0));
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "jpeg";
  if (bytes.length >= 8 && bytes[0] === 0x89 && at(1, "PNG\r\n\x1a\n")) return "png";
  if (at(0, "RIFF") && at(8, "WEBP")) return "webp";
  if (at(4, "ftyp") && ["heic", "heix", "hevc", "heim", "heis", "mif1", "msf1"].some((b) => at(8, b))) return "heic";
  return null;
}

function refuse(field: string, message: string): never {
  throw new ValidationError(message, { [field]: [message] });
}

/**
 * Checks and re-encodes one upload. `label` names it in messages ("Photo 2"), `field` is the form
 * field the refusal is shown on.
 */
export async function processPhoto(bytes: Uint8Array, label = "The photo", field = "photos"): Promise<ProcessedPhoto> {
  if (bytes.length === 0) refuse(field, `${label} is empty.`);
  if (bytes.length > PHOTO_LIMITS.maxBytes)
    refuse(field, `${label} is larger than ${PHOTO_LIMITS.maxBytes / 1024 / 1024} MB. Send a smaller photo.`);
  const sniffed = sniffImage(bytes);
  // sharp's prebuilt libvips reads HEIF only with the AV1 codec (AVIF), not the HEVC of iPhone photos.
  if (sniffed === "heic")
    refuse(
      field,
      `${label} is a HEIC photo, which cannot be read here. ${ACCEPTED} (On an iPhone: choose "Most Compatible" under Camera, Formats.)`,
    );
  if (!sniffed) refuse(field, `${label} is not a photo we can read. ${ACCEPTED}`);

  const input = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const open = () => sharp(input, { limitInputPixels: PHOTO_LIMITS.maxPixels, failOn: "error", pages: 1 });
  // The header only (metadata() decodes no pixel), so a bomb is named by its declared size here.
  const meta = await sharp(input, { limitInputPixels: false, pages: 1 })
    .metadata()
    .catch(() => refuse(field, `${label} is damaged or not a photo. ${ACCEPTED}`));
  if (meta.format !== sniffed || !meta.width || !meta.height)
    refuse(field, `${label} is damaged or not a photo. ${ACCEPTED}`);
  if (
    meta.width > PHOTO_LIMITS.maxSide ||
    meta.height > PHOTO_LIMITS.maxSide ||
    meta.width * meta.height > PHOTO_LIMITS.maxPixels
  )
    refuse(field, `${label} is ${meta.width} × ${meta.height} pixels, more than we accept. Send a smaller photo.`);

  try {
    // rotate() with no angle applies the EXIF orientation; the output carries no metadata at all
    // (sharp keeps metadata only when asked with keepMetadata/withMetadata/withExif).
    const upright = open().rotate().flatten({ background: "#ffffff" });
    const { data: image, info } = await upright
      .clone()
      .resize(PHOTO_LIMITS.storedSide, PHOTO_LIMITS.storedSide, { fit: "inside", withoutEnlargement: true })
      .jpeg({ quality: 82, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
    const thumb = await upright
      .clone()
      .resize(PHOTO_LIMITS.thumbSide, PHOTO_LIMITS.thumbSide, { fit: "inside", withoutEnlargement: true })
      .jpeg({ quality: 75, mozjpeg: true })
      .toBuffer();
    return {
      image,
      thumb,
      contentType: "image/jpeg",
      width: info.width,
      height: info.height,
      byteSize: image.length,
      sourceFormat: sniffed,
    };
  } catch {
    // A truncated or corrupt body only shows when the pixels are decoded.
    refuse(field, `${label} is damaged or not a photo. ${ACCEPTED}`);
  }
}

/** Every upload of one form, checked and re-encoded before anything is stored; one refusal refuses all. */
export async function processPhotos(files: readonly Uint8Array[], field = "photos"): Promise<ProcessedPhoto[]> {
  if (files.length > PHOTO_LIMITS.maxCount) refuse(field, `Attach at most ${PHOTO_LIMITS.maxCount} photos.`);
  const out: ProcessedPhoto[] = [];
  // One at a time: decoding is memory-heavy, and a refusal stops before the next decode.
  for (const [i, f] of files.entries())
    out.push(await processPhoto(f, files.length > 1 ? `Photo ${i + 1}` : "The photo", field));
  return out;
}
