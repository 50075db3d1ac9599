// Where an action answered "confirm it's you first" (lib/auth/step-up.ts): the step-up page, which
// comes back to `next` afterwards.
export function StepUpLink({ next = "/account" }: { next?: string }) {
  return (
    <a
      href={`/signin/confirm?next=${encodeURIComponent(next)}`}
      className="text-sm font-medium text-brand-700 underline"
    >
      Confirm it&apos;s you
    </a>
  );
}
