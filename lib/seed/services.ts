// Riverton's demo connected service, "Permits" (examples/permits-demo), registered as the console
// would register it: only the client secret's SHA-256 and hint, and the webhook secret sealed.
// For development and tests only, both secrets are derived from AUTH_SECRET (like the local IdP's
// client secret, devIdpClientSecret), so `npm run demo:permits` and the end-to-end setup can hand
// the demo the same secrets without the repository or the database holding them readable.
import { createHmac } from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { seal } from "@/lib/crypto/secret-box";
import { sha256 } from "@/lib/crypto/tokens";

// In the console's format (svc_…): AuthZEN refuses client ids of any other shape unread.
export const PERMITS_DEMO_CLIENT_ID = "svc_permits-demo";
export const DEFAULT_DEMO_URL = "http://localhost:3200";
// lib/services/client-secret.ts seals webhook secrets under this purpose (sealWebhookSecret);
// lib/seed may not import lib/services, so the name is repeated here and services.test.ts checks it.
const WEBHOOK_SECRET_PURPOSE = "service-webhook-secret";

function derived(authSecret: string, what: string): Buffer {
  return createHmac("sha256", authSecret).update(`dev-service:${PERMITS_DEMO_CLIENT_ID}:${what}`).digest();
}

/** The demo service's development secrets, in the console's formats (gh_svc_…, whsec_…). */
export function devPermitsSecrets(authSecret: string): { clientSecret: string; webhookSecret: string } {
  return {
    clientSecret: `gh_svc_${derived(authSecret, "client-secret").toString("base64url")}`,
    webhookSecret: `whsec_${derived(authSecret, "webhook-secret").toString("base64")}`,
  };
}

/** Registers (or re-points) Riverton's Permits service at the demo's address. Idempotent. */
export async function seedServices(
  prisma: PrismaClient,
  opts: { authSecret: string; demoUrl?: string },
): Promise<void> {
  const riverton = await prisma.municipality.findUnique({ where: { slug: "riverton" }, select: { id: true } });
  if (!riverton) return;
  const demo = (opts.demoUrl ?? DEFAULT_DEMO_URL).replace(/\/$/, "");
  const { clientSecret, webhookSecret } = devPermitsSecrets(opts.authSecret);
  const data = {
    name: "Permits",
    description: "Building permits, from application to inspection (the demo in examples/permits-demo).",
    clientSecretHash: sha256(clientSecret),
    clientSecretHint: clientSecret.slice(-4),
    redirectUris: [`${demo}/callback`],
    postLogoutRedirectUris: [`${demo}/`],
    backchannelLogoutUri: `${demo}/backchannel-logout`,
    webhookUrl: `${demo}/webhooks`,
    webhookSecretCipher: seal(webhookSecret, opts.authSecret, WEBHOOK_SECRET_PURPOSE),
    resourceTypes: ["permit"],
    disabledAt: null,
  };
  await prisma.service.upsert({
    where: { clientId: PERMITS_DEMO_CLIENT_ID },
    update: data,
    create: { ...data, municipalityId: riverton.id, slug: "permits", clientId: PERMITS_DEMO_CLIENT_ID },
  });
}
