// Citizen accounts on the real database: sign-up by mail (the same answer for every address, a
// hashed expiring link, no account until it is used), the password by the project's rules, the
// citizen principal (the citizen group, never memberships), the flows that refuse a citizen, and
// what a citizen sees of reports — their own, other people's, the ones they follow.
import { afterAll, describe, expect, it } from "vitest";
import { testPrisma } from "@/test/fixtures/db";
import { freshMunicipality } from "@/test/fixtures/municipalities";
import { addMembership, freshPerson, freshUser } from "@/test/fixtures/people";
import { freshTownWithAdmin, principalOfUser, viewerOfUser } from "@/test/fixtures/viewers";
import { uniq } from "@/test/fixtures/unique";
import { sha256 } from "@/lib/crypto/tokens";
import { verifyPassword } from "@/lib/crypto/password";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { LINK_PLACEHOLDER } from "@/lib/mail/templates";
import { openMailLink } from "@/lib/mail/outbox";
import { homePathOf } from "@/lib/identity/principal";
import {
  citizenSignupLink,
  completeCitizenSignup,
  requestCitizenSignup,
  SIGNUP_HOURS,
  SIGNUP_LINK_MESSAGES,
  SIGNUP_LIMITS,
} from "./citizen-signup";
import { MIN_ANSWER_MS, TooManyAttemptsError } from "./password-reset";
import { createInvitation } from "./invite";
import { CITIZEN_REFUSAL } from "./citizen-guard";
import { submitPublicReport } from "./public-submission";
import {
  followedRequests,
  followRequest,
  followState,
  myReport,
  myReports,
  unfollowRequest,
} from "@/lib/data/citizen-reports";
import { anonymousViewer } from "@/lib/data/anonymous-viewer";

const PASSWORD = "lantern orchard violet";
const raw = testPrisma();
afterAll(() => raw.$disconnect());
/** A client address of its own per call, so the per-address limits meet only the test that aims at them. */
const ip = () => ["10", "88", ...[0, 0].map(() => String(Math.floor(Math.random() * 250)))].join(".");

async function signupToken(email: string): Promise<string> {
  const m = await raw.outboxMessage.findFirstOrThrow({
    where: { to: email, template: "citizen-signup" },
    orderBy: { createdAt: "desc" },
    select: { linkCipher: true },
  });
  return /\/citizens\/confirm\/([A-Za-z0-9_-]+)$/.exec(openMailLink(m.linkCipher!))![1]!;
}

/** A citizen account made through the flow itself, and its viewer. */
async function freshCitizen() {
  const email = `citizen.${uniq()}@example.test`;
  await requestCitizenSignup({ email }, ip());
  const { userId } = await completeCitizenSignup(
    await signupToken(email),
    { password: PASSWORD, confirm: PASSWORD },
    ip(),
  );
  return { email, userId, viewer: await viewerOfUser(userId) };
}

const report = (municipalityId: string, title = "Broken streetlight") => ({
  municipalityId,
  category: "STREET_LIGHTING",
  title,
  description: `Dark since Monday (${uniq()}).`,
  area: "Centre",
  reporterEmail: "me@example.test",
  reporterPhone: "+1 555 0199",
});

