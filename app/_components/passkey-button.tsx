"use client";

// One button that runs a passkey step of a sign-in (sign-in itself, second factor, enrollment,
// step-up): ask the server for options, run the browser's ceremony, send the answer, then go where
// the server says.
// The errors are the server's messages (one per refusal) or the browser's, in plain words.
import { useState } from "react";
import type { ActionResult } from "@/lib/action-result";
import { FormAlert } from "./form-alert";
import type { Ceremony } from "./passkey-ceremony";

type Props<O, R> = {
  label: string;
  pendingLabel: string;
  start: () => Promise<ActionResult<{ options: O }>>;
  ceremony: (options: O) => Promise<Ceremony<R>>;
  finish: (response: R) => Promise<ActionResult<{ next: string }>>;
  /** The id of its error message; by default made from the label. */
  errorId?: string;
  look?: keyof typeof LOOKS;
};

const LOOKS = {
  primary: "bg-brand-600 text-white hover:bg-brand-700",
  outline: "gap-2 border border-brand-600 bg-white text-brand-800 hover:bg-brand-50",
} as const;

export function PasskeyButton<O, R>({
  label,
  pendingLabel,
  start,
  ceremony,
  finish,
  errorId = `${label.replace(/\W+/g, "-").toLowerCase()}-error`,
  look = "primary",
}: Props<O, R>) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function go() {
    setPending(true);
    setError(null);
    try {
      const s = await start();
      if (!s.ok || !s.data) return setError(s.ok ? "Try again." : (s.formError ?? "Try again."));
      const c = await ceremony(s.data.options);
      if (!c.ok) return setError(c.message);
      const done = await finish(c.response);
      if (!done.ok || !done.data) return setError(done.ok ? "Try again." : (done.formError ?? "Try again."));
      window.location.assign(done.data.next);
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="space-y-2">
      <FormAlert message={error} id={errorId} live="polite" />
      <button
        type="button"
        onClick={() => void go()}
        disabled={pending}
        aria-busy={pending}
        aria-describedby={error ? errorId : undefined}
        className={`inline-flex w-full items-center justify-center rounded-md px-4 py-2 font-medium disabled:opacity-60 ${LOOKS[look]}`}
      >
        {pending ? pendingLabel : label}
      </button>
    </div>
  );
}
