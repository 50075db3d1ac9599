// Recovery codes as shown once, right after they were made: a list a person can read, copy or
// print. Nothing stores them readable, so this screen is the only chance (said plainly).
export function RecoveryCodes({ codes }: { codes: string[] }) {
  return (
    <section
      aria-labelledby="recovery-codes-h"
      className="space-y-2 rounded-md border border-amber-200 bg-amber-50 p-4"
    >
      <h3 id="recovery-codes-h" className="font-semibold text-amber-900">
        Save your recovery codes now
      </h3>
      <p className="text-sm text-amber-900">
        If you lose your phone, each of these codes signs you in once. They are shown only now: print them or keep them
        in a password manager.
      </p>
      <ol aria-label="Your recovery codes" className="grid grid-cols-1 gap-1 font-mono text-sm sm:grid-cols-2">
        {codes.map((c) => (
          <li key={c} className="rounded bg-white px-2 py-1">
            {c}
          </li>
        ))}
      </ol>
    </section>
  );
}
