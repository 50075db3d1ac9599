// "Passkeys" on /account: the person's own passkeys (name, when added, last used, synced or not),
// adding one, renaming and removing (lib/auth/passkeys.ts; adding and removing ask for step-up).
import { listOwnPasskeys } from "@/lib/auth/passkeys";
import { PlainTable, type PlainColumn } from "@/app/_components/simple-table";
import { AddPasskey, RemovePasskey, RenamePasskey } from "./passkey-controls";
import { TitledSection } from "@/app/_components/titled-section";

const when = (d: Date | null) => (d ? d.toISOString().slice(0, 16).replace("T", " ") : "never");

const COLUMNS: PlainColumn<Awaited<ReturnType<typeof listOwnPasskeys>>[number]>[] = [
  { header: "Name", cell: (p) => p.name, className: "py-2" },
  { header: "Added", cell: (p) => when(p.createdAt) },
  { header: "Last used", cell: (p) => when(p.lastUsedAt) },
  { header: "Kind", cell: (p) => (p.synced ? "synced" : "this device only") },
  {
    header: { srOnly: "Actions" },
    className: "space-y-2 py-2",
    cell: (p) => (
      <>
        <RenamePasskey id={p.id} name={p.name} />
        <RemovePasskey id={p.id} name={p.name} />
      </>
    ),
  },
];

export async function PasskeysSection({ userId }: { userId: string }) {
  const passkeys = await listOwnPasskeys(userId);
  return (
    <TitledSection id="passkeys-h" title="Passkeys" gap={4}>
      <p className="text-sm text-slate-600">
        A passkey signs you in with your device&apos;s screen lock (fingerprint, face or PIN) instead of a password. It
        cannot be phished: it only works on this site.
      </p>
      <PlainTable caption="Your passkeys" columns={COLUMNS} items={passkeys} empty="No passkeys yet." />
      <AddPasskey suggestedName={`Passkey ${passkeys.length + 1}`} />
    </TitledSection>
  );
}
