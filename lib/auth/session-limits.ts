// Which idle limit a person's session gets (NIST SP 800-53 AC-11 / SP 800-63B §7.2 reauthentication
// after inactivity). Each municipality sets its own (Municipality.sessionIdleMinutes, 5–60); a
// person who belongs to several gets the strictest of them, because a session carries all their
// memberships at once. A person without a membership (platform staff, a citizen) gets the default.
// Fixed when the session starts: a changed setting applies from the next sign-in.
import "server-only";
import { db } from "@/lib/db";
import { IDLE_MINUTES_RANGE } from "@/lib/schemas/municipality-settings";

export const DEFAULT_IDLE_MINUTES = 30;
export { IDLE_MINUTES_RANGE };
/** How long before the idle limit the browser warns and offers to stay signed in. */
export const IDLE_WARNING_SECONDS = 60;

const clamp = (n: number) => Math.min(IDLE_MINUTES_RANGE.max, Math.max(IDLE_MINUTES_RANGE.min, n));

export async function idleMinutesFor(userId: string): Promise<number> {
  const strictest = await db.municipality.aggregate({
    _min: { sessionIdleMinutes: true },
    where: { memberships: { some: { userId, status: { in: ["ACTIVE", "PENDING_APPROVAL"] } } } },
  });
  return clamp(strictest._min.sessionIdleMinutes ?? DEFAULT_IDLE_MINUTES);
}
