// The person page's deactivation buttons, one row per step: a step that takes access away asks
// for the reason the audit log keeps and is shown as dangerous; a step that gives it back does not.
import { ActionForm, type ConfirmText } from "@/app/_components/action-form";
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
    confirm: {
      title: "Suspend this membership?",
      body: "From their next click this person cannot open anything of this municipality; their other municipalities are not affected. They are told their access is suspended (with your reason, if the settings show it). You can reactivate the membership later.",
    },
  },
  deactivateUser: {
    action: deactivateUserAction,
    submitLabel: "Deactivate account",
    reason: "Reason for deactivating the whole account",
    confirm: {
      title: "Deactivate the whole account?",
      body: "This person can no longer sign in anywhere: every session and API token is ended at once and no more mail is sent to them. Nothing is deleted, and the account can be reactivated.",
    },
  },
  reactivateMembership: { action: reactivateMembershipAction, submitLabel: "Reactivate membership" },
  reactivateUser: { action: reactivateUserAction, submitLabel: "Reactivate account" },
} satisfies Record<
  string,
  { action: typeof suspendMembershipAction; submitLabel: string; reason?: string; confirm?: ConfirmText }
>;

export function DeactivationStep({ step, hidden }: { step: keyof typeof STEPS; hidden: Record<string, string> }) {
  const { action, submitLabel, ...rest } = STEPS[step];
  const reason = "reason" in rest ? rest.reason : undefined;
  const confirm = "confirm" in rest ? rest.confirm : undefined;
  return (
    <ActionForm
      action={action}
      hidden={hidden}
      submitLabel={submitLabel}
      tone={reason ? "danger" : "normal"}
      reason={reason ? { label: reason } : undefined}
      confirm={confirm}
    />
  );
}
