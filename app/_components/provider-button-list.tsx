"use client";

// The "Continue with …" buttons of every page that signs in through a provider (/signin, the
// step-up's SSO section, invitations): one per provider. Pressing one disables them all and marks
// it busy while the browser leaves for the provider; `go` answers false when it stayed (it shows
// why), which frees the buttons again.
import { useState } from "react";

type Provider = { id: string; name: string };

export function ProviderButtonList<P extends Provider>({
  providers,
  label,
  busyLabel,
  go,
  className,
}: {
  providers: P[];
  label: (p: P) => string;
  /** Shown on the pressed button instead of its label, if any. */
  busyLabel?: string;
  go: (p: P) => Promise<boolean | void> | void;
  className: string;
}) {
  const [busy, setBusy] = useState<string | null>(null);
  const press = async (p: P) => {
    setBusy(p.id);
    if ((await go(p)) === false) setBusy(null);
  };
  return providers.map((p) => (
    <button
      key={p.id}
      type="button"
      disabled={busy !== null}
      aria-busy={busy === p.id}
      onClick={() => void press(p)}
      className={className}
    >
      {busy === p.id && busyLabel ? busyLabel : label(p)}
    </button>
  ));
}
