// The console's signing keys: platform people list and rotate them (audited); anyone else is "not found".
import { describe, expect, it } from "vitest";
import { viewerOf } from "@/test/fixtures/viewers";
import { testPrisma } from "@/test/fixtures/db";
import { NotFoundError } from "@/lib/errors";
import { listSigningKeys, rotateServiceSigningKey } from "./oidc-keys";
import { signingKeys } from "./signing-keys";

describe("signing keys in the platform console", () => {
  it("a platform admin rotates: the new key signs, the previous stays published, the rotation is audited", async () => {
    const admin = await viewerOf("platform.admin@gatehouse.test");
    const before = (await signingKeys())[0]!.kid;
    const { kid } = await rotateServiceSigningKey(admin);
    const keys = await listSigningKeys(admin);
    expect(keys[0]).toMatchObject({ kid, signing: true, retiredAt: null });
    expect(keys.find((k) => k.kid === before)).toMatchObject({ signing: false, retiredAt: null });
    const published = (await signingKeys()).map((k) => k.kid);
    expect(published).toEqual([kid, before]);
    const event = await testPrisma().auditEvent.findFirst({
      where: { action: "oidc.signing_key_rotated" },
      orderBy: { seq: "desc" },
    });
    expect(event?.data).toMatchObject({ kid });
    // Private key material never reaches the list.
    expect(JSON.stringify(keys)).not.toMatch(/"d"|privateJwk|Cipher/);
  });

  it("a municipality admin may neither list nor rotate", async () => {
    const admin = await viewerOf("admin@riverton.test");
    await expect(listSigningKeys(admin)).rejects.toBeInstanceOf(NotFoundError);
    await expect(rotateServiceSigningKey(admin)).rejects.toBeInstanceOf(NotFoundError);
  });
});
