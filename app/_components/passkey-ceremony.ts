"use client";

// The browser's half of a passkey ceremony, shared by every passkey form: run
// navigator.credentials.create/get through @simplewebauthn/browser and say in plain words why it
// did not work (cancelled, already registered here, no passkey support) instead of a DOMException.
import {
  browserSupportsWebAuthn,
  startAuthentication,
  startRegistration,
  WebAuthnError,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from "@simplewebauthn/browser";

export type Ceremony<T> = { ok: true; response: T } | { ok: false; message: string };

function explain(err: unknown): string {
  const code = err instanceof WebAuthnError ? err.code : undefined;
  const name = err instanceof Error ? err.name : "";
  if (code === "ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED" || name === "InvalidStateError")
    return "This device already holds one of your passkeys.";
  if (name === "NotAllowedError" || code === "ERROR_CEREMONY_ABORTED")
    return "The passkey request was cancelled or timed out. Try again.";
  return "Your browser or device could not use a passkey here.";
}

const unsupported = { ok: false as const, message: "This browser does not support passkeys." };

/** One ceremony, run by the browser: its answer, or why there is none in plain words. */
async function runCeremony<T>(ceremony: () => Promise<T>): Promise<Ceremony<T>> {
  if (!browserSupportsWebAuthn()) return unsupported;
  try {
    return { ok: true, response: await ceremony() };
  } catch (err) {
    return { ok: false, message: explain(err) };
  }
}

export function createPasskey(
  optionsJSON: PublicKeyCredentialCreationOptionsJSON,
): Promise<Ceremony<RegistrationResponseJSON>> {
  return runCeremony(() => startRegistration({ optionsJSON }));
}

export function answerWithPasskey(
  optionsJSON: PublicKeyCredentialRequestOptionsJSON,
): Promise<Ceremony<AuthenticationResponseJSON>> {
  return runCeremony(() => startAuthentication({ optionsJSON }));
}
