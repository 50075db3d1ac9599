import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireAdminPage } from "@/lib/people/admin-scope";
import { serviceConsoleAccess } from "@/lib/data/services";
import { RegisterServiceLink } from "@/app/_components/services/service-list";
import { ServicesFromUrl } from "@/app/_components/services/service-pages";
import type { AdminListProps } from "../list-scope";
import { AdminNav } from "../admin-nav";

export const metadata: Metadata = { title: "Connected services" };

export default async function ServicesPage({ params, searchParams }: AdminListProps) {
  const { slug } = await params;
  const { viewer, muni } = await requireAdminPage(slug);
  const may = serviceConsoleAccess(viewer, muni.id);
  if (!may.read) notFound();
  const base = `/admin/${slug}/services`;
  return (
    <div className="space-y-6">
      <AdminNav slug={slug} name={muni.name} current="services" />
      <div className="flex flex-wrap items-end justify-between gap-4">
        <h1 className="text-2xl font-semibold text-brand-900">Connected services</h1>
        {may.create && <RegisterServiceLink href={`${base}/new`} />}
      </div>
      <p className="max-w-3xl text-sm text-slate-600">
        {muni.name}&apos;s other applications that staff sign into with Gatehouse. Who may use each one comes from the
        group files, membership states and direct grants; when someone loses access, they are signed out of it at once.
      </p>
      <ServicesFromUrl viewer={viewer} searchParams={searchParams} base={base} within={{ municipalityId: muni.id }} />
    </div>
  );
}
