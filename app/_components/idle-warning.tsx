"use client";

// The browser side of the idle limit (SP 800-53 AC-11/AC-12, SP 800-63B §7.2): the server ends a
// session after its idle minutes (lib/auth/session-store.ts); this warns IDLE_WARNING_SECONDS
// before, in an alert dialog that takes the focus, with "Stay signed in" (a server action that
// counts as activity) and "Sign out". Clicks in other tabs move the server's deadline, so the
// warning asks the server (/api/session, which does not count as activity) before it shows and
// again before it leaves; when the time is up it goes to the sign-in page, which says why.
// Times are kept as "seconds left" from the server, so a wrong clock on the computer does not matter.
import { useEffect, useRef, useState } from "react";
import { SignOutButton } from "./sign-out-button";
import { staySignedInAction } from "./idle-actions";

type Status = { status: string; remainingSeconds?: number; warningSeconds?: number };

async function askServer(): Promise<Status> {
  try {
    const res = await fetch("/api/session", { cache: "no-store", credentials: "same-origin" });
    return (await res.json()) as Status;
  } catch {
    // Offline for a moment: keep the local countdown, ask again at the next step.
    return { status: "unknown" };
  }
}

/** Where the browser goes when the time is up: the sign-in page, which says why, then back here. */
function leave() {
  const back = `${window.location.pathname}${window.location.search}`;
  const signInPage = new URL("/signin", window.location.origin);
  signInPage.searchParams.set("reason", "idle");
  signInPage.searchParams.set("next", back);
  window.location.assign(signInPage.toString());
}

export function IdleWarning({
  remainingSeconds,
  warningSeconds,
}: {
  remainingSeconds: number;
  warningSeconds: number;
}) {
  const [open, setOpen] = useState(false);
  const [left, setLeft] = useState(warningSeconds);
  const [busy, setBusy] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  /** When the session ends, on this computer's clock (from the server's seconds left). */
  const deadline = useRef(0);
  /** Plans the next moment that matters from the server's seconds left (set by the effect below). */
  const plan = useRef<(secondsLeft: number) => void>(() => {});

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const schedule = (secondsLeft: number) => {
      clearTimeout(timer);
      deadline.current = Date.now() + secondsLeft * 1000;
      if (secondsLeft > warningSeconds + 1) {
        setOpen(false);
        timer = setTimeout(() => void check(), (secondsLeft - warningSeconds) * 1000);
      } else {
        setOpen(true);
        timer = setTimeout(() => void check(), secondsLeft * 1000 + 500);
      }
    };
    // Always the server's word before warning or leaving: another tab may have been busy.
    async function check() {
      const s = await askServer();
      if (s.status === "active" && typeof s.remainingSeconds === "number")
        return s.remainingSeconds > 0 ? schedule(s.remainingSeconds) : leave();
      if (s.status !== "unknown") return leave();
      const rest = (deadline.current - Date.now()) / 1000;
      return rest > 0 ? schedule(rest) : leave();
    }
    plan.current = schedule;
    deadline.current = Date.now() + remainingSeconds * 1000;
    timer = setTimeout(() => void check(), Math.max(0, remainingSeconds - warningSeconds) * 1000);
    // A tab in the background may have its timers slowed: look again when it comes back.
    const onVisible = () => {
      if (document.visibilityState === "visible") void check();
    };
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      clearTimeout(timer);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [remainingSeconds, warningSeconds]);

  // The dialog: modal (the page behind is inert), the focus on "Stay signed in", a countdown.
  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
    if (!open) return;
    const tick = () => setLeft(Math.max(0, Math.ceil((deadline.current - Date.now()) / 1000)));
    const every = setInterval(tick, 1000);
    return () => clearInterval(every);
  }, [open]);

  const stay = async () => {
    setBusy(true);
    const r = await staySignedInAction().catch(() => null);
    setBusy(false);
    if (!r || !r.ok || !r.data) return leave();
    plan.current(r.data.remainingSeconds);
  };

  const minutes = Math.floor(left / 60);
  const seconds = left % 60;
  return (
    <dialog
      ref={dialog}
      role="alertdialog"
      aria-modal="true"
      aria-labelledby="idle-title"
      aria-describedby="idle-text"
      // Escape means "I am here": the same as staying signed in, never a silent dismissal.
      onCancel={(e) => {
        e.preventDefault();
        void stay();
      }}
      className="m-auto max-w-sm rounded-lg border border-slate-300 bg-white p-5 shadow-lg backdrop:bg-slate-900/40"
    >
      <h2 id="idle-title" className="text-lg font-semibold">
        Still there?
      </h2>
      <p id="idle-text" className="mt-2 text-sm text-slate-700">
        You will be signed out in{" "}
        <span aria-live="off">
          {minutes > 0 ? `${minutes} min ` : ""}
          {seconds} s
        </span>{" "}
        because nothing happened for a while. Stay signed in to keep working: anything not saved yet is lost when you
        are signed out.
      </p>
      <div className="mt-4 flex flex-wrap justify-end gap-2">
        <SignOutButton look="small" />
        <button
          type="button"
          autoFocus
          disabled={busy}
          aria-busy={busy}
          onClick={() => void stay()}
          className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60"
        >
          {busy ? "Staying…" : "Stay signed in"}
        </button>
      </div>
    </dialog>
  );
}
