// How much of each security suite runs. `npm test` runs the reduced size (every route, account
// and action, fewer samples and payloads); `npm run test:security:full` sets SECURITY_SIZE=full.
export const FULL = process.env.SECURITY_SIZE === "full";

/** Pick the reduced or the full value. */
export function size<T>(reduced: T, full: T): T {
  return FULL ? full : reduced;
}
