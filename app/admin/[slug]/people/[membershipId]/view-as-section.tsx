// "View as" on the person page: a read-only view of the workspace as this person (lib/auth/view-as.ts).
// Offered only when every rule for starting holds; otherwise the section says which rule does not.
import type { Viewer } from "@/lib/identity/viewer";
import { viewAsRefusal } from "@/lib/auth/view-as";
import { ActionForm } from "@/app/_components/action-form";
import { TitledSection } from "@/app/_components/titled-section";
import { startViewAsAction } from "./view-as-action";

type Props = { viewer: Viewer; slug: string; municipalityId: string; membershipId: string; name: string };

export async function ViewAsSection({ viewer, slug, municipalityId, membershipId, name }: Props) {
  const refusal = await viewAsRefusal(viewer, municipalityId, membershipId);
  if (refusal === "Not found") return null;
  return (
    <TitledSection id="view-as-h" title="View as">
      <p className="text-sm text-slate-600">
        See the workspace exactly as {name} sees it, read-only: the same records and fields, with each hidden field
        showing the rule that hides it. Nothing can be changed while it lasts; {name} sees in their account that you
        looked.
      </p>
      {refusal ? (
        <p className="text-sm text-slate-700">{refusal}</p>
      ) : (
        <ActionForm
          action={startViewAsAction}
          hidden={{ slug, membershipId }}
          submitLabel={`View as ${name}`}
          pendingLabel="Opening…"
        />
      )}
    </TitledSection>
  );
}
