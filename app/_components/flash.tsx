"use client";

// A success message that outlives its form: a one-button form whose row goes away when it works
// (an approved person leaves the queue, a revoked token's button, a signed-out session) hands its
// message here as it unmounts, and the region at the top of the page shows it (role="status") until
// the next page. While the form is still there, it shows its own message and nothing is shown here.
import { usePathname } from "next/navigation";
import { useSyncExternalStore } from "react";

type Flash = { text: string; path: string } | null;
let current: Flash = null;
const listeners = new Set<() => void>();

/** Shows `text` at the top of the page at `path`, if the visitor is still on it. */
export function flash(text: string, path: string) {
  if (window.location.pathname !== path) return;
  current = { text, path };
  listeners.forEach((l) => l());
}

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => void listeners.delete(l);
};

export function FlashRegion() {
  const shown = useSyncExternalStore(
    subscribe,
    () => current,
    () => null,
  );
  const path = usePathname();
  if (!shown || shown.path !== path) return null;
  return (
    <p role="status" className="mb-4 rounded-md border border-green-200 bg-green-50 p-3 text-sm text-green-900">
      {shown.text}
    </p>
  );
}
