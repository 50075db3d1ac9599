"use client";

import { useState, useTransition } from "react";
import { FormResult } from "@/app/_components/form-alert";
import { SubmitButton } from "@/app/_components/submit-button";
import { confirmEmailChangeAction } from "./actions";

export function ConfirmEmailButton({ token, newEmail }: { token: string; newEmail: string }) {
  const [pending, start] = useTransition();
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  if (result?.ok) return <FormResult success={result.text} />;
  const confirm = (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    start(async () => {
      const r = await confirmEmailChangeAction(token);
      setResult(
        r.ok ? { ok: true, text: r.message ?? "Confirmed." } : { ok: false, text: r.formError ?? "Not confirmed." },
      );
    });
  };
  return (
    <form method="post" onSubmit={confirm} aria-label="Confirm your new email address" className="space-y-3">
      <SubmitButton pending={pending} pendingLabel="Confirming…">
        Use {newEmail} for my account
      </SubmitButton>
      <FormResult error={result && !result.ok ? result.text : null} />
    </form>
  );
}
