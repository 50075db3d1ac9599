import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { findMunicipalityBySlug } from "@/lib/data/municipalities";
import { unusedVariants } from "@/lib/data/create-options";
import { ReportForm } from "./report-form";
import { municipalityMap } from "@/app/_components/map/map-settings";

export const metadata: Metadata = { title: "Report a problem" };

export default async function NewRequestPage({ params }: { params: Promise<{ slug: string }> }) {
  const m = await findMunicipalityBySlug((await params).slug);
  if (!m) notFound();
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <header>
        <p className="text-sm text-slate-500">{m.name}</p>
        <h1 className="text-2xl font-semibold text-brand-900">Report a problem</h1>
        <p className="text-slate-600">
          Potholes, broken lights, litter, graffiti… The municipality&apos;s staff will pick it up.
        </p>
      </header>
      <ReportForm
        municipalityId={m.id}
        slug={m.slug}
        areas={m.districts}
        unusedCategories={unusedVariants("ServiceRequest", m)}
        map={await municipalityMap(m.id)}
      />
    </div>
  );
}
