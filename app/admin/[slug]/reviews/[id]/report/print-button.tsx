"use client";

/** Opens the browser's print dialog (which also saves as PDF); the page itself is laid out for paper. */
export function PrintButton() {
  return (
    <button
      type="button"
      onClick={() => window.print()}
      className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50"
    >
      Print or save as PDF
    </button>
  );
}
