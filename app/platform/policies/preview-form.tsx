"use client";
// The policy-change preview: the platform admin chooses changed group files (and/or pastes one
// with its file name), the server replays them over every real principal and record, and the
// answer is shown here as tables per municipality and group set, with Markdown and JSON downloads
// of the same result. A set that does not load is shown as the error it is (file and rule).
import type { ActionResult } from "@/lib/action-result";
import type { PolicyPreview } from "@/lib/governance/policy-preview";
import { fieldError, TextareaField, TextField } from "@/app/_components/form-field";
import { FieldError } from "@/app/_components/form-field";
import { SubmitButton } from "@/app/_components/submit-button";
import { ActionOutcome } from "@/app/_components/form-alert";
import { KeptForm } from "@/app/_components/kept-form";
import { useFormAction } from "@/app/_components/use-form-action";
import { previewPolicyChangeAction } from "./actions";
import { PreviewResult } from "./preview-result";

export function PreviewForm({ maxFiles, maxKb }: { maxFiles: number; maxKb: number }) {
  const { state, form, pending } = useFormAction<ActionResult<PolicyPreview>>(previewPolicyChangeAction, {
    keep: true,
  });
  const filesError = fieldError(state, "files");
  return (
    <div className="space-y-6">
      <KeptForm
        form={form}
        state={state}
        className="space-y-4 rounded-lg border border-slate-200 bg-white p-5"
        aria-label="Preview a policy change"
        encType="multipart/form-data"
      >
        <div className="space-y-1">
          <label htmlFor="policy-files" className="block text-sm font-medium">
            Changed group files
          </label>
          <p id="policy-files-hint" className="text-xs text-slate-600">
            Files from <code>policies/groups/</code>, named <code>&lt;group&gt;.yaml</code>; up to {maxFiles} files of
            at most {maxKb} KB each. A new name adds a group; a known name replaces that group&apos;s file.
          </p>
          <input
            id="policy-files"
            name="files"
            type="file"
            multiple
            accept=".yaml,.yml"
            aria-describedby={`policy-files-hint${filesError ? " files-error" : ""}`}
            aria-invalid={filesError ? true : undefined}
            className="block w-full text-sm"
          />
          <FieldError id="files" error={filesError} />
        </div>
        <details className="text-sm">
          <summary className="cursor-pointer text-brand-700">Or paste one file</summary>
          <div className="mt-2 space-y-3">
            <TextField id="pasted-name" label="File name" name="pastedName" placeholder="volunteer.yaml" />
            <TextareaField id="pasted-text" label="File text (YAML)" name="pastedText" rows={10} />
          </div>
        </details>
        <SubmitButton pending={pending} pendingLabel="Replaying every person, token and record…">
          Preview the change
        </SubmitButton>
        {pending && (
          <p role="status" className="text-sm text-slate-600">
            Compiling the files and replaying them for every active membership, API token and the public over the real
            records. This can take a minute on a large installation.
          </p>
        )}
        <ActionOutcome state={state} quietSuccess />
      </KeptForm>
      {state?.ok && state.data && !pending && <PreviewResult preview={state.data} />}
    </div>
  );
}
