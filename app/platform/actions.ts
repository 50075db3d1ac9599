"use server";

import { z } from "zod";
import { defineAction, formList, formText, idField } from "@/lib/actions/action-client";
import type { ActionResult } from "@/lib/action-result";
import { createMunicipality } from "@/lib/flows/municipality-setup";
import { setMunicipalityArchivedEverywhere } from "@/lib/flows/municipality-archive";
import { cancelPlatformGrant, decidePlatformGrant, proposePlatformGrant } from "@/lib/flows/platform-grants";

// Every platform console action is a signed-in person's form; the privileged ones need a recent
// authentication (step-up). Who may do what is decided in lib (the console's policy gate).
const consoleForm = { who: "user", form: true } as const;
const privileged = { ...consoleForm, stepUp: true } as const;

// lib/data/platform-municipalities.ts parses the form and names the offending field.
const municipalityFields = z.object({
  name: formText,
  slug: formText,
  region: formText,
  description: formText,
  emailDomains: formText,
  selfRegistration: formText,
  requiresApproval: formText,
  enabledModules: formList,
  mfaRequirement: formText,
  sessionIdleMinutes: formText,
  inactivityDays: formText,
  departments: formText,
});
const create = defineAction(
  { ...privileged, input: municipalityFields, revalidate: () => "/platform/municipalities" },
  async ({ viewer, input }) => {
    const m = await createMunicipality(viewer, input as never);
    return { ok: true, message: "Created.", data: { href: `/platform/municipalities/${m.slug}?created=1` } };
  },
);
export async function createMunicipalityAction(
  _: ActionResult<{ href: string }> | null,
  form: FormData,
): Promise<ActionResult<{ href: string }>> {
  return create(form);
}

const slugScope = z.object({ slug: idField() });
const archiving = (archived: boolean) =>
  defineAction(
    {
      ...privileged,
      scope: slugScope,
      input: z.object({ confirm: formText }),
      revalidate: ({ scope }) => [`/platform/municipalities/${scope.slug}`, "/platform/municipalities"],
    },
    async ({ viewer, scope, input }) => {
      await setMunicipalityArchivedEverywhere(viewer, { slug: scope.slug, archived, confirm: input.confirm });
      return { ok: true, message: archived ? "Archived: nobody signs in or works there now." : "Restored." };
    },
  );
const archive = archiving(true);
export async function archiveMunicipalityAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  return archive(form);
}
const restore = archiving(false);
export async function restoreMunicipalityAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  return restore(form);
}

// lib/flows/platform-grants.ts parses the proposal and names the offending field.
const propose = defineAction(
  {
    ...privileged,
    scope: z.object({ userId: idField() }),
    input: z.object({ group: formText, change: formText, reason: formText }),
    revalidate: ({ scope }) => [`/platform/people/${scope.userId}`, "/platform/grants"],
  },
  async ({ viewer, scope, input }) => {
    await proposePlatformGrant(viewer, { userId: scope.userId, ...input, change: input.change as never });
    return { ok: true, message: "Proposed. Another platform admin must approve it before it takes effect." };
  },
);
export async function proposePlatformGrantAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  return propose(form);
}

const deciding = (decision: "approve" | "reject") =>
  defineAction(
    {
      ...privileged,
      scope: z.object({ requestId: idField() }),
      // The flow checks the note too; here its message lands on the field.
      input: z.object({ note: formText.pipe(z.string().max(500, "Note: at most 500 characters.")) }),
      revalidate: () => "/platform/grants",
    },
    async ({ viewer, scope, input }) => {
      const r = await decidePlatformGrant(viewer, scope.requestId, decision, input.note);
      return {
        ok: true,
        message: r.status === "APPROVED" ? "Approved: it applies from their next click." : "Rejected.",
      };
    },
  );
const approve = deciding("approve");
export async function approvePlatformGrantAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  return approve(form);
}
const reject = deciding("reject");
export async function rejectPlatformGrantAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  return reject(form);
}

const cancel = defineAction(
  { ...consoleForm, scope: z.object({ requestId: idField() }), revalidate: () => "/platform/grants" },
  async ({ viewer, scope }) => {
    await cancelPlatformGrant(viewer, scope.requestId);
    return { ok: true, message: "Cancelled." };
  },
);
export async function cancelPlatformGrantAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  return cancel(form);
}
