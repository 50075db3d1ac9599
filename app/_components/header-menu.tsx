"use client";

// The header's menu on phones: a <details> disclosure, so it opens and closes without JavaScript.
// With JavaScript it also reports aria-expanded, closes on Escape (focus back on the button), on a
// click outside and when the page changes (the header stays mounted across client navigations).
import { useEffect, useRef, useState, type ReactNode } from "react";
import { usePathname } from "next/navigation";
import { useHydrated } from "./use-hydrated";

export function HeaderMenu({ children, className = "" }: { children: ReactNode; className?: string }) {
  const ref = useRef<HTMLDetailsElement>(null);
  const [open, setOpen] = useState(false);
  const hydrated = useHydrated();
  const pathname = usePathname();
  const close = (focus: boolean) => {
    const d = ref.current;
    if (!d?.open) return;
    d.open = false;
    if (focus) d.querySelector("summary")?.focus();
  };
  useEffect(() => close(false), [pathname]);
  useEffect(() => {
    if (!open) return;
    const away = (e: PointerEvent) => {
      if (!ref.current?.contains(e.target as Node)) close(false);
    };
    document.addEventListener("pointerdown", away);
    return () => document.removeEventListener("pointerdown", away);
  }, [open]);
  return (
    <details
      ref={ref}
      className={`relative ${className}`}
      onToggle={(e) => setOpen(e.currentTarget.open)}
      onKeyDown={(e) => {
        if (e.key === "Escape" && ref.current?.open) {
          e.preventDefault();
          close(true);
        }
      }}
    >
      {/* Before hydration the browser reports the disclosure's state itself; after, React does. */}
      <summary
        aria-expanded={hydrated ? open : undefined}
        aria-controls="header-menu"
        className="flex cursor-pointer list-none items-center gap-2 rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-50 [&::-webkit-details-marker]:hidden"
      >
        <span aria-hidden className="text-base leading-none">
          ☰
        </span>
        Menu
      </summary>
      <div
        id="header-menu"
        className="absolute right-0 z-20 mt-2 flex w-[min(18rem,calc(100vw-2rem))] flex-col items-start gap-3 rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-lg"
      >
        {children}
      </div>
    </details>
  );
}
