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

export async function createPasskey(
  optionsJSON: PublicKeyCredentialCreationOptionsJSON,
): Promise<Ceremony<RegistrationResponseJSON>> {
  if (!browserSupportsWebAuthn()) return unsupported;
  try {
    return { ok: true, response: await startRegistration({ optionsJSON }) };
  } catch (err) {
    return { ok: false, message: explain(err) };
  }
}

export async function answerWithPasskey(
  optionsJSON: PublicKeyCredentialRequestOptionsJSON,
): Promise<Ceremony<AuthenticationResponseJSON>> {
  if (!browserSupportsWebAuthn()) return unsupported;
  try {
    return { ok: true, response: await startAuthentication({ optionsJSON }) };
  } catch (err) {
    return { ok: false, message: explain(err) };
  }
}
