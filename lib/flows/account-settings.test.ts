// /account on the real database: profile edits, password change (current password, step-up,
// other sessions ended, the rules of lib/schemas/password-strength.ts) and email change (confirmed
// from the new address, the old one told, one municipality per email domain, uniqueness).
import { afterAll, describe, expect, it } from "vitest";
import { testPrisma } from "@/test/fixtures/db";
import { freshMunicipality } from "@/test/fixtures/municipalities";
import { freshPerson } from "@/test/fixtures/people";
import { accountTokenFromMail } from "@/test/fixtures/mail";
import { uniq } from "@/test/fixtures/unique";
import { sha256 } from "@/lib/crypto/tokens";
import { verifyPassword } from "@/lib/crypto/password";
import { checkSession, createSession, type ActiveSession } from "@/lib/auth/session-store";
import { AMR } from "@/lib/auth/assurance";
import { StepUpRequiredError, ValidationError } from "@/lib/errors";
import { LINK_PLACEHOLDER } from "@/lib/mail/templates";
import { changeOwnPassword, ownProfile, updateOwnProfile } from "./account-settings";
import { confirmEmailChange, EMAIL_LINK_MESSAGES, emailChangeLink, requestEmailChange } from "./email-change";
import { requestPasswordReset, resetLink } from "./password-reset";

