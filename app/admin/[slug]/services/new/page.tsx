import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireAdminPage } from "@/lib/people/admin-scope";
import { serviceConsoleAccess } from "@/lib/data/services";
import { Breadcrumbs } from "@/app/_components/breadcrumbs";
import { ServiceForm } from "@/app/_components/services/service-form";
import { kindChoices } from "@/app/_components/services/service-pages";
import { AdminNav } from "../../admin-nav";
import { registerServiceAction } from "../actions";

export const metadata: Metadata = { title: "Register a service" };

export default async function NewServicePage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { viewer, muni } = await requireAdminPage(slug);
  if (!serviceConsoleAccess(viewer, muni.id).create) notFound();
  return (
    <div className="space-y-6">
      <AdminNav slug={slug} name={muni.name} current="services" />
      <Breadcrumbs trail={[[`/admin/${slug}/services`, "Connected services"]]} current="Register a service" />
      <h1 className="text-2xl font-semibold text-brand-900">Register a service</h1>
      <p className="max-w-3xl text-sm text-slate-600">
        The service becomes an OpenID Connect client of Gatehouse for {muni.name}&apos;s staff. You get its client
        secret and webhook secret once, right after registering.
      </p>
      <section className="rounded-lg border border-slate-200 bg-white p-4 sm:p-5">
        <ServiceForm mode="register" action={registerServiceAction} hidden={{ slug }} kinds={kindChoices()} />
      </section>
    </div>
  );
}
