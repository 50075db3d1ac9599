import type { Metadata } from "next";
import { requirePlatformPage } from "@/lib/pages/scope";
import { BackLink } from "@/app/_components/back-link";
import { PlatformNav } from "../../platform-nav";
import { CreateMunicipalityForm } from "./create-form";

export const metadata: Metadata = { title: "New municipality" };

export default async function NewMunicipalityPage() {
  await requirePlatformPage();
  return (
    <div className="space-y-6">
      <PlatformNav current="municipalities" />
      <BackLink href="/platform/municipalities">Municipalities</BackLink>
      <h1 className="text-2xl font-semibold text-brand-900">New municipality</h1>
      <p className="max-w-2xl text-slate-600">
        After creating it, invite its first administrator and connect its sign-in. Its administrators can change most of
        these settings themselves later.
      </p>
      <CreateMunicipalityForm />
    </div>
  );
}
