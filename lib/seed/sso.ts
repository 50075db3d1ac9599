// Points a demo municipality's SSO at the local identity provider (lib/idp/server.ts).
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { devIdpClientSecret, seal } from "@/lib/crypto/secret-box";

export async function seedSso(
  prisma: PrismaClient,
  opts: { issuer: string; authSecret: string; slug?: string },
): Promise<void> {
  const slug = opts.slug ?? "riverton";
  const m = await prisma.municipality.findUnique({ where: { slug }, select: { id: true } });
  if (!m) return;
  const data = {
    issuer: opts.issuer,
    clientId: `gatehouse-${slug}`,
    clientSecretCipher: seal(devIdpClientSecret(opts.authSecret, slug), opts.authSecret),
    scopes: ["openid", "email", "profile", "groups"],
    groupsClaim: "job_codes",
    // The local IdP says "mfa" in amr for people whose sign-in there was multi-factor (mona).
    mfaAmrValues: ["mfa"],
    enabled: true,
  };
  await prisma.ssoConnection.upsert({
    where: { municipalityId_protocol: { municipalityId: m.id, protocol: "OIDC" } },
    update: data,
    create: { municipalityId: m.id, ...data },
  });
}
