// "Passkeys" on /account: the person's own passkeys (name, when added, last used, synced or not),
// adding one, renaming and removing (lib/auth/passkeys.ts; adding and removing ask for step-up).
import { listOwnPasskeys } from "@/lib/auth/passkeys";
import { SimpleTable } from "@/app/_components/simple-table";
import { AddPasskey, RemovePasskey, RenamePasskey } from "./passkey-controls";

const when = (d: Date | null) => (d ? d.toISOString().slice(0, 16).replace("T", " ") : "never");

export async function PasskeysSection({ userId }: { userId: string }) {
  const passkeys = await listOwnPasskeys(userId);
  return (
    <section aria-labelledby="passkeys-h" className="space-y-4 rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="passkeys-h" className="font-semibold">
        Passkeys
      </h2>
      <p className="text-sm text-slate-600">
        A passkey signs you in with your device&apos;s screen lock (fingerprint, face or PIN) instead of a password. It
        cannot be phished: it only works on this site.
      </p>
      {passkeys.length === 0 ? (
        <p className="text-sm text-slate-600">No passkeys yet.</p>
      ) : (
        <SimpleTable
          caption="Your passkeys"
          look="plain"
          headers={["Name", "Added", "Last used", "Kind", { srOnly: "Actions" }]}
        >
          {passkeys.map((p) => (
            <tr key={p.id} className="border-t border-slate-100 align-top">
              <td className="py-2">{p.name}</td>
              <td>{when(p.createdAt)}</td>
              <td>{when(p.lastUsedAt)}</td>
              <td>{p.synced ? "synced" : "this device only"}</td>
              <td className="space-y-2 py-2">
                <RenamePasskey id={p.id} name={p.name} />
                <RemovePasskey id={p.id} name={p.name} />
              </td>
            </tr>
          ))}
        </SimpleTable>
      )}
      <AddPasskey suggestedName={`Passkey ${passkeys.length + 1}`} />
    </section>
  );
}
