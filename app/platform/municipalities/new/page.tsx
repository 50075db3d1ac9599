import type { Metadata } from "next";
import { requirePlatformPage } from "@/lib/pages/scope";
import { Breadcrumbs } from "@/app/_components/breadcrumbs";
import { PlatformPage } from "../../platform-page";
import { CreateMunicipalityForm } from "./create-form";

export const metadata: Metadata = { title: "New municipality" };

export default async function NewMunicipalityPage() {
  await requirePlatformPage();
  return (
    <PlatformPage
      current="municipalities"
      title="New municipality"
      before={<Breadcrumbs trail={[["/platform/municipalities", "Municipalities"]]} current="New municipality" />}
    >
      <p className="max-w-2xl text-slate-600">
        After creating it, invite its first administrator and connect its sign-in. Its administrators can change most of
        these settings themselves later.
      </p>
      <CreateMunicipalityForm />
    </PlatformPage>
  );
}
