"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/action-client";
import { requireRecentAuth } from "@/lib/auth/step-up";
import { updateMunicipalitySettings } from "@/lib/data/municipality-settings";
import { SECURITY_FIELDS, SETTINGS_LABELS } from "@/lib/schemas/municipality-settings";
import type { ActionResult } from "@/lib/action-result";

// The settings form posts (target, values): the values are parsed by lib/data with the one
// settings schema, which names any field it does not know or the viewer may not change.
const update = defineAction(
  {
    who: "admin",
    // The version the form read: a save over someone else's change is a conflict, not a lost update.
    scope: z.object({ expectedUpdatedAt: z.iso.datetime() }),
    input: z.record(z.string().max(64), z.unknown()),
    revalidate: ({ muni }) => [`/admin/${muni.slug}/settings`, `/w/${muni.slug}`, `/m/${muni.slug}`],
  },
  async ({ viewer, muni, scope, input, session }) => {
    const { changed } = await updateMunicipalitySettings(viewer, muni.id, input, {
      expectedUpdatedAt: scope.expectedUpdatedAt,
      // Sign-in controls (MFA, idle limit, lockout, inactivity, SSO claims) need a recent sign-in.
      confirm: async (fields) => {
        if (fields.some((f) => SECURITY_FIELDS.includes(f))) await requireRecentAuth(session);
      },
    });
    return {
      ok: true,
      message: changed.length
        ? `Saved: ${changed.map((f) => SETTINGS_LABELS[f].toLowerCase()).join(", ")}.`
        : "Nothing changed.",
    };
  },
);

export async function updateMunicipalitySettingsAction(target: unknown, values: unknown): Promise<ActionResult> {
  return update(target, values);
}
