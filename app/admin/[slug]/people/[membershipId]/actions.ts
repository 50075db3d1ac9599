"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/action-client";
import { deactivateUser, reactivateMembership, reactivateUser, suspendMembership } from "@/lib/flows/deactivation";
import { changeMembershipAccess } from "@/lib/flows/group-change";
import { eraseUser, erasureInput } from "@/lib/flows/erasure";
import { accessInput } from "@/lib/schemas/people";
import type { ActionResult } from "@/lib/action-result";
import type { Viewer } from "@/lib/identity/viewer";
import { personPage } from "./person-page";

const person = z.object({
  membershipId: z.string().max(64),
  userId: z.string().max(64),
  reason: z.string().max(500).optional(),
});

// Every action here changes someone's access: each needs a recent authentication with the
// caller's strongest factor first (step-up, lib/auth/step-up.ts).
const onPerson = (fn: (viewer: Viewer, p: z.infer<typeof person>) => Promise<void>, message: string) =>
  defineAction({ ...personPage, form: true, stepUp: true, scope: person }, async ({ viewer, scope }) => {
    await fn(viewer, scope);
    return { ok: true, message };
  });

const suspend = onPerson((v, p) => suspendMembership(v, p.membershipId, p.reason ?? ""), "Membership suspended.");
export async function suspendMembershipAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  return suspend(form);
}

const deactivate = onPerson(
  (v, p) => deactivateUser(v, p.userId, p.reason ?? ""),
  "Account deactivated. All sessions and API tokens were revoked.",
);
export async function deactivateUserAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  return deactivate(form);
}

const reactivate = onPerson((v, p) => reactivateMembership(v, p.membershipId), "Membership reactivated.");
export async function reactivateMembershipAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  return reactivate(form);
}

const reactivateAccount = onPerson((v, p) => reactivateUser(v, p.userId), "Account reactivated.");
export async function reactivateUserAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  return reactivateAccount(form);
}

const changeAccess = defineAction(
  { ...personPage, stepUp: true, input: accessInput },
  async ({ viewer, scope, input }) => {
    const r = await changeMembershipAccess(viewer, scope.membershipId, input);
    return {
      ok: true,
      message: r.changed ? "Access changed. It applies from the person's next click." : "Nothing to change.",
    };
  },
);
/** Groups, department, categories. Same zod schema as the form; the flow re-checks the grant. */
export async function changeMembershipAccessAction(targetInput: unknown, values: unknown): Promise<ActionResult> {
  return changeAccess(targetInput, values);
}

const erase = defineAction(
  {
    ...personPage,
    form: true,
    stepUp: true,
    scope: person.pick({ membershipId: true, userId: true }),
    input: erasureInput,
  },
  async ({ viewer, scope, input }) => {
    await eraseUser(viewer, scope.userId, input);
    return { ok: true, message: "Personal data erased. The history is kept under an anonymous name." };
  },
);
export async function eraseUserAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  return erase(form);
}
