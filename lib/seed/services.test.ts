// The seeded Permits service is registered as the console would register it: the client secret
// only as its hash (the one the provider and AuthZEN compare), the webhook secret sealed so the
// delivery worker can open it, and both derived from AUTH_SECRET so the demo can be handed them.
import { afterAll, describe, expect, it } from "vitest";
import { env } from "@/lib/env";
import { clientSecretMatches, openWebhookSecret } from "@/lib/services/client-secret";
import { testPrisma } from "@/test/fixtures/db";
import { devPermitsSecrets, PERMITS_DEMO_CLIENT_ID, seedServices } from "./services";

describe("seedServices", () => {
  afterAll(async () => {
    // Vitest's seed registers no service; this file leaves none behind for the others.
    await testPrisma().service.deleteMany({ where: { clientId: PERMITS_DEMO_CLIENT_ID } });
  });

  it("registers Riverton's Permits service with hashed and sealed secrets, again idempotently", async () => {
    const p = testPrisma();
    const { clientSecret, webhookSecret } = devPermitsSecrets(env().AUTH_SECRET);
    expect(clientSecret).toMatch(/^gh_svc_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(webhookSecret.slice("whsec_".length), "base64")).toHaveLength(32);

    await seedServices(p, { authSecret: env().AUTH_SECRET, demoUrl: "http://127.0.0.1:3999/" });
    await seedServices(p, { authSecret: env().AUTH_SECRET, demoUrl: "http://127.0.0.1:4000" });
    const rows = await p.service.findMany({
      where: { clientId: PERMITS_DEMO_CLIENT_ID },
      include: { municipality: true },
    });
    expect(rows).toHaveLength(1);
    const s = rows[0]!;
    expect(s).toMatchObject({
      slug: "permits",
      name: "Permits",
      redirectUris: ["http://127.0.0.1:4000/callback"],
      backchannelLogoutUri: "http://127.0.0.1:4000/backchannel-logout",
      webhookUrl: "http://127.0.0.1:4000/webhooks",
      resourceTypes: ["permit"],
      clientSecretHint: clientSecret.slice(-4),
    });
    expect(s.municipality?.slug).toBe("riverton");
    expect(JSON.stringify(s)).not.toContain(clientSecret);
    expect(JSON.stringify(s)).not.toContain(webhookSecret.slice(6));
    expect(clientSecretMatches(clientSecret, s.clientSecretHash)).toBe(true);
    expect(clientSecretMatches(`${clientSecret}x`, s.clientSecretHash)).toBe(false);
    expect(openWebhookSecret(s.webhookSecretCipher!)).toBe(webhookSecret);
    // Another AUTH_SECRET gives other secrets: none is fixed in the repository.
    expect(devPermitsSecrets("another-secret-another-secret-0123456789").clientSecret).not.toBe(clientSecret);
  });
});
