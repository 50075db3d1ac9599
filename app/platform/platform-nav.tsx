import { TabNav } from "@/app/_components/tab-nav";

const TABS = [
  ["overview", "/platform", "Overview"],
  ["municipalities", "/platform/municipalities", "Municipalities"],
  ["people", "/platform/people", "People"],
  ["grants", "/platform/grants", "Platform groups"],
  ["services", "/platform/services", "Connected services"],
  ["signing-keys", "/platform/signing-keys", "Signing keys"],
  ["policies", "/platform/policies", "Policy preview"],
  ["audit", "/platform/audit", "Audit log"],
] as const;

/** The platform console's heading line and sections. */
export function PlatformNav({ current }: { current: (typeof TABS)[number][0] }) {
  return (
    <header className="space-y-3">
      <p className="text-sm text-slate-500">Platform console</p>
      <TabNav label="Platform console" tabs={TABS} current={current} />
    </header>
  );
}
