// The person page's deactivation buttons, one row per step: a step that takes access away asks
// for the reason the audit log keeps and is shown as dangerous; a step that gives it back does not.
import { ActionForm } from "@/app/_components/action-form";
import {
  deactivateUserAction,
  reactivateMembershipAction,
  reactivateUserAction,
  suspendMembershipAction,
} from "./actions";

const STEPS = {
  suspendMembership: {
    action: suspendMembershipAction,
    submitLabel: "Suspend membership",
    reason: "Reason for suspending (this municipality only)",
  },
  deactivateUser: {
    action: deactivateUserAction,
    submitLabel: "Deactivate account",
    reason: "Reason for deactivating the whole account",
  },
  reactivateMembership: { action: reactivateMembershipAction, submitLabel: "Reactivate membership" },
  reactivateUser: { action: reactivateUserAction, submitLabel: "Reactivate account" },
} satisfies Record<string, { action: typeof suspendMembershipAction; submitLabel: string; reason?: string }>;

export function DeactivationStep({ step, hidden }: { step: keyof typeof STEPS; hidden: Record<string, string> }) {
  const { action, submitLabel, ...rest } = STEPS[step];
  const reason = "reason" in rest ? rest.reason : undefined;
  return (
    <ActionForm
      action={action}
      hidden={hidden}
      submitLabel={submitLabel}
      tone={reason ? "danger" : "normal"}
      reason={reason ? { label: reason } : undefined}
    />
  );
}
