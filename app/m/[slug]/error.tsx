"use client";

// Unexpected errors only (typed "not found" renders the 404 page). The message is generic: the
// server logged the details; nothing internal reaches the browser.
export default function PortalError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="space-y-3 rounded-lg border border-red-200 bg-red-50 p-6 text-red-900">
      <h1 className="text-lg font-semibold">Something went wrong on our side.</h1>
      <p>Nothing was changed. Try again; if it keeps happening, please come back later.</p>
      <button type="button" onClick={reset} className="rounded-md bg-red-700 px-3 py-1.5 text-white hover:bg-red-800">
        Try again
      </button>
    </div>
  );
}
