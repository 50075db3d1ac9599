import type { Metadata } from "next";
import { requirePlatformPage } from "@/lib/pages/scope";
import { municipalitiesForServices, ownerNames } from "@/lib/data/services";
import { RegisterServiceLink } from "@/app/_components/services/service-list";
import { ServicesFromUrl } from "@/app/_components/services/service-pages";
import { PlatformPage, type SearchParamsProps } from "../platform-page";

export const metadata: Metadata = { title: "Connected services" };

export default async function PlatformServicesPage({ searchParams }: SearchParamsProps) {
  const { viewer } = await requirePlatformPage();
  const choices = await municipalitiesForServices(viewer);
  // Whose each listed service is, in words: its municipality, or every municipality.
  const owners = async (ids: (string | null)[]) => {
    const names = await ownerNames(viewer, ids);
    return { choices, nameOf: (m: string | null) => (m === null ? "Platform-wide" : (names.get(m)?.name ?? "—")) };
  };
  return (
    <PlatformPage
      current="services"
      title="Connected services"
      action={<RegisterServiceLink href="/platform/services/new" />}
    >
      <p className="max-w-3xl text-sm text-slate-600">
        Every municipality&apos;s connected services, and the platform-wide ones that people of every municipality may
        use.
      </p>
      <ServicesFromUrl viewer={viewer} searchParams={searchParams} base="/platform/services" owners={owners} />
    </PlatformPage>
  );
}