const raw = testPrisma();
afterAll(() => raw.$disconnect());
const ip = () => `10.78.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
const OLD = "the old long password";
const NEW = "lantern orchard violet";

async function signedIn(userId: string): Promise<{ sid: string; session: ActiveSession }> {
  const sid = await createSession(userId, {}, { authMethods: [AMR.password] });
  const s = await checkSession(sid);
  if (s.status !== "active") throw new Error(`session ${s.status}`);
  const { status: _s, ...session } = s;
  return { sid, session };
}

async function person(domain = "example.test") {
  const town = await freshMunicipality();
  const email = `acct.${uniq()}@${domain}`;
  const p = await freshPerson(town.id, ["viewer"], { email, password: OLD, jobTitle: "Clerk" });
  return { ...p, email, town };
}

const hashOf = async (id: string) =>
  (await raw.user.findUniqueOrThrow({ where: { id }, omit: { passwordHash: false } })).passwordHash!;

describe("profile", () => {
  it("edits name, job title and phone (on every membership), audits which fields changed, not their values", async () => {
    const p = await person();
    const other = await freshMunicipality();
    await raw.membership.create({
      data: { userId: p.id, municipalityId: other.id, status: "ACTIVE", groups: ["viewer"] },
    });
    expect(await ownProfile(p.id)).toMatchObject({ jobTitle: "Clerk", email: p.email, hasPassword: true });
    const r = await updateOwnProfile(p.id, {
      name: "Dana Q. Person",
      jobTitle: "Building inspector",
      phone: "+1 555 0199",
    });
    expect(r.changed).toEqual(["name", "jobTitle", "phone"]);
    const ms = await raw.membership.findMany({ where: { userId: p.id } });
    expect(ms.map((m) => [m.jobTitle, m.phone])).toEqual([
      ["Building inspector", "+1 555 0199"],
      ["Building inspector", "+1 555 0199"],
    ]);
    const e = await raw.auditEvent.findFirstOrThrow({
      where: { subjectUserId: p.id, action: "account.profile.updated" },
    });
    expect(e.data).toEqual({ fields: ["name", "jobTitle", "phone"] });
    // Nothing changed: no event.
    expect(
      (await updateOwnProfile(p.id, { name: "Dana Q. Person", jobTitle: "Building inspector", phone: "+1 555 0199" }))
        .changed,
    ).toEqual([]);
    const bad = await updateOwnProfile(p.id, { name: "", phone: "call me" }).catch((x) => x);
    expect(bad).toBeInstanceOf(ValidationError);
    expect(Object.keys((bad as ValidationError).fieldErrors).sort()).toEqual(["name", "phone"]);
  });
});

describe("changing one's password", () => {
  it("needs the current password; ends the other sessions, keeps this one; mails and audits; old reset links end", async () => {
    const p = await person();
    const here = await signedIn(p.id);
    const elsewhere = await signedIn(p.id);
    await requestPasswordReset({ email: p.email }, ip());
    const reset = await accountTokenFromMail(p.email, "password-reset");

    const wrong = await changeOwnPassword(
      here.session,
      { currentPassword: "not it at all", password: NEW, confirm: NEW },
      ip(),
    ).catch((e) => e);
    expect((wrong as ValidationError).fieldErrors.currentPassword).toEqual(["That is not your current password."]);
    expect(await verifyPassword(await hashOf(p.id), OLD)).toBe(true);

    const weak = await changeOwnPassword(
      here.session,
      { currentPassword: OLD, password: "password1234", confirm: "password1234" },
      ip(),
    ).catch((e) => e);
    expect(weak).toBeInstanceOf(ValidationError);
    expect((weak as ValidationError).fieldErrors.password?.[0]).toBeTruthy();
    const named = await changeOwnPassword(
      here.session,
      { currentPassword: OLD, password: `${p.email}!`, confirm: `${p.email}!` },
      ip(),
    ).catch((e) => e);
    expect((named as ValidationError).fieldErrors.password?.[0]).toMatch(/your own name or email/);

    const r = await changeOwnPassword(here.session, { currentPassword: OLD, password: NEW, confirm: NEW }, ip());
    expect(r.sessionsEnded).toBe(1);
    expect((await checkSession(here.sid)).status).toBe("active");
    expect((await checkSession(elsewhere.sid)).status).toBe("revoked");
    expect(await verifyPassword(await hashOf(p.id), NEW)).toBe(true);
    expect((await resetLink(reset)).state).not.toBe("valid");
    expect(await raw.outboxMessage.count({ where: { to: p.email, template: "password-changed" } })).toBe(1);
    expect(await raw.auditEvent.count({ where: { subjectUserId: p.id, action: "account.password.changed" } })).toBe(1);
    expect(
      await raw.auditEvent.count({ where: { subjectUserId: p.id, action: "account.password.change_refused" } }),
    ).toBe(1);
  });

  it("asks for a fresh authentication when the last one is older than 15 minutes, and changes nothing", async () => {
    const p = await person();
    const s = await signedIn(p.id);
    await raw.session.update({
      where: { id: s.session.sessionId },
      data: { authenticatedAt: new Date(Date.now() - 16 * 60_000) },
    });
    const stale = { ...s.session, authenticatedAt: new Date(Date.now() - 16 * 60_000) };
    await expect(
      changeOwnPassword(stale, { currentPassword: OLD, password: NEW, confirm: NEW }, ip()),
    ).rejects.toBeInstanceOf(StepUpRequiredError);
    await expect(
      requestEmailChange(stale, { newEmail: `n.${uniq()}@example.test`, currentPassword: OLD }, ip()),
    ).rejects.toBeInstanceOf(StepUpRequiredError);
    expect(await verifyPassword(await hashOf(p.id), OLD)).toBe(true);
    expect(await raw.accountToken.count({ where: { userId: p.id } })).toBe(0);
  });
});

describe("changing one's email address", () => {
  it("confirms the new address from a mailed link (sealed in the outbox), tells the old one; the link works once", async () => {
    const p = await person();
    const s = await signedIn(p.id);
    const newEmail = `moved.${uniq()}@example.test`;
    const noPassword = await requestEmailChange(s.session, { newEmail, currentPassword: "" }, ip()).catch((e) => e);
    expect((noPassword as ValidationError).fieldErrors.currentPassword).toBeTruthy();
    await requestEmailChange(s.session, { newEmail: newEmail.toUpperCase(), currentPassword: OLD }, ip());
    const mail = await raw.outboxMessage.findFirstOrThrow({ where: { to: newEmail, template: "email-change" } });
    expect(mail.text).toContain(LINK_PLACEHOLDER);
    const token = await accountTokenFromMail(newEmail, "email-change");
    expect(mail.text).not.toContain(token);
    expect(
      (await raw.accountToken.findFirstOrThrow({ where: { userId: p.id, purpose: "email_change" } })).tokenHash,
    ).toBe(sha256(token));
    expect(await raw.outboxMessage.count({ where: { to: p.email, template: "email-change-requested" } })).toBe(1);
    // Not changed until confirmed.
    expect((await raw.user.findUniqueOrThrow({ where: { id: p.id } })).email).toBe(p.email);
    expect(await emailChangeLink(token)).toMatchObject({ state: "valid", newEmail });

    await confirmEmailChange(token, ip());
    const u = await raw.user.findUniqueOrThrow({ where: { id: p.id } });
    expect(u.email).toBe(newEmail);
    expect(u.emailVerified).toBeTruthy();
    expect(await raw.outboxMessage.count({ where: { to: p.email, template: "email-changed" } })).toBe(1);
    expect(
      await raw.auditEvent.count({
        where: { subjectUserId: p.id, action: { in: ["account.email.change_requested", "account.email.changed"] } },
      }),
    ).toBe(2);
    await expect(confirmEmailChange(token, ip())).rejects.toThrow(EMAIL_LINK_MESSAGES.used);
    await raw.accountToken.updateMany({
      where: { tokenHash: sha256(token) },
      data: { usedAt: null, expiresAt: new Date(Date.now() - 1000) },
    });
    await expect(confirmEmailChange(token, ip())).rejects.toThrow(EMAIL_LINK_MESSAGES.expired);
    await expect(confirmEmailChange("C".repeat(43), ip())).rejects.toThrow(EMAIL_LINK_MESSAGES.invalid);
  });

  it("an address in use gets the same answer, no link, and a note to its owner; nothing changes", async () => {
    const p = await person();
    const taken = await person();
    const s = await signedIn(p.id);
    expect(await requestEmailChange(s.session, { newEmail: taken.email, currentPassword: OLD }, ip())).toEqual({
      newEmail: taken.email,
    });
    expect(await raw.accountToken.count({ where: { userId: p.id } })).toBe(0);
    expect(await raw.outboxMessage.count({ where: { to: taken.email, template: "email-taken" } })).toBe(1);
    expect(await raw.outboxMessage.count({ where: { to: taken.email, template: "email-change" } })).toBe(0);
  });

  it("a confirmation whose address was taken meanwhile changes nothing", async () => {
    const p = await person();
    const s = await signedIn(p.id);
    const newEmail = `race.${uniq()}@example.test`;
    await requestEmailChange(s.session, { newEmail, currentPassword: OLD }, ip());
    const token = await accountTokenFromMail(newEmail, "email-change");
    await freshPerson(p.town.id, ["viewer"], { email: newEmail });
    await expect(confirmEmailChange(token, ip())).rejects.toThrow(/belongs to another account/);
    expect((await raw.user.findUniqueOrThrow({ where: { id: p.id } })).email).toBe(p.email);
  });

  it("refuses a domain another municipality owns (self-registration or SSO), and SSO-managed accounts", async () => {
    const owner = await freshMunicipality({ domains: [`owned-${uniq()}.example`] });
    const domain = (await raw.municipality.findUniqueOrThrow({ where: { id: owner.id } })).selfRegistrationDomains[0]!;
    const p = await person();
    const s = await signedIn(p.id);
    const r = await requestEmailChange(s.session, { newEmail: `me@${domain}`, currentPassword: OLD }, ip()).catch(
      (e) => e,
    );
    expect(r).toBeInstanceOf(ValidationError);
    expect((r as ValidationError).fieldErrors.newEmail?.[0]).toMatch(/belongs to/);
    // riverton.test is Riverton's SSO domain (policies/sso.yaml).
    const sso = await requestEmailChange(
      s.session,
      { newEmail: `me.${uniq()}@riverton.test`, currentPassword: OLD },
      ip(),
    ).catch((e) => e);
    expect((sso as ValidationError).fieldErrors.newEmail?.[0]).toMatch(/riverton\.test belongs to Riverton/);
    // A member of the owning municipality may use its domain.
    await raw.membership.create({
      data: { userId: p.id, municipalityId: owner.id, status: "ACTIVE", groups: ["viewer"] },
    });
    await requestEmailChange(s.session, { newEmail: `me.${uniq()}@${domain}`, currentPassword: OLD }, ip());

    const managed = await person();
    await raw.account.create({
      data: { userId: managed.id, type: "oauth", provider: "sso-riverton", providerAccountId: `sub-${uniq()}` },
    });
    const ms = await signedIn(managed.id);
    const m = await requestEmailChange(
      ms.session,
      { newEmail: `x.${uniq()}@example.test`, currentPassword: OLD },
      ip(),
    ).catch((e) => e);
    expect((m as ValidationError).fieldErrors.newEmail?.[0]).toMatch(/single sign-on/);
    expect(await raw.accountToken.count({ where: { userId: { in: [managed.id] } } })).toBe(0);
  });
});
