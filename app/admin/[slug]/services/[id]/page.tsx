import type { Metadata } from "next";
import type { SearchParams } from "@/lib/http/search-params";
import { requireAdminPage } from "@/lib/people/admin-scope";
import { Breadcrumbs } from "@/app/_components/breadcrumbs";
import { ServiceDetail, ServiceState } from "@/app/_components/services/service-detail";
import { serviceActionsOf, servicePageData } from "@/app/_components/services/service-pages";
import { AdminNav } from "../../admin-nav";
import * as consoleActions from "../actions";

export const metadata: Metadata = { title: "Connected service" };

const actions = serviceActionsOf(consoleActions, "Service");

export default async function ServicePage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string; id: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const { slug, id } = await params;
  const { viewer, muni } = await requireAdminPage(slug);
  // Only this municipality's services: another's (or a platform-wide one) is not found here.
  const data = await servicePageData(viewer, id, (m) => m === muni.id);
  return (
    <div className="space-y-6">
      <AdminNav slug={slug} name={muni.name} current="services" />
      <Breadcrumbs trail={[[`/admin/${slug}/services`, "Connected services"]]} current={data.service.name} />
      <h1 className="text-2xl font-semibold text-brand-900">
        {data.service.name} <ServiceState disabledAt={data.service.disabledAt} />
      </h1>
      <ServiceDetail
        {...data}
        slug={slug}
        hidden={{ slug, id }}
        actions={actions}
        owner={muni.name}
        searchParams={await searchParams}
      />
    </div>
  );
}
