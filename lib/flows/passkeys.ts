// Adding, renaming and removing a person's own passkeys: each one transaction with its audit
// event, and for adding and removing a mail to the person (SP 800-63B §6.1.2.2: a person is told
// when an authenticator is bound to or removed from their account, so an attacker's passkey does
// not go unnoticed). Adding and removing change the person's credentials and need a recent
// authentication (step-up); renaming is cosmetic and does not. The WebAuthn checks are
// lib/auth/passkeys.ts's; every query here is scoped to the caller's own passkeys.
import "server-only";
import { db } from "@/lib/db";
import { mailingTransaction } from "./mailing-tx";
import { auditOwnChange } from "@/lib/audit/own-change";
import { enqueueMail } from "@/lib/mail/outbox";
import { passkeyAddedMail, passkeyRemovedMail } from "@/lib/mail/templates";
import { NotFoundError, ValidationError } from "@/lib/errors";
import {
  MAX_PASSKEYS,
  passkeyError,
  passkeyName,
  verifyPasskeyRegistration,
  type RegistrationPurpose,
} from "@/lib/auth/passkeys";
import { requireRecentAuth } from "@/lib/auth/step-up";
import type { ActiveSession } from "@/lib/auth/session-store";

type Meta = { ip?: string | null };

function nameOf(input: unknown): string {
  const name = passkeyName.safeParse(input);
  if (!name.success)
    throw new ValidationError(name.error.issues[0]!.message, { name: name.error.issues.map((i) => i.message) });
  return name.data;
}

/** Verifies the browser's registration answer and stores the passkey under `name`; audited and mailed. */
export async function registerPasskey(
  session: ActiveSession,
  purpose: RegistrationPurpose,
  raw: unknown,
  nameInput: unknown,
  meta: Meta = {},
): Promise<{ id: string; name: string }> {
  const name = nameOf(nameInput);
  const key = await verifyPasskeyRegistration(session, purpose, raw, meta);
  return mailingTransaction(async (tx) => {
    const user = await tx.user.findUniqueOrThrow({
      where: { id: session.userId },
      select: { email: true, isActive: true, _count: { select: { passkeys: true } } },
    });
    if (!user.isActive) throw passkeyError("rejected");
    if (user._count.passkeys >= MAX_PASSKEYS)
      throw new ValidationError(`You already have ${MAX_PASSKEYS} passkeys. Remove one before adding another.`);
    if (await tx.webAuthnCredential.findUnique({ where: { credentialId: key.credentialId }, select: { id: true } }))
      throw passkeyError("duplicate");
    const created = await tx.webAuthnCredential.create({
      data: { userId: session.userId, name, ...key },
      select: { id: true, name: true },
    });
    await auditOwnChange(tx, session.userId, {
      action: "auth.passkey.registered",
      targetType: "WebAuthnCredential",
      targetId: created.id,
      ip: meta.ip,
      data: { name, purpose, deviceType: key.deviceType, backedUp: key.backedUp },
    });
    await enqueueMail(tx, { to: user.email, userId: session.userId, ...passkeyAddedMail({ name }) });
    return created;
  });
}

/** Renames one of the person's own passkeys. */
export async function renamePasskey(
  userId: string,
  passkeyId: string,
  nameInput: unknown,
  meta: Meta = {},
): Promise<{ changed: boolean }> {
  const name = nameOf(nameInput);
  return db.$transaction(async (tx) => {
    const before = await tx.webAuthnCredential.findFirst({ where: { id: passkeyId, userId }, select: { name: true } });
    if (!before) throw new NotFoundError("That passkey is not one of yours (or was removed).");
    if (before.name === name) return { changed: false };
    await tx.webAuthnCredential.updateMany({ where: { id: passkeyId, userId }, data: { name } });
    await auditOwnChange(tx, userId, {
      action: "auth.passkey.renamed",
      targetType: "WebAuthnCredential",
      targetId: passkeyId,
      ip: meta.ip,
      data: { from: before.name, to: name },
    });
    return { changed: true };
  });
}

/** Removes one of the person's own passkeys (step-up first); audited and mailed. */
export async function removePasskey(
  session: ActiveSession,
  passkeyId: string,
  meta: Meta = {},
): Promise<{ name: string }> {
  await requireRecentAuth(session);
  return mailingTransaction(async (tx) => {
    const row = await tx.webAuthnCredential.findFirst({
      where: { id: passkeyId, userId: session.userId },
      select: { name: true, user: { select: { email: true } } },
    });
    if (!row) throw new NotFoundError("That passkey is not one of yours (or was already removed).");
    const gone = await tx.webAuthnCredential.deleteMany({ where: { id: passkeyId, userId: session.userId } });
    if (gone.count !== 1) throw new NotFoundError("That passkey was already removed.");
    await auditOwnChange(tx, session.userId, {
      action: "auth.passkey.removed",
      targetType: "WebAuthnCredential",
      targetId: passkeyId,
      ip: meta.ip,
      data: { name: row.name },
    });
    await enqueueMail(tx, { to: row.user.email, userId: session.userId, ...passkeyRemovedMail({ name: row.name }) });
    return { name: row.name };
  });
}
