"use client";

import { useState } from "react";
import { useForm, type Resolver } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { RECORD_TYPES, writeSchema } from "@/lib/records";
import { ServiceCategory } from "@/lib/schemas/enums";
import { enumOptions } from "@/lib/records/labels";
import { Field, SelectField, TextareaField, TextField } from "@/app/_components/form-field";
import { SubmitButton } from "@/app/_components/submit-button";

import { applyFieldErrors, bindField } from "@/app/_components/hook-form";
import { useHydrated } from "@/app/_components/use-hydrated";
import { submitServiceRequestAction } from "./actions";
import { HookRefusal } from "@/app/_components/error-summary";
import { readTrackingOptIn, ReportConfirmation, TrackingOptIn, type ReportDone } from "./tracking-opt-in";
import { chosenPhotos, PhotoField } from "@/app/_components/photo-field";
import { ReportLocation, type ReportMap } from "./report-location";

// The service request's own create schema and category values (lib/records), as the server parses them.
const serviceRequestSubmission = writeSchema(RECORD_TYPES.ServiceRequest, "create");
type FieldName =
  | "municipalityId"
  | "category"
  | "title"
  | "description"
  | "area"
  | "address"
  | "reporterName"
  | "reporterEmail"
  | "reporterPhone"
  | "latitude"
  | "longitude";
type ServiceRequestSubmissionInput = Partial<Record<FieldName, string>>;
const CATEGORIES = enumOptions(ServiceCategory);

export function ReportForm({
  municipalityId,
  slug,
  areas,
  unusedCategories = [],
  map,
}: {
  municipalityId: string;
  slug: string;
  areas: string[];
  /** Categories the municipality does not use: not offered (the server refuses them too). */
  unusedCategories?: string[];
  /** The location picker's tiles and opening view (absent: no map). */
  map?: ReportMap;
}) {
  // Enabled only once interactive: a click before hydration would submit natively and lose the input.
  const ready = useHydrated();
  const [done, setDone] = useState<ReportDone | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<ServiceRequestSubmissionInput>({
    resolver: zodResolver(serviceRequestSubmission) as unknown as Resolver<ServiceRequestSubmissionInput>,
    defaultValues: { municipalityId },
  });
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = form;
  const bound = (name: FieldName) => bindField(form, name);

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const website = (document.getElementById("website") as HTMLInputElement | null)?.value ?? "";
    const res = await submitServiceRequestAction({
      ...values,
      website,
      followUpdates: readTrackingOptIn(),
      photos: chosenPhotos(),
    });
    if (res.ok) return setDone(res.data ?? { reference: null });
    setFormError(res.formError ?? "Something went wrong.");
    applyFieldErrors(setError, res.fieldErrors);
  });

  if (done) return <ReportConfirmation done={done} slug={slug} />;

  const error = (name: FieldName) => errors[name]?.message;

  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-4">
      <HookRefusal form={form} message={formError} />
      <input type="hidden" {...register("municipalityId")} />
      <SelectField
        label="Category"
        {...bound("category")}
        options={CATEGORIES.filter((c) => !unusedCategories.includes(c.value))}
        defaultValue=""
      >
        <option value="" disabled>
          Choose…
        </option>
      </SelectField>
      <TextField label="What is the problem?" {...bound("title")} />
      <TextareaField label="Details" rows={4} {...bound("description")} />
      <Field
        id="area"
        label="Area or district"
        hint="Shown publicly. The exact address below is not."
        error={error("area")}
      >
        {(a11y) => (
          <>
            <input
              list="areas"
              {...register("area")}
              {...a11y}
              className="w-full rounded-md border border-slate-300 px-3 py-2"
            />
            <datalist id="areas">
              {areas.map((a) => (
                <option key={a} value={a} />
              ))}
            </datalist>
          </>
        )}
      </Field>
      <TextField label="Exact address or location (optional, not public)" {...bound("address")} />
      {map && <ReportLocation form={form} slug={slug} map={map} />}
      <PhotoField error={(errors as Record<string, { message?: string } | undefined>).photos?.message} />
      <fieldset className="space-y-3 rounded-md border border-slate-200 p-4">
        <legend className="px-1 text-sm font-medium">Your contact details (optional, never public)</legend>
        <TextField label="Name" autoComplete="name" {...bound("reporterName")} />
        <TextField label="Email" type="email" autoComplete="email" {...bound("reporterEmail")} />
        <TextField label="Phone" type="tel" autoComplete="tel" {...bound("reporterPhone")} />
        <TrackingOptIn />
      </fieldset>
      {/* Honeypot: hidden from people and assistive technology; bots fill it in. */}
      <div aria-hidden="true" className="absolute -left-[9999px] h-0 w-0 overflow-hidden">
        <label htmlFor="website">Website</label>
        <input id="website" name="website" type="text" tabIndex={-1} autoComplete="off" />
      </div>
      <SubmitButton pending={isSubmitting} pendingLabel="Sending…" disabled={!ready}>
        Send report
      </SubmitButton>
    </form>
  );
}
