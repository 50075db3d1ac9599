"use client";
// A secret shown once (a service's client secret or webhook secret, right after it was made): a
// read-only field with a copy button and the plain warning that it cannot be shown again — only
// its hash (client secret) or a sealed copy (webhook secret) is stored, and no page reads either.
import { useState } from "react";

export function OnceSecret({ id, label, value }: { id: string; label: string; value: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <div className="flex flex-col gap-2 sm:flex-row">
        <input
          id={id}
          readOnly
          value={value}
          aria-describedby={`${id}-once`}
          onFocus={(e) => e.currentTarget.select()}
          className="w-full min-w-0 rounded border border-slate-300 bg-white px-2 py-1 font-mono text-xs"
        />
        <button
          type="button"
          onClick={() => void navigator.clipboard?.writeText(value).then(() => setCopied(true))}
          className="rounded-md border border-slate-300 bg-white px-3 py-1 text-sm hover:bg-slate-50"
        >
          {copied ? "Copied" : `Copy ${label.toLowerCase()}`}
        </button>
      </div>
      <p id={`${id}-once`} className="text-xs font-medium text-amber-900">
        You will not see this again: Gatehouse cannot show it a second time. Lost it? Rotate it to get a new one.
      </p>
    </div>
  );
}
