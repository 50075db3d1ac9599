"use client";
// A control that asks before it acts: until pressed it is one button (`label`); pressed, it shows
// `children` — the confirmation, handed a `cancel` that goes back to the button.
import { useState, type ReactNode } from "react";

const TONES = {
  neutral: "rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50",
  danger: "rounded-md border border-red-300 px-3 py-1.5 text-sm font-medium text-red-800 hover:bg-red-50",
} as const;

export function AskFirst({
  label,
  tone,
  children,
}: {
  label: ReactNode;
  tone: keyof typeof TONES;
  children: (cancel: () => void) => ReactNode;
}) {
  const [asked, setAsked] = useState(false);
  if (asked) return children(() => setAsked(false));
  return (
    <button type="button" onClick={() => setAsked(true)} className={TONES[tone]}>
      {label}
    </button>
  );
}
