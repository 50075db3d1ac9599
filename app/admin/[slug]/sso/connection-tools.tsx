"use client";

// Test connection (each check of the provider in words) and Try sign-in (off to the provider and
// back to ./callback; the result is shown by the page). Both work on the saved connection.
import { useEffect } from "react";
import type { ActionResult } from "@/lib/action-result";
import type { CheckStatus, ConnectionCheck, ConnectionReport } from "@/lib/auth/oidc-checks";
import { SubmitButton } from "@/app/_components/submit-button";
import { ActionOutcome } from "@/app/_components/form-alert";
import { startTrySignInAction, testOidcConnectionAction } from "./actions";
import { useFormAction } from "@/app/_components/use-form-action";
import { KeptForm } from "@/app/_components/kept-form";

const MARK: Record<CheckStatus, { text: string; className: string }> = {
  pass: { text: "Passed", className: "bg-green-100 text-green-900" },
  warn: { text: "Note", className: "bg-amber-100 text-amber-900" },
  fail: { text: "Failed", className: "bg-red-100 text-red-900" },
  skip: { text: "Not checked", className: "bg-slate-100 text-slate-700" },
};

export function TestConnection({ slug }: { slug: string }) {
  const { state, form, pending } = useFormAction<ActionResult<ConnectionReport>>(testOidcConnectionAction);
  const report = state?.ok ? state.data : undefined;
  return (
    <KeptForm form={form} state={state} className="space-y-3" aria-label="Test connection">
      <input type="hidden" name="slug" value={slug} />
      <SubmitButton pending={pending} pendingLabel="Testing the provider…" size="sm">
        Test connection
      </SubmitButton>
      <ActionOutcome state={state} />
      {report && (
        <ul aria-label="Connection checks" className="space-y-2">
          {report.checks.map((c) => (
            <CheckItem key={c.id} check={c} />
          ))}
        </ul>
      )}
    </KeptForm>
  );
}

/** One check: its verdict as a badge, what was checked, and what was found. */
function CheckItem({ check }: { check: ConnectionCheck }) {
  const mark = MARK[check.status];
  return (
    <li className="rounded-md border border-slate-200 p-2 text-sm">
      <p>
        <span className={`mr-2 rounded px-1.5 py-0.5 text-xs font-semibold ${mark.className}`}>{mark.text}</span>
        <span className="font-medium">{check.label}</span>
      </p>
      <p className="mt-1 break-words text-slate-600">{check.detail}</p>
    </li>
  );
}

export function TrySignIn({ slug }: { slug: string }) {
  const { state, form, pending } = useFormAction<ActionResult<{ url: string }>>(startTrySignInAction);
  const url = state?.ok ? state.data?.url : undefined;
  useEffect(() => {
    if (url) window.location.assign(url);
  }, [url]);
  return (
    <KeptForm form={form} state={state} className="space-y-2" aria-label="Try sign-in">
      <input type="hidden" name="slug" value={slug} />
      <p className="text-sm text-slate-600">
        Signs in at the provider (as anyone you choose) and shows what it sends and the groups that would follow.
        Nothing is created: no account, no membership, no link.
      </p>
      <SubmitButton pending={pending || !!url} pendingLabel="Going to the provider…" size="sm">
        Try sign-in
      </SubmitButton>
      {!url && <ActionOutcome state={state} />}
    </KeptForm>
  );
}
