// Self-registration (docs/requirements.md#municipal-platform): a municipality may let people with an address in one of its listed
// email domains ask to join. Such requests always end in the approval queue, whatever the
// municipality's approval setting. The request is a self-registration invitation mailed to the
// address itself — the person proves they own it by opening the link — after which onboarding is
// the same as for an invitation (lib/flows/onboarding.ts). The answer to the requester is the same
// whether or not anything was sent, so the form cannot be used to probe who has an account.
import "server-only";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { enqueueMail, withdrawMailLinks } from "@/lib/mail/outbox";
import { registrationMail } from "@/lib/mail/templates";
import { kickMailer } from "@/lib/jobs/mail-worker";
import { hitRateLimit } from "@/lib/rate-limit";
import { newSecret, sha256 } from "@/lib/crypto/tokens";
import { AppError, ValidationError, parseFormInput } from "@/lib/errors";
import { registrationInput, type RegistrationInput } from "@/lib/schemas/people";
import { INVITE_DAYS } from "./invite";

/** What self-registered people get once approved: read-only ("basic permissions", docs/requirements.md#municipal-platform). */
export const SELF_REGISTRATION_GROUPS = ["viewer"];
export const REGISTRATIONS_PER_IP = { limit: 10, windowSeconds: 3600 };
/** Per address: stops the form from being used to flood someone's mailbox. */
export const REGISTRATIONS_PER_EMAIL = { limit: 3, windowSeconds: 24 * 3600 };

export class TooManyRegistrationsError extends AppError {
  constructor() {
    super("Too many requests from here. Please try again later.", 429, "TooManyRegistrationsError");
  }
}

export const domainOf = (email: string) => email.slice(email.lastIndexOf("@") + 1).toLowerCase();

/** Municipalities that accept self-registration, for the form. */
export async function municipalitiesOpenForRegistration(): Promise<
  { slug: string; name: string; domains: string[] }[]
> {
  const rows = await db.municipality.findMany({
    where: { archivedAt: null, NOT: { selfRegistrationDomains: { isEmpty: true } } },
    select: { slug: true, name: true, selfRegistrationDomains: true },
    orderBy: { name: "asc" },
  });
  return rows.map((r) => ({ slug: r.slug, name: r.name, domains: r.selfRegistrationDomains }));
}

export type RegistrationOutcome = "sent" | "ignored";

/**
 * Validates and, if everything fits, sends the confirmation link. A wrong domain is a field error
 * (the allowed domains are public on the form); everything about existing accounts is not.
 */
export async function requestRegistration(input: RegistrationInput, ip: string): Promise<RegistrationOutcome> {
  const { email, municipality: slug } = parseFormInput(registrationInput, input);
  const byIp = await hitRateLimit(`register:ip:${ip}`, REGISTRATIONS_PER_IP.limit, REGISTRATIONS_PER_IP.windowSeconds);
  if (!byIp.allowed) throw new TooManyRegistrationsError();
  const muni = await db.municipality.findUnique({
    where: { slug },
    select: { id: true, name: true, selfRegistrationDomains: true, archivedAt: true },
  });
  if (!muni || muni.archivedAt || muni.selfRegistrationDomains.length === 0)
    throw new ValidationError("This municipality does not accept self-registration.", {
      municipality: ["not open for self-registration"],
    });
  if (!muni.selfRegistrationDomains.map((d) => d.toLowerCase()).includes(domainOf(email))) {
    throw new ValidationError(
      `Use an address ending in ${muni.selfRegistrationDomains.map((d) => `@${d}`).join(" or ")}.`,
      { email: ["not an allowed email domain"] },
    );
  }
  const byEmail = await hitRateLimit(
    `register:email:${email}`,
    REGISTRATIONS_PER_EMAIL.limit,
    REGISTRATIONS_PER_EMAIL.windowSeconds,
  );
  if (!byEmail.allowed) return "ignored";
  const user = await db.user.findUnique({
    where: { email },
    select: {
      isActive: true,
      isCitizen: true,
      memberships: { where: { municipalityId: muni.id }, select: { status: true } },
    },
  });
  // Deactivated people get no mail; members need no request. Same answer to the requester.
  if (user && (!user.isActive || user.isCitizen || (user.memberships[0] && user.memberships[0].status !== "REJECTED")))
    return "ignored";
  const token = newSecret(32);
  await db.$transaction(async (tx) => {
    // One open request per address and municipality: a new request replaces the previous link.
    const replaced = await tx.invitation.updateManyAndReturn({
      where: { municipalityId: muni.id, email, kind: "self_registration", acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
      select: { id: true },
    });
    await withdrawMailLinks(
      tx,
      replaced.map((r) => r.id),
      "a newer request replaced it",
    );
    const inv = await tx.invitation.create({
      data: {
        municipalityId: muni.id,
        email,
        groups: SELF_REGISTRATION_GROUPS,
        allowedCategories: [],
        tokenHash: sha256(token),
        expiresAt: new Date(Date.now() + INVITE_DAYS * 86_400_000),
        invitedById: "self",
        kind: "self_registration",
      },
      select: { id: true },
    });
    await enqueueMail(tx, {
      to: email,
      municipalityId: muni.id,
      invitationId: inv.id,
      ...registrationMail({ municipality: muni.name, token, days: INVITE_DAYS }),
    });
    await recordAudit(tx, {
      action: "registration.request",
      actorType: "anonymous",
      municipalityId: muni.id,
      targetType: "Invitation",
      targetId: inv.id,
      ip,
      data: { email },
    });
  });
  await kickMailer();
  return "sent";
}
