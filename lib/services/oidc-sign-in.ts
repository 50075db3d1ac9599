// Signing in to a connected service reuses the Gatehouse session (DESIGN.md "Services"): the one
// decision, made from the person's current Gatehouse session and their access to the service, that
// both the sign-in page (/services/sign-in/<uid>, lib/services/oidc-interaction.ts) and the
// provider's silent path (prompt=none, lib/services/oidc-provider.ts) take. Only a COMPLETE
// session counts (lib/auth/assurance.ts: password plus the second factor or enrollment the
// person's municipalities require); a sign-in still at its second factor is sent to finish it.
//
// Service rows are read directly (not through lib/data): this is the provider resolving the
// client a request names, before any person is involved — like lib/auth's session store.
import "server-only";
import { decode } from "next-auth/jwt";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { AMR } from "@/lib/auth/assurance";
import { checkSession, type SessionCheck } from "@/lib/auth/session-store";
import { sessionCookieName } from "@/lib/auth/session-cookie";
import { isViewingAs } from "@/lib/auth/view-as";
import { hasServiceAccess } from "./access";
import { countAuthzDecision } from "@/lib/ops/metrics";

/** What the provider needs of a Service row. */
export type ProviderService = {
  id: string;
  name: string;
  slug: string;
  clientId: string;
  municipalityId: string | null;
  resourceTypes: string[];
  disabledAt: Date | null;
};

const SERVICE_SELECT = {
  id: true,
  name: true,
  slug: true,
  clientId: true,
  municipalityId: true,
  resourceTypes: true,
  disabledAt: true,
} as const;

/** What a client id can look like (lib/services/client-secret.ts makes `svc_` + base64url). */
export const CLIENT_ID = /^[A-Za-z0-9_-]{1,100}$/;

/** The enabled service with this client id, or null (unknown and disabled alike). */
export async function serviceForClient(clientId: string | undefined): Promise<ProviderService | null> {
  if (!clientId || !CLIENT_ID.test(clientId)) return null;
  const row = await db.service.findUnique({ where: { clientId }, select: SERVICE_SELECT });
  return row && !row.disabledAt ? row : null;
}

/** One cookie's value from a raw Cookie header (the provider's requests are not Next's). */
export function cookieFrom(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const i = part.indexOf("=");
    if (i < 0 || part.slice(0, i).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(i + 1).trim());
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/**
 * The Gatehouse session a raw Cookie header carries, checked as lib/auth/current-session.ts
 * checks it (same cookie name, same next-auth decoding, same Session row rules).
 */
export async function gatehouseSessionFrom(cookieHeader: string | undefined): Promise<SessionCheck> {
  const raw = cookieFrom(cookieHeader, sessionCookieName());
  if (!raw) return { status: "none" };
  const token = await decode({ token: raw, secret: env().AUTH_SECRET }).catch(() => null);
  return checkSession(typeof token?.sid === "string" ? token.sid : undefined);
}

/** acr values this provider states (discovery's acr_values_supported). */
export const ACR = { singleFactor: "urn:gatehouse:aal1", multiFactor: "urn:gatehouse:aal2" } as const;

const SECOND_FACTORS: readonly string[] = [AMR.passkey, AMR.totp, AMR.mfa, AMR.recovery];
/** RFC 8176 values only (a recovery code has none: it finished a second-factor stage, so `mfa`). */
const RFC_8176 = new Set<string>([AMR.password, AMR.totp, AMR.passkey, AMR.federated, AMR.mfa]);

/** The Gatehouse session's methods as the ID token's amr and acr. */
export function assuranceOf(authMethods: readonly string[]): { amr: string[]; acr: string } {
  const multi = authMethods.some((m) => SECOND_FACTORS.includes(m));
  const amr = new Set(authMethods.filter((m) => RFC_8176.has(m)));
  if (multi) amr.add(AMR.mfa);
  return { amr: [...amr].sort(), acr: multi ? ACR.multiFactor : ACR.singleFactor };
}

export type ServiceSignIn =
  /** Not signed in to Gatehouse (or the session ended): sign in first; `reason` for the sign-in page. */
  | { kind: "sign-in"; reason: "required" | "expired" | "idle" | "revoked" | "deactivated" }
  /** Signed in with a first factor only: finish that sign-in first. */
  | { kind: "finish-sign-in"; stage: "SECOND_FACTOR" | "ENROLL" }
  /** The session views as someone (lib/auth/view-as.ts): nobody signs in to another application as someone else. */
  | { kind: "viewing-as" }
  /** Signed in, but this person may not use this service. */
  | { kind: "no-access"; userId: string }
  | {
      kind: "allowed";
      userId: string;
      sessionId: string;
      amr: string[];
      acr: string;
      /** When the Gatehouse session signed in (its row's creation): the provider session must not predate it. */
      sessionStartedAt: Date;
    };

export async function decideServiceSignIn(session: SessionCheck, service: ProviderService): Promise<ServiceSignIn> {
  if (session.status === "partial") return { kind: "finish-sign-in", stage: session.stage };
  if (session.status !== "active")
    return { kind: "sign-in", reason: session.status === "none" ? "required" : session.status };
  if (await isViewingAs(session.sessionId)) return { kind: "viewing-as" };
  const allowed = await hasServiceAccess(session.userId, service);
  countAuthzDecision(allowed ? "allow" : "deny", "service_sign_in");
  if (!allowed) return { kind: "no-access", userId: session.userId };
  const row = await db.session.findUnique({ where: { id: session.sessionId }, select: { createdAt: true } });
  return {
    kind: "allowed",
    userId: session.userId,
    sessionId: session.sessionId,
    ...assuranceOf(session.authMethods),
    sessionStartedAt: row?.createdAt ?? new Date(),
  };
}

/**
 * The person signed in to the service: the link the access engine cuts when their access ends
 * (lib/services/access-end.ts). First and last sign-in kept; an ended link is live again.
 */
export async function recordServiceSignIn(service: ProviderService, userId: string): Promise<void> {
  const now = new Date();
  await db.serviceLink.upsert({
    where: { serviceId_userId: { serviceId: service.id, userId } },
    create: {
      serviceId: service.id,
      municipalityId: service.municipalityId,
      userId,
      firstSignInAt: now,
      lastSignInAt: now,
    },
    update: { lastSignInAt: now, endedAt: null, endReason: null },
  });
}
