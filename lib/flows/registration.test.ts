import { describe, expect, it } from "vitest";
import { ValidationError } from "@/lib/errors";
import { inspectInvitation } from "./invite";
import { acceptInvitation } from "./onboarding";
import { requestRegistration, SELF_REGISTRATION_GROUPS } from "./registration";
import { testPrisma } from "@/test/fixtures/db";
import { freshUser } from "@/test/fixtures/people";
import { freshMunicipality } from "@/test/fixtures/municipalities";
import { ONBOARDING, tokenFromMail } from "@/test/fixtures/mail";
import { uniq } from "@/test/fixtures/unique";

const raw = testPrisma();
const ip = () => `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

describe("self-registration", () => {
  it("only for listed domains; the mailed link proves the address; always ends in the approval queue", async () => {
    // This municipality does not require approval for invitations: self-registration still does.
    const town = await freshMunicipality({ requiresApproval: false, domains: ["town.example"] });
    await expect(
      requestRegistration({ email: `x.${uniq()}@elsewhere.example`, municipality: town.slug }, ip()),
    ).rejects.toBeInstanceOf(ValidationError);
    const closed = await freshMunicipality();
    await expect(
      requestRegistration({ email: `x.${uniq()}@town.example`, municipality: closed.slug }, ip()),
    ).rejects.toThrow(/does not accept/);

    const email = `me.${uniq()}@town.example`;
    expect(await requestRegistration({ email, municipality: town.slug }, ip())).toBe("sent");
    // Nothing exists yet but the request: no account until the link is opened.
    expect(await raw.user.count({ where: { email } })).toBe(0);
    const token = await tokenFromMail(email);
    expect(await inspectInvitation(token)).toMatchObject({ state: "valid", kind: "self_registration" });
    const r = await acceptInvitation(token, ONBOARDING);
    expect(r.status).toBe("PENDING_APPROVAL");
    const m = await raw.membership.findUniqueOrThrow({ where: { id: r.membershipId } });
    expect(m).toMatchObject({
      source: "self_registration",
      groups: SELF_REGISTRATION_GROUPS,
      status: "PENDING_APPROVAL",
    });
    expect(await raw.auditEvent.count({ where: { action: "registration.request", municipalityId: town.id } })).toBe(1);
  });

  it("answers the same for members and deactivated accounts, but mails nobody", async () => {
    const town = await freshMunicipality({ domains: ["town2.example"] });
    const email = `gone.${uniq()}@town2.example`;
    await freshUser({ email, isActive: false, name: null });
    expect(await requestRegistration({ email, municipality: town.slug }, ip())).toBe("ignored");
    expect(await raw.outboxMessage.count({ where: { to: email } })).toBe(0);
    const again = `new.${uniq()}@town2.example`;
    await requestRegistration({ email: again, municipality: town.slug }, ip());
    const first = await tokenFromMail(again);
    await new Promise((r) => setTimeout(r, 5));
    await requestRegistration({ email: again, municipality: town.slug }, ip());
    // A newer request replaces the previous link.
    expect(await inspectInvitation(first)).toEqual({ state: "revoked" });
  });
});
