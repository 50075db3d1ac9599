"use client";
// The strength meter under a new-password field: the same rating the server applies
// (lib/schemas/password-strength.ts, zxcvbn), loaded only once someone starts typing a password,
// so its dictionaries do not weigh on every page. Plain words in a polite live region; the server
// is the judge — the meter only says early what the server will say.
import { useEffect, useState } from "react";
import type { PasswordContext, PasswordRating } from "@/lib/schemas/password-strength";

type Rate = (password: string, ctx?: PasswordContext) => PasswordRating;
let loading: Promise<Rate> | undefined;
const loadRater = () => (loading ??= import("@/lib/schemas/password-strength").then((m) => m.ratePassword));

const BAR: Record<PasswordRating["level"], { width: string; color: string }> = {
  "too short": { width: "10%", color: "bg-red-600" },
  weak: { width: "25%", color: "bg-red-600" },
  fair: { width: "50%", color: "bg-amber-500" },
  good: { width: "75%", color: "bg-green-600" },
  strong: { width: "100%", color: "bg-green-700" },
};

export function PasswordMeter({ password, context, id }: { password: string; context?: PasswordContext; id: string }) {
  const [rating, setRating] = useState<PasswordRating | null>(null);
  const name = context?.name;
  const email = context?.email;
  useEffect(() => {
    if (!password) return;
    let live = true;
    // A short pause after the last key: rating every keystroke of a long phrase is wasted work.
    const t = setTimeout(() => {
      void loadRater().then((rate) => {
        if (live) setRating(rate(password, { name, email }));
      });
    }, 150);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [password, name, email]);
  const shown = password ? rating : null;
  return (
    <div id={id} className="space-y-1" aria-live="polite">
      {shown && (
        <>
          <div className="h-1.5 w-full rounded bg-slate-200" aria-hidden>
            <div className={`h-1.5 rounded ${BAR[shown.level].color}`} style={{ width: BAR[shown.level].width }} />
          </div>
          <p className="text-sm">
            Strength: <strong>{shown.level}</strong>
            {shown.acceptable ? " — this password can be used." : ` — ${shown.advice ?? "choose a stronger one."}`}
          </p>
        </>
      )}
    </div>
  );
}
