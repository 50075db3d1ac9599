// The submit button every form shares: disabled and aria-busy while the submission runs, with a
// spinner and the pending label in place of its own. PendingButton is the same button for a click
// that is not a form's submission (app/_components/mfa/action-button.tsx).
import type { ReactNode } from "react";

const SIZES = { sm: "px-3 py-1.5 text-sm", md: "px-4 py-2" } as const;
const TONES = { brand: "bg-brand-600 hover:bg-brand-700", danger: "bg-red-700 hover:bg-red-800" } as const;

type Look = {
  pending: boolean;
  pendingLabel: string;
  children: ReactNode;
  size?: keyof typeof SIZES;
  tone?: keyof typeof TONES;
  /** The full width of the form (sign-in). */
  wide?: boolean;
  /** Disabled for another reason too (e.g. until the page is interactive); always while pending. */
  disabled?: boolean;
};

export function SubmitButton(props: Look) {
  return <PendingButton {...props} />;
}

export function PendingButton({
  pending,
  pendingLabel,
  children,
  size = "md",
  tone = "brand",
  wide = false,
  disabled,
  onClick,
}: Look & { /** A plain button running this, instead of the form's submit. */ onClick?: () => void }) {
  return (
    <button
      type={onClick ? "button" : "submit"}
      onClick={onClick}
      disabled={pending || disabled}
      aria-busy={pending}
      className={`inline-flex items-center gap-2 rounded-md font-medium text-white disabled:opacity-60 ${SIZES[size]} ${TONES[tone]} ${wide ? "w-full justify-center" : ""}`}
    >
      {pending && <Spinner />}
      {pending ? pendingLabel : children}
    </button>
  );
}

export function Spinner() {
  return (
    <span
      aria-hidden
      className="inline-block h-3 w-3 animate-spin rounded-full border-2 border-white border-t-transparent"
    />
  );
}
