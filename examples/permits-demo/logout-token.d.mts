// Types for logout-token.mjs (plain JavaScript run by `node`), for the TypeScript that tests it.
export const BACKCHANNEL_LOGOUT_EVENT: string;
export class LogoutTokenError extends Error {}
export function createLogoutTokenVerifier(opts: {
  issuer: string;
  clientId: string;
  jwksUri: string | URL | (() => Promise<string | URL>);
  maxAgeSeconds?: number;
  clockToleranceSeconds?: number;
  now?: () => number;
}): (token: unknown) => Promise<{ sub?: string; sid?: string; jti: string; iat: number; replay: boolean }>;
