import type { Metadata } from "next";
import type { SearchParams } from "@/lib/http/search-params";
import { requirePlatformPage } from "@/lib/pages/scope";
import { ownerNames } from "@/lib/data/services";
import { Breadcrumbs } from "@/app/_components/breadcrumbs";
import { ServiceDetail, ServiceState } from "@/app/_components/services/service-detail";
import { serviceActionsOf, servicePageData } from "@/app/_components/services/service-pages";
import { PlatformPage } from "../../platform-page";
import * as consoleActions from "../actions";

export const metadata: Metadata = { title: "Connected service" };

const actions = serviceActionsOf(consoleActions, "PlatformService");

export default async function PlatformServicePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const { id } = await params;
  const { viewer } = await requirePlatformPage();
  const data = await servicePageData(viewer, id, () => true);
  const m = data.service.municipalityId;
  const owner =
    m === null ? "Every municipality (platform-wide)" : ((await ownerNames(viewer, [m])).get(m)?.name ?? "—");
  return (
    <PlatformPage
      current="services"
      title={
        <h1 className="text-2xl font-semibold text-brand-900">
          {data.service.name} <ServiceState disabledAt={data.service.disabledAt} />
        </h1>
      }
      before={<Breadcrumbs trail={[["/platform/services", "Connected services"]]} current={data.service.name} />}
    >
      <ServiceDetail
        {...data}
        slug={null}
        hidden={{ id }}
        actions={actions}
        owner={owner}
        searchParams={await searchParams}
      />
    </PlatformPage>
  );
}
