// Shown at the top of every page while an administrator views the workspace as someone
// (lib/auth/view-as.ts): whose view it is, that nothing can be changed, and the one way out. A
// labelled region right after the skip link, so a keyboard or screen-reader user meets it first.
import type { ViewAsMark } from "@/lib/identity/principal";
import { ActionForm } from "@/app/_components/action-form";
import { endViewAsAction } from "./actions";

export function ViewAsBanner({ mark }: { mark: ViewAsMark }) {
  return (
    <section
      aria-label="View as"
      data-testid="view-as-banner"
      className="border-b-2 border-amber-400 bg-amber-100 text-amber-950"
    >
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-2">
        <p className="text-sm">
          <strong>Viewing as {mark.targetName}</strong> — read-only. You see what they see; hidden fields say which rule
          hides them. Nothing can be changed.
        </p>
        <ActionForm action={endViewAsAction} hidden={{}} submitLabel="End view as" pendingLabel="Ending…" />
      </div>
    </section>
  );
}
