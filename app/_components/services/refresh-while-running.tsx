"use client";

// Refreshes the server-rendered page every few seconds while something on it is still running
// (an access check's progress), and says so for screen readers once.
import { useEffect } from "react";
import { useRouter } from "next/navigation";

export function RefreshWhileRunning({ everyMs = 3000 }: { everyMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    const t = setInterval(() => router.refresh(), everyMs);
    return () => clearInterval(t);
  }, [router, everyMs]);
  return (
    <p className="text-xs text-slate-500" aria-live="polite">
      Updating every few seconds while a check runs.
    </p>
  );
}
