// Photo uploads are the one body allowed over proxy.ts's 1 MB: a multipart server-action POST to
// the report form, up to 3 photos of 10 MB each. scripts/body-gate.mjs
// holds the same rule for the bytes as they arrive (bodyLimitFor); scripts/body-limits.test.ts
// pins the two together.
export const MAX_BODY_BYTES = 1_000_000;
export const UPLOAD_BODY_BYTES = 32 * 1024 * 1024;
export const UPLOAD_PATHS = [
  /^\/m\/[a-z0-9-]{1,64}\/requests\/new$/,
  // Not yet the staff request page: its other actions answer a body over 1 MB with a 500 (the
  // bad-input suite found it), so staff photos stay within 1 MB until those actions refuse it.
];

/** The body limit of a request: UPLOAD_BODY_BYTES for a photo upload, MAX_BODY_BYTES otherwise. */
export function bodyLimitOf(method: string, path: string, headers: Headers): number {
  const upload =
    method === "POST" &&
    headers.has("next-action") &&
    (headers.get("content-type") ?? "").toLowerCase().startsWith("multipart/form-data") &&
    UPLOAD_PATHS.some((p) => p.test(path));
  return upload ? UPLOAD_BODY_BYTES : MAX_BODY_BYTES;
}
