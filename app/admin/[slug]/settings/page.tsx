import type { Metadata } from "next";
import { requireAdminPage } from "@/lib/people/admin-scope";
import { orNotFound } from "@/lib/pages/scope";
import { municipalitySettings } from "@/lib/data/municipality-settings";
import { AdminNav } from "../admin-nav";
import { SettingsForm } from "./settings-form";

export const metadata: Metadata = { title: "Municipality settings" };

// One form for everyone who may see these settings: the municipality's own admin and platform
// groups alike. Which fields are editable comes from lib/data (the policy, on this very row); the
// others are shown read-only so nothing is hidden from whoever may read it.
export default async function SettingsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { viewer, muni } = await requireAdminPage(slug);
  const settings = await orNotFound(municipalitySettings(viewer, slug));
  return (
    <div className="space-y-6">
      <AdminNav slug={slug} name={muni.name} current="settings" />
      <h1 className="text-2xl font-semibold text-brand-900">Settings of {muni.name}</h1>
      {settings.editable.length === 0 && (
        <p className="text-sm text-slate-600">You may read these settings but not change them.</p>
      )}
      <SettingsForm slug={slug} values={settings.values} editable={settings.editable} updatedAt={settings.updatedAt} />
    </div>
  );
}
