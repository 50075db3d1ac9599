import type { Metadata } from "next";
import { requirePlatformPage } from "@/lib/pages/scope";
import { municipalitiesForServices } from "@/lib/data/services";
import { Breadcrumbs } from "@/app/_components/breadcrumbs";
import { ServiceForm } from "@/app/_components/services/service-form";
import { kindChoices } from "@/app/_components/services/service-pages";
import { PlatformPage } from "../../platform-page";
import { registerPlatformServiceAction } from "../actions";

export const metadata: Metadata = { title: "Register a service" };

export default async function NewPlatformServicePage() {
  const { viewer } = await requirePlatformPage();
  const owners = await municipalitiesForServices(viewer);
  return (
    <PlatformPage
      current="services"
      title="Register a service"
      before={<Breadcrumbs trail={[["/platform/services", "Connected services"]]} current="Register a service" />}
    >
      <p className="max-w-3xl text-sm text-slate-600">
        A platform-wide service is for people of every municipality; a municipality&apos;s service only for its own
        people. You get its client secret and webhook secret once, right after registering.
      </p>
      <section className="rounded-lg border border-slate-200 bg-white p-4 sm:p-5">
        <ServiceForm
          mode="register"
          action={registerPlatformServiceAction}
          hidden={{}}
          kinds={kindChoices()}
          owners={owners}
        />
      </section>
    </PlatformPage>
  );
}
