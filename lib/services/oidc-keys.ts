// The platform console's view of the provider's signing keys (/platform/signing-keys): the list,
// and rotation — a new key signs from now on, the previous one stays published in the JWKS so
// tokens it signed still verify (lib/services/signing-keys.ts). Platform console people only (the
// same gate as every console page); a rotation is audited and picked up at once on this server,
// within KEY_CHECK_MS on the others (lib/services/oidc-provider.ts).
import "server-only";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { assertPlatformConsole } from "@/lib/data/platform-municipalities";
import type { Viewer } from "@/lib/identity/viewer";
import { rotateSigningKey } from "./signing-keys";
import { forgetOidcProvider } from "./oidc-provider";

export type SigningKeyRow = { kid: string; createdAt: Date; retiredAt: Date | null; signing: boolean };

/** Every key, newest first; the newest unretired one signs. Key material never leaves lib. */
export async function listSigningKeys(viewer: Viewer): Promise<SigningKeyRow[]> {
  assertPlatformConsole(viewer);
  // The keys are the provider's infrastructure, not a governed record: read directly, ids and dates only.
  const rows = await db.oidcSigningKey.findMany({
    select: { kid: true, createdAt: true, retiredAt: true },
    orderBy: { createdAt: "desc" },
  });
  const signing = rows.find((r) => r.retiredAt === null)?.kid;
  return rows.map((r) => ({ ...r, signing: r.kid === signing }));
}

export async function rotateServiceSigningKey(viewer: Viewer): Promise<{ kid: string; retired: string[] }> {
  const actor = assertPlatformConsole(viewer);
  const rotated = await rotateSigningKey();
  await db.$transaction((tx) =>
    recordAudit(tx, {
      action: "oidc.signing_key_rotated",
      actorId: actor.userId,
      actorType: "user",
      data: { kid: rotated.kid, retired: rotated.retired },
    }),
  );
  forgetOidcProvider();
  return rotated;
}
