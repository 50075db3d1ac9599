import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { findMunicipalityBySlug } from "@/lib/data/municipalities";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const m = await findMunicipalityBySlug((await params).slug);
  return { title: m?.name ?? "Not found" };
}

export default async function MunicipalityPage({ params }: Props) {
  const m = await findMunicipalityBySlug((await params).slug);
  if (!m) notFound();
  return (
    <div className="space-y-6">
      <header className="space-y-1">
        <p className="text-sm text-slate-500">{m.region}</p>
        <h1 className="text-3xl font-bold tracking-tight text-brand-900">{m.name}</h1>
        {m.description && <p className="max-w-2xl text-slate-700">{m.description}</p>}
      </header>
    </div>
  );
}
