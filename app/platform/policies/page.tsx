import type { Metadata } from "next";
import { requirePlatformPage } from "@/lib/pages/scope";
import { PREVIEW_MAX_FILE_BYTES, PREVIEW_MAX_FILES } from "@/lib/governance/policy-preview";
import { PlatformPage } from "../platform-page";
import { PreviewForm } from "./preview-form";

export const metadata: Metadata = { title: "Policy preview" };

// A proposed policy change, judged before it ships: replayed over the real people and records.
export default async function PolicyPreviewPage() {
  await requirePlatformPage();
  return (
    <PlatformPage current="policies" title="Policy preview">
      <p className="max-w-3xl text-sm text-slate-600">
        Upload the group files a change would edit or add. Gatehouse compiles them with every other deployed policy file
        and replays both sets for every active membership, API token and the public over the real records, then shows
        who would gain or lose what. Nothing is saved or deployed; the command line does the same for a commit:{" "}
        <code>npm run policy:diff -- --base main</code>.
      </p>
      <PreviewForm maxFiles={PREVIEW_MAX_FILES} maxKb={PREVIEW_MAX_FILE_BYTES / 1024} />
    </PlatformPage>
  );
}
