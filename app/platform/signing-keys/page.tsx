import type { Metadata } from "next";
import { requirePlatformPage } from "@/lib/pages/scope";
import { listSigningKeys } from "@/lib/services/oidc-keys";
import { ConfirmActionForm } from "@/app/_components/confirm-action-form";
import { SimpleTable } from "@/app/_components/simple-table";
import { Badge } from "@/app/_components/badge";
import { PlatformPage } from "../platform-page";
import { rotateSigningKeyAction } from "./actions";

export const metadata: Metadata = { title: "Signing keys" };

const when = (d: Date) =>
  d.toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }) + " UTC";

export default async function SigningKeysPage() {
  const { viewer } = await requirePlatformPage();
  const keys = await listSigningKeys(viewer);
  return (
    <PlatformPage current="signing-keys" title="Signing keys">
      <p className="max-w-2xl text-slate-600">
        Gatehouse signs what it tells connected services about the people who sign in (their ID tokens and logout
        notices) with the newest key. Services check the signature against the published keys. Rotating makes a new key
        sign from now on; the previous key stays published so what it signed still checks, and older keys are retired.
      </p>
      <SimpleTable caption="Signing keys" headers={["Key", "Created", "State"]}>
        {keys.map((k) => (
          <tr key={k.kid}>
            <td className="px-3 py-2 font-mono text-sm">{k.kid}</td>
            <td className="px-3 py-2 text-sm">{when(k.createdAt)}</td>
            <td className="px-3 py-2 text-sm">
              {k.signing ? (
                <Badge tone="good">Signs now</Badge>
              ) : k.retiredAt ? (
                `Retired ${when(k.retiredAt)}`
              ) : (
                "Published, no longer signs"
              )}
            </td>
          </tr>
        ))}
      </SimpleTable>
      {keys.length === 0 && (
        <p className="text-sm text-slate-600">No key yet: the first sign-in to a service makes one.</p>
      )}
      <ConfirmActionForm
        hidden={{ confirm: "yes" }}
        action={rotateSigningKeyAction}
        submitLabel="Rotate signing key"
        pendingLabel="Rotating…"
        title="Rotate the signing key?"
        body="A new key signs from now on. Services that fetch the published keys pick it up by themselves; a service that copied the key by hand must be given the new one."
      />
    </PlatformPage>
  );
}
