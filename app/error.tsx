"use client";

// Any failure while rendering a page — most often the database being briefly unreachable. In
// production React passes only a digest, never the message, so the text is the same for every
// cause: what happened to the person's work, and what to do.
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="space-y-3">
      <h1 className="text-2xl font-semibold">Temporarily unavailable</h1>
      <p className="text-slate-600">
        Gatehouse could not load this page just now. Nothing you saved before was lost, and nothing half-finished was
        stored.
      </p>
      <button
        type="button"
        onClick={reset}
        className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500"
      >
        Try again
      </button>
    </div>
  );
}
