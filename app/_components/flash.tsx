"use client";

// Where a one-button step says it worked (./action-form.tsx): a message at the bottom of the
// window (role="status"), so it is seen wherever the button was on a long page and stays when the
// row it sat in went away with the change (an approved person leaves the queue, a revoked token's
// button is gone). It belongs to the page it was said on and goes with the next page, or dismissed.
import { usePathname } from "next/navigation";
import { useEffect, useSyncExternalStore } from "react";

type Flash = { text: string; path: string; at: number } | null;
let current: Flash = null;
const listeners = new Set<() => void>();
const set = (f: Flash) => {
  current = f;
  listeners.forEach((l) => l());
};

/** Shows `text` on the page the visitor is on. */
export function flash(text: string) {
  set({ text, path: window.location.pathname, at: Date.now() });
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
  // Said on another page: gone for good once the visitor is elsewhere.
  useEffect(() => {
    if (current && current.path !== path) set(null);
  }, [path]);
  if (!shown || shown.path !== path) return null;
  return (
    <div className="pointer-events-none fixed inset-x-0 bottom-4 z-40 flex justify-center px-4">
      <div className="pointer-events-auto flex max-w-xl items-start gap-3 rounded-md border border-green-300 bg-green-50 p-3 text-sm text-green-900 shadow-lg">
        <p role="status" key={shown.at}>
          {shown.text}
        </p>
        <button
          type="button"
          onClick={() => set(null)}
          className="rounded px-1 text-green-900 underline hover:bg-green-100"
        >
          Dismiss
        </button>
      </div>
    </div>
  );
}
