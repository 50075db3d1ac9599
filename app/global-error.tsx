"use client";

// A failure in the root layout itself (it reads the signed-in person, so most often the database
// being briefly unreachable). It replaces the whole document, so it brings its own <html>; the
// text is the same as app/error.tsx: what happened to the person's work, and what to do.
export default function GlobalError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: "system-ui, sans-serif", background: "#f8fafc", color: "#0f172a", margin: 0 }}>
        <main role="alert" style={{ maxWidth: "36rem", margin: "4rem auto", padding: "0 1rem" }}>
          <h1 style={{ fontSize: "1.5rem" }}>Temporarily unavailable</h1>
          <p style={{ color: "#475569" }}>
            Gatehouse could not load this page just now. Nothing you saved before was lost, and nothing half-finished
            was stored.
          </p>
          <button type="button" onClick={reset}>
            Try again
          </button>
        </main>
      </body>
    </html>
  );
}
