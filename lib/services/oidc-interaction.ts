// The sign-in page of connected services (/services/sign-in/<uid>): every authorization request of
// a service lands here (lib/services/oidc-provider.ts always asks), and this decides it from the
// Gatehouse session — at once, with nothing to type, when the person is fully signed in and may
// use the service (lib/services/oidc-sign-in.ts decideServiceSignIn).
//
// An interaction is bound to the browser that started it: oidc-provider set its uid in a signed
// cookie (OIDC_COOKIES.interaction, path /services/sign-in/<uid>) when it sent the browser here,
// and the interaction is read only through that cookie (provider.interactionDetails). A uid alone
// — a link sent to someone else — finishes nothing: without the cookie the interaction is "gone".
import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { SessionCheck } from "@/lib/auth/session-store";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { oidcProvider } from "./oidc-provider";
import { decideServiceSignIn, recordServiceSignIn, serviceForClient } from "./oidc-sign-in";

const UID = /^[A-Za-z0-9_-]{1,64}$/;

type Interaction = Awaited<ReturnType<Awaited<ReturnType<typeof oidcProvider>>["interactionDetails"]>>;

/**
 * The interaction `uid` if this browser's signed interaction cookie names it, else null. Read by
 * oidc-provider itself (interactionDetails checks the cookie's signature and that the provider
 * session it started in is still the same person's); the request it reads is a stand-in holding
 * only the Cookie header, since a Next page has no node request.
 */
async function boundInteraction(uid: string, cookieHeader: string | null): Promise<Interaction | null> {
  if (!UID.test(uid) || !cookieHeader) return null;
  const provider = await oidcProvider();
  const app = new URL(env().APP_URL);
  const req = {
    headers: { cookie: cookieHeader, host: app.host, "x-forwarded-proto": app.protocol.replace(":", "") },
    url: `/services/sign-in/${uid}`,
    method: "GET",
    socket: {},
  } as unknown as IncomingMessage;
  const res = {
    getHeader: () => undefined,
    setHeader: () => undefined,
    headersSent: false,
  } as unknown as ServerResponse;
  try {
    const interaction = await provider.interactionDetails(req, res);
    return interaction.uid === uid && interaction.prompt.name === "login" ? interaction : null;
  } catch {
    return null; // no cookie, a forged or expired one, another person's provider session
  }
}

/** What the page shows or where it sends the browser. */
export type ServiceSignInView =
  | { kind: "gone" }
  | { kind: "sign-in"; reason: string; next: string }
  | { kind: "finish-sign-in"; stage: "SECOND_FACTOR" | "ENROLL"; next: string }
  | { kind: "no-access"; serviceName: string; municipalityName: string | null; accessContact: string | null }
  | { kind: "viewing-as"; serviceName: string }
  | { kind: "redirect"; to: string };

export function signInPagePath(uid: string): string {
  return `/services/sign-in/${uid}`;
}

/**
 * The page's decision. Finishing (`redirect`) writes the login into the interaction — the person,
 * and amr/acr from their Gatehouse session — and records the person's link to the service; the
 * browser then resumes at the provider, which issues the code.
 */
export async function openServiceSignIn(
  uid: string,
  cookieHeader: string | null,
  session: SessionCheck,
): Promise<ServiceSignInView> {
  const interaction = await boundInteraction(uid, cookieHeader);
  if (!interaction) return { kind: "gone" };
  const service = await serviceForClient(String(interaction.params.client_id ?? ""));
  if (!service) return { kind: "gone" };
  const decision = await decideServiceSignIn(session, service);
  const next = signInPagePath(uid);
  switch (decision.kind) {
    case "sign-in":
      return { kind: "sign-in", reason: decision.reason, next };
    case "finish-sign-in":
      return { kind: "finish-sign-in", stage: decision.stage, next };
    case "viewing-as":
      return { kind: "viewing-as", serviceName: service.name };
    case "no-access": {
      const muni = service.municipalityId
        ? await db.municipality.findUnique({
            where: { id: service.municipalityId },
            select: { name: true, accessContact: true },
          })
        : null;
      return {
        kind: "no-access",
        serviceName: service.name,
        municipalityName: muni?.name ?? null,
        accessContact: muni?.accessContact ?? null,
      };
    }
    case "allowed": {
      interaction.result = {
        login: {
          accountId: decision.userId,
          amr: decision.amr,
          acr: decision.acr,
          // A browser-session cookie: the provider's session never outlives the browser's Gatehouse one.
          remember: false,
        },
      };
      await interaction.save(Math.max(1, interaction.exp - Math.floor(Date.now() / 1000)));
      await recordServiceSignIn(service, decision.userId);
      return { kind: "redirect", to: interaction.returnTo };
    }
  }
}

/**
 * "Back to the service" on the no-access page: the service gets access_denied. Only for the browser
 * the interaction is bound to; answers where to send it, or null when the interaction is gone.
 */
export async function refuseServiceSignIn(uid: string, cookieHeader: string | null): Promise<string | null> {
  const interaction = await boundInteraction(uid, cookieHeader);
  if (!interaction) return null;
  interaction.result = {
    error: "access_denied",
    error_description: "This person may not use this service.",
  };
  await interaction.save(Math.max(1, interaction.exp - Math.floor(Date.now() / 1000)));
  return interaction.returnTo;
}
