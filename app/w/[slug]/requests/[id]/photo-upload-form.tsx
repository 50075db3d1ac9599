"use client";

// Staff add photos to a request: the shared picker, posted as a form (files and all) to
// addRequestPhotosAction; the answer shows beside it.
import { PhotoField } from "@/app/_components/photo-field";
import { SubmitButton } from "@/app/_components/submit-button";
import { KeptForm } from "@/app/_components/kept-form";
import { ActionOutcome } from "@/app/_components/form-alert";
import { fieldError } from "@/app/_components/form-field";
import { useFormAction } from "@/app/_components/use-form-action";
import { addRequestPhotosAction } from "./photo-actions";

export function PhotoUploadForm({ slug, id }: { slug: string; id: string }) {
  const { state, pending, form } = useFormAction(addRequestPhotosAction);
  return (
    <KeptForm form={form} state={state} encType="multipart/form-data" className="space-y-3">
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="id" value={id} />
      <PhotoField
        label="Add photos"
        hint="JPEG, PNG or WebP, up to 3 at a time, 10 MB each. New photos are not public until you publish them."
        error={fieldError(state, "photos")}
      />
      <SubmitButton pending={pending} pendingLabel="Uploading…" size="sm">
        Upload
      </SubmitButton>
      <ActionOutcome state={state} />
    </KeptForm>
  );
}
