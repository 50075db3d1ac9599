"use client";

// "Follow this report": an address gets a tracking mail for this public request. The answer is the
// same whatever happened (lib/flows/request-tracking.ts).
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { followInput, FOLLOW_ANSWER, type FollowInput } from "@/lib/schemas/follow";
import { TextField } from "@/app/_components/form-field";
import { SubmitButton } from "@/app/_components/submit-button";
import { FormDone } from "@/app/_components/form-alert";
import { bindField, useSubmitOnce } from "@/app/_components/hook-form";
import { HookRefusal } from "@/app/_components/error-summary";
import { followReportAction } from "./actions";

export function FollowForm({ slug, reference }: { slug: string; reference: string }) {
  const form = useForm<FollowInput>({ resolver: zodResolver(followInput) });
  const send = (values: FollowInput) => followReportAction({ slug, reference }, values);
  const { done, formError, onSubmit } = useSubmitOnce(form, send, FOLLOW_ANSWER);
  // The answer replaces the form: one address per visit (the limit counts per client anyway).
  return done ? (
    <FormDone message={done} />
  ) : (
    <form method="post" onSubmit={onSubmit} noValidate aria-label="Follow this report" className="space-y-3">
      <HookRefusal form={form} message={formError} />
      <TextField
        label="Your email"
        type="email"
        autoComplete="email"
        hint="We email you a link to this report and a mail when its status changes. Never shown to anyone."
        {...bindField(form, "email")}
      />
      <SubmitButton pending={form.formState.isSubmitting} pendingLabel="Sending…">
        Follow this report
      </SubmitButton>
    </form>
  );
}
