// The photo limits, in a module without sharp or server-only, so a form can say them too.
export const PHOTO_LIMITS = {
  /** Bytes per uploaded file. */
  maxBytes: 10 * 1024 * 1024,
  /** Photos per report or per staff upload. */
  maxCount: 3,
  /** Declared width × height; a 40-megapixel phone photo fits. */
  maxPixels: 48_000_000,
  /** Longest declared side. */
  maxSide: 12_000,
  /** Longest side of the stored picture and of its thumbnail. */
  storedSide: 2048,
  thumbSide: 480,
} as const;

/** What the file picker offers; the server reads the type from the bytes whatever was picked. */
export const PHOTO_ACCEPT = "image/jpeg,image/png,image/webp";

/** The form's hint. */
export const PHOTO_HINT = `Up to ${PHOTO_LIMITS.maxCount} photos, JPEG, PNG or WebP, ${PHOTO_LIMITS.maxBytes / 1024 / 1024} MB each. Staff check them before anything is shown publicly; the location and camera details inside a photo are removed.`;
