"use server";

import { defineAction } from "@/lib/actions/action-client";
import type { ActionResult } from "@/lib/action-result";
import { samlConnectionForm, saveSamlConnectionFromForm } from "@/lib/flows/saml-connection";

// Who may sign in to the municipality hangs on these settings: saving needs a recent
// authentication (step-up), and lib/data/saml-connections.ts checks SsoConnection manage.
const save = defineAction(
  {
    who: "admin",
    form: true,
    stepUp: true,
    input: samlConnectionForm,
    revalidate: ({ muni }) => [`/admin/${muni.slug}/sso/saml`, "/signin"],
  },
  async ({ viewer, muni, input }) => {
    const r = await saveSamlConnectionFromForm(viewer, muni.id, input);
    return {
      ok: true,
      message: `${r.created ? "SAML connection created" : "Saved"}: signed assertions from ${r.entityId} (${r.certificates} certificate${r.certificates === 1 ? "" : "s"}).`,
    };
  },
);
export async function saveSamlConnectionAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  return save(form);
}
