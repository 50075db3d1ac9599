"use client";

// "Are you sure?" before a form's consequential submit: with JavaScript the submit opens a modal
// dialog, and only its confirm button submits the form for real; without JavaScript (no
// showModal) the form posts straight away and the server checks everything as always.
import { useRef, type FormEvent, type ReactNode } from "react";

/** The form's ref, the dialog's ref and the submit handler that asks first. */
export function useConfirmFirst() {
  const form = useRef<HTMLFormElement>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const confirmed = useRef(false);
  const askFirst = (e: FormEvent<HTMLFormElement>) => {
    if (confirmed.current || !dialog.current?.showModal) {
      confirmed.current = false;
      return;
    }
    e.preventDefault();
    dialog.current.showModal();
  };
  const confirm = () => {
    confirmed.current = true;
    dialog.current?.close();
    form.current?.requestSubmit();
  };
  /** What the dialog needs of this: spread into <ConfirmDialog {...dialogProps} …>. */
  const dialogProps = { dialogRef: dialog, onConfirm: confirm };
  return { formRef: form, dialogRef: dialog, askFirst, confirm, dialogProps };
}

const TONES = { danger: "bg-red-700 hover:bg-red-800", brand: "bg-brand-600 hover:bg-brand-700" } as const;

/** The dialog itself: its question, what it explains, Cancel (focused first) and the confirm button. */
export function ConfirmDialog({
  id,
  dialogRef,
  onConfirm,
  title,
  children,
  confirmLabel,
  tone = "danger",
}: {
  id: string;
  dialogRef: ReturnType<typeof useConfirmFirst>["dialogRef"];
  onConfirm: () => void;
  title: ReactNode;
  children: ReactNode;
  confirmLabel: string;
  tone?: keyof typeof TONES;
}) {
  return (
    <dialog
      ref={dialogRef}
      aria-labelledby={`${id}-dlg-h`}
      aria-describedby={`${id}-dlg-p`}
      className="m-auto max-w-sm rounded-lg border border-slate-300 bg-white p-5 shadow-lg backdrop:bg-slate-900/40"
    >
      <h3 id={`${id}-dlg-h`} className="font-semibold">
        {title}
      </h3>
      <p id={`${id}-dlg-p`} className="mt-2 text-sm text-slate-700">
        {children}
      </p>
      <div className="mt-4 flex justify-end gap-2">
        <button
          type="button"
          autoFocus
          onClick={() => dialogRef.current?.close()}
          className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50"
        >
          Cancel
        </button>
        <button
          type="button"
          onClick={onConfirm}
          className={`rounded-md px-3 py-1.5 text-sm font-medium text-white ${TONES[tone]}`}
        >
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
