// An email domain belongs to at most one municipality: policies/sso.yaml gives riverton.test to
// Riverton's identity provider, so no other municipality may invite an address there (a password
// account made from such an invitation is what a takeover would start from). On the real database.
import { describe, expect, it } from "vitest";
import { ValidationError } from "@/lib/errors";
import { createInvitation } from "./invite";
import { previewBulkInvite, sendBulkInvite } from "./bulk-invite";
import { testPrisma } from "@/test/fixtures/db";
import { viewerOf } from "@/test/fixtures/viewers";
import { uniq } from "@/test/fixtures/unique";

const raw = testPrisma();

describe("invitations into another municipality's SSO domain", () => {
  it("are refused with a message naming the domain and the municipality that claims it", async () => {
    const lakeside = await raw.municipality.findUniqueOrThrow({ where: { slug: "lakeside" } });
    const lakesideAdmin = await viewerOf("admin@lakeside.test");
    const email = `cross.${uniq()}@riverton.test`;
    const err = await createInvitation(lakesideAdmin, lakeside.id, { email, groups: ["viewer"] }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).fieldErrors.email?.[0]).toMatch(/riverton\.test.*Riverton/);
    expect(await raw.invitation.count({ where: { email } })).toBe(0);
    expect(await raw.outboxMessage.count({ where: { to: email } })).toBe(0);
    // Upper case is the same address.
    await expect(
      createInvitation(lakesideAdmin, lakeside.id, { email: `Cross.${uniq()}@RIVERTON.test`, groups: ["viewer"] }),
    ).rejects.toBeInstanceOf(ValidationError);
    // A platform admin is bound by it too.
    const platform = await viewerOf("platform.admin@gatehouse.test");
    await expect(
      createInvitation(platform, lakeside.id, { email: `cross.${uniq()}@riverton.test`, groups: ["viewer"] }),
    ).rejects.toBeInstanceOf(ValidationError);
  });

  it("are refused for a domain another municipality's providers speak for by its console setting (Municipality.emailDomains)", async () => {
    const domain = `console-${uniq()}.test`;
    const owner = await raw.municipality.create({
      data: { slug: `own-${uniq()}`, name: "Owner Town", emailDomains: [domain] },
    });
    const lakeside = await raw.municipality.findUniqueOrThrow({ where: { slug: "lakeside" } });
    const err = await createInvitation(await viewerOf("admin@lakeside.test"), lakeside.id, {
      email: `someone@${domain.toUpperCase()}`,
      groups: ["viewer"],
    }).catch((e: unknown) => e);
    expect((err as ValidationError).fieldErrors.email).toEqual([
      `${domain} belongs to Owner Town's single sign-on: only Owner Town can invite addresses there.`,
    ]);
    // The owner itself may (a platform admin inviting its first admin).
    await expect(
      createInvitation(await viewerOf("platform.admin@gatehouse.test"), owner.id, {
        email: `first.admin@${domain}`,
        groups: ["municipality_admin"],
      }),
    ).resolves.toHaveProperty("id");
  });

  it("leave the claiming municipality and unclaimed domains alone", async () => {
    const riverton = await raw.municipality.findUniqueOrThrow({ where: { slug: "riverton" } });
    const lakeside = await raw.municipality.findUniqueOrThrow({ where: { slug: "lakeside" } });
    await expect(
      createInvitation(await viewerOf("admin@riverton.test"), riverton.id, {
        email: `own.${uniq()}@riverton.test`,
        groups: ["viewer"],
      }),
    ).resolves.toHaveProperty("id");
    await expect(
      createInvitation(await viewerOf("admin@lakeside.test"), lakeside.id, {
        email: `free.${uniq()}@example.test`,
        groups: ["viewer"],
      }),
    ).resolves.toHaveProperty("id");
    // A look-alike domain is not the claimed one.
    await expect(
      createInvitation(await viewerOf("admin@lakeside.test"), lakeside.id, {
        email: `x.${uniq()}@notriverton.test`,
        groups: ["viewer"],
      }),
    ).resolves.toHaveProperty("id");
  });

  it("bulk invite refuses such a row with the same reason and invites the others", async () => {
    const lakeside = await raw.municipality.findUniqueOrThrow({ where: { slug: "lakeside" } });
    const stamp = uniq();
    const csv = ["email,groups", `ok.${stamp}@lakeside.test,viewer`, `cross.${stamp}@riverton.test,viewer`].join("\n");
    const viewer = await viewerOf("admin@lakeside.test");
    expect((await previewBulkInvite(viewer, lakeside.id, csv)).rows.map((r) => r.outcome)).toEqual([
      "invite",
      "refused",
    ]);
    const { rows: report } = await sendBulkInvite(viewer, lakeside.id, csv, [2]);
    expect(report.map((r) => r.outcome)).toEqual(["invited", "refused"]);
    expect(report[1]!.reason).toMatch(/riverton\.test.*Riverton/);
  });
});
