// Only same-site paths: "/w/riverton" yes; "//evil.example", "https://…", "/\\evil" no.
export function safeNextPath(next: string | null | undefined, fallback = "/"): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\") || next.length > 500) return fallback;
  return next;
}