describe("signing up", () => {
  it("mails a one-use link for a new address, stored only hashed, and makes no account yet", async () => {
    const email = `new.${uniq()}@example.test`;
    expect(await requestCitizenSignup({ email: email.toUpperCase() }, ip())).toBe("sent");
    const mail = await raw.outboxMessage.findFirstOrThrow({ where: { to: email, template: "citizen-signup" } });
    expect(mail.text).toContain(LINK_PLACEHOLDER);
    const token = await signupToken(email);
    expect(mail.text).not.toContain(token);
    const row = await raw.citizenSignup.findFirstOrThrow({ where: { email } });
    expect(row.tokenHash).toBe(sha256(token));
    expect((row.expiresAt.getTime() - row.createdAt.getTime()) / 3_600_000).toBeCloseTo(SIGNUP_HOURS, 1);
    expect(await raw.user.count({ where: { email } })).toBe(0);
    expect(await citizenSignupLink(token)).toMatchObject({ state: "valid", email });
    const trail = await raw.auditEvent.findMany({ where: { targetType: "CitizenSignup", targetId: row.id } });
    expect(trail.map((e) => e.action)).toEqual(["citizen.signup.requested"]);
    expect(JSON.stringify(trail.map((e) => e.data))).not.toContain(email);
  });

  it("answers an existing account alike, mails it the way in (no link) and never makes it a citizen", async () => {
    const town = await freshMunicipality();
    const staff = await freshPerson(town.id, ["viewer"], { password: "x-old-password-x" });
    const started = Date.now();
    expect(await requestCitizenSignup({ email: staff.email }, ip())).toBe("existing");
    expect(Date.now() - started).toBeGreaterThanOrEqual(MIN_ANSWER_MS - 5);
    expect(await raw.citizenSignup.count({ where: { email: staff.email } })).toBe(0);
    const mail = await raw.outboxMessage.findFirstOrThrow({ where: { to: staff.email } });
    expect(mail.template).toBe("citizen-signup-existing");
    expect(mail.linkCipher).toBeNull();
    expect((await raw.user.findUniqueOrThrow({ where: { id: staff.id } })).isCitizen).toBe(false);
  });

  it("a deactivated account gets nothing, with the same answer", async () => {
    const gone = await freshUser({ password: "x-old-password-x", isActive: false });
    expect(await requestCitizenSignup({ email: gone.email }, ip())).toBe("not_sent");
    expect(await raw.outboxMessage.count({ where: { to: gone.email } })).toBe(0);
  });

  it("limits mails per address silently and requests per client address with a clear answer", async () => {
    const email = `flood.${uniq()}@example.test`;
    for (let i = 0; i < SIGNUP_LIMITS.perEmail.limit; i++)
      expect(await requestCitizenSignup({ email }, ip())).toBe("sent");
    expect(await requestCitizenSignup({ email }, ip())).toBe("not_sent");
    expect(await raw.outboxMessage.count({ where: { to: email } })).toBe(SIGNUP_LIMITS.perEmail.limit);
    const from = ip();
    for (let i = 0; i < SIGNUP_LIMITS.perIp.limit; i++)
      await requestCitizenSignup({ email: `ip.${uniq()}@example.test` }, from);
    await expect(requestCitizenSignup({ email: `ip.${uniq()}@example.test` }, from)).rejects.toBeInstanceOf(
      TooManyAttemptsError,
    );
  });

  it("a newer link replaces the older one, whose waiting mail loses its link", async () => {
    const email = `twice.${uniq()}@example.test`;
    await requestCitizenSignup({ email }, ip());
    const first = await signupToken(email);
    await requestCitizenSignup({ email }, ip());
    expect((await citizenSignupLink(first)).state).toBe("replaced");
    const old = await raw.outboxMessage.findFirstOrThrow({
      where: { to: email, template: "citizen-signup" },
      orderBy: { createdAt: "asc" },
    });
    expect(old.linkCipher).toBeNull();
    await expect(completeCitizenSignup(first, { password: PASSWORD, confirm: PASSWORD }, ip())).rejects.toBeInstanceOf(
      ConflictError,
    );
  });
});

