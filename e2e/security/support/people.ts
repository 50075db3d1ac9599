// People the security suites need beyond the seeded test accounts, made through the shared
// fixtures (test/fixtures/people.ts: the seed's own factory), never by writing SQL.
import type { APIRequestContext } from "@playwright/test";
import { DEMO_PASSWORD, freshPerson, markDeactivated, passwordHashOf } from "../../../test/fixtures/people";
import { signedInContext } from "./crawl";

export const deactivatedEmail = (tag: string) => `deactivated-mid-session-${tag}@riverton.test`;

/** A viewer who signs in, then is deactivated while the session cookie is still in the browser. */
export async function deactivatedMidSession(
  baseURL: string,
  municipalityId: string,
  tag: string,
): Promise<APIRequestContext> {
  const email = deactivatedEmail(tag);
  await freshPerson(municipalityId, ["viewer"], {
    email,
    name: "Probe Deactivated",
    passwordHash: await passwordHashOf(DEMO_PASSWORD),
    emailVerified: new Date(),
    source: "seed",
  });
  const ctx = await signedInContext(baseURL, email, DEMO_PASSWORD);
  // As lib/flows/deactivation leaves it, minus the UI: the row changes, the cookie stays.
  await markDeactivated(email, "security probe");
  return ctx;
}
