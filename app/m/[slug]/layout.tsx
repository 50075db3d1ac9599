import { TabNav } from "@/app/_components/tab-nav";
import { CitizenAccountLink } from "@/app/_components/citizen-account-link";
import { portalMunicipality } from "./portal";

// Navigation only: no authorization here (each page reads through the public policy itself).
export default async function PortalLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ slug: string }>;
}) {
  const m = await portalMunicipality((await params).slug);
  const base = `/m/${m.slug}`;
  const links = [
    ["overview", base, "Overview"],
    ["requests", `${base}/requests`, "Reported problems"],
    ["heritage", `${base}/heritage`, "Heritage"],
    ["documents", `${base}/documents`, "Documents"],
    ["stats", `${base}/stats`, "Statistics"],
    ["report", `${base}/requests/new`, "Submit a report"],
  ] as const;
  return (
    <div className="space-y-6">
      <TabNav label={`${m.name} public portal`} tabs={links} />
      <CitizenAccountLink />
      {children}
    </div>
  );
}