describe("choosing the password", () => {
  it("makes a citizen account with a verified address and an argon2 hash, once", async () => {
    const email = `made.${uniq()}@example.test`;
    await requestCitizenSignup({ email }, ip());
    const token = await signupToken(email);
    await completeCitizenSignup(token, { name: "Cora", password: PASSWORD, confirm: PASSWORD }, ip());
    const u = await raw.user.findUniqueOrThrow({ where: { email }, omit: { passwordHash: false } });
    expect(u).toMatchObject({ isCitizen: true, name: "Cora", platformGroups: [] });
    expect(u.emailVerified).toBeInstanceOf(Date);
    expect(await verifyPassword(u.passwordHash!, PASSWORD)).toBe(true);
    expect(await raw.membership.count({ where: { userId: u.id } })).toBe(0);
    expect((await citizenSignupLink(token)).state).toBe("used");
    await expect(completeCitizenSignup(token, { password: PASSWORD, confirm: PASSWORD }, ip())).rejects.toThrow(
      SIGNUP_LINK_MESSAGES.used,
    );
  });

  it("refuses a weak password by the project's rules and keeps the link usable", async () => {
    const email = `weak.${uniq()}@example.test`;
    await requestCitizenSignup({ email }, ip());
    const token = await signupToken(email);
    await expect(
      completeCitizenSignup(token, { password: "password1234", confirm: "password1234" }, ip()),
    ).rejects.toBeInstanceOf(ValidationError);
    expect((await citizenSignupLink(token)).state).toBe("valid");
    expect(await raw.user.count({ where: { email } })).toBe(0);
  });

  it("a wrong or malformed link is not found", async () => {
    expect((await citizenSignupLink("x".repeat(43))).state).toBe("invalid");
    expect((await citizenSignupLink("../../etc")).state).toBe("invalid");
    await expect(
      completeCitizenSignup("y".repeat(43), { password: PASSWORD, confirm: PASSWORD }, ip()),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it("an account made for the address in the meantime (an invitation) ends the link", async () => {
    const email = `raced.${uniq()}@example.test`;
    await requestCitizenSignup({ email }, ip());
    const token = await signupToken(email);
    await freshUser({ email });
    expect((await citizenSignupLink(token)).state).toBe("used");
    await expect(completeCitizenSignup(token, { password: PASSWORD, confirm: PASSWORD }, ip())).rejects.toBeInstanceOf(
      ConflictError,
    );
    expect((await raw.user.findUniqueOrThrow({ where: { email } })).isCitizen).toBe(false);
  });
});

describe("a citizen account's access", () => {
  it("holds the citizen group, lands on /my, and never carries a membership", async () => {
    const c = await freshCitizen();
    const town = await freshMunicipality();
    // A membership row no flow would make: it still gives nothing.
    await addMembership(c.userId, town.id, ["municipality_admin"]);
    const p = await principalOfUser(c.userId);
    expect(p).toMatchObject({ kind: "user", isCitizen: true, memberships: [], platformGroups: [] });
    expect(homePathOf(p)).toBe("/my");
  });

  it("an invitation to a citizen's address is refused, and nothing is sent", async () => {
    const c = await freshCitizen();
    const { town, admin } = await freshTownWithAdmin();
    await expect(createInvitation(admin, town.id, { email: c.email, groups: ["viewer"] })).rejects.toThrow(
      CITIZEN_REFUSAL(c.email),
    );
    expect(await raw.invitation.count({ where: { email: c.email } })).toBe(0);
  });
});

describe("reports and following", () => {
  it("a report filed as a citizen is theirs: listed with its details, followed, and hidden from other citizens", async () => {
    const town = await freshMunicipality();
    const cora = await freshCitizen();
    const other = await freshCitizen();
    const { reference } = await submitPublicReport(cora.viewer, report(town.id), ip());
    const row = await raw.serviceRequest.findFirstOrThrow({
      where: { municipalityId: town.id, reference: reference! },
    });
    expect(row.reporterUserId).toBe(cora.userId);
    expect(await raw.requestFollower.count({ where: { requestId: row.id, userId: cora.userId } })).toBe(1);

    const mine = await myReports(cora.viewer);
    expect(mine.map((r) => r.reference)).toContain(reference);
    const own = await myReport(cora.viewer, town.slug, reference!);
    expect(own.request).toMatchObject({ reporterEmail: "me@example.test", reporterPhone: "+1 555 0199" });
    expect(own.request).not.toHaveProperty("internalNotes");

    // Another citizen: nothing in their lists; the report's private view is not found.
    expect((await myReports(other.viewer)).map((r) => r.id)).not.toContain(row.id);
    await expect(myReport(other.viewer, town.slug, reference!)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("a report that is not public stays visible to its citizen, and to nobody else", async () => {
    const town = await freshMunicipality();
    const cora = await freshCitizen();
    const other = await freshCitizen();
    const { reference } = await submitPublicReport(cora.viewer, report(town.id, "Private report"), ip());
    await raw.serviceRequest.updateMany({
      where: { municipalityId: town.id, reference: reference! },
      data: { isPublic: false },
    });
    expect((await myReport(cora.viewer, town.slug, reference!)).request.isPublic).toBe(false);
    await expect(followRequest(other.viewer, town.slug, reference!)).rejects.toBeInstanceOf(ValidationError); // "no public report with this reference", on the field
    expect(await followState(other.viewer, town.slug, reference!)).toBeNull();
  });

  it("follows another citizen's public report, lists it, unfollows it — and staff get not found", async () => {
    const town = await freshMunicipality();
    const anon = await anonymousViewer();
    const { reference } = await submitPublicReport(anon, report(town.id, "Pothole"), ip());
    const cora = await freshCitizen();
    expect(await followState(cora.viewer, town.slug, reference!)).toMatchObject({ following: false });
    await followRequest(cora.viewer, town.slug, reference!);
    await followRequest(cora.viewer, town.slug, reference!); // twice: still one row, one audit event
    const followed = await followedRequests(cora.viewer);
    expect(followed.map((r) => r.reference)).toEqual([reference]);
    // What the public sees, no more: no description, no contact details.
    expect(followed[0]).not.toHaveProperty("reporterEmail");
    expect(followed[0]).not.toHaveProperty("description");
    const state = await followState(cora.viewer, town.slug, reference!);
    expect(state).toMatchObject({ following: true });
    expect(await raw.auditEvent.count({ where: { action: "citizen.follow", actorId: cora.userId } })).toBe(1);
    await unfollowRequest(cora.viewer, state!.requestId);
    expect(await followedRequests(cora.viewer)).toEqual([]);
    await expect(unfollowRequest(cora.viewer, state!.requestId)).rejects.toBeInstanceOf(NotFoundError);
    await followRequest(cora.viewer, town.slug, reference!); // following again reuses the row
    expect(await raw.requestFollower.count({ where: { requestId: state!.requestId, userId: cora.userId } })).toBe(1);

    const { admin } = await freshTownWithAdmin();
    await expect(myReports(admin)).rejects.toBeInstanceOf(NotFoundError);
    await expect(followRequest(admin, town.slug, reference!)).rejects.toBeInstanceOf(NotFoundError);
    expect(await followState(admin, town.slug, reference!)).toBeNull();
  });
});
