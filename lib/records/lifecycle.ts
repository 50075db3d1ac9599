// The status lifecycle of service requests, the one truth for lib/data (resolvedAt) and for the
// statistics ("open"). A request is open while someone still has to act on it, resolved once the
// problem is dealt with (RESOLVED, CLOSED: resolvedAt is set, it counts towards "days to
// resolve"), and rejected when it will not be acted on (REJECTED: neither open nor resolved, so
// it has no resolvedAt and does not shorten the median).
import { ServiceRequestStatus } from "@/lib/generated/prisma/enums";

export type StatusPhase = "open" | "resolved" | "rejected";

const PHASES: Record<ServiceRequestStatus, StatusPhase> = {
  SUBMITTED: "open",
  TRIAGED: "open",
  IN_PROGRESS: "open",
  RESOLVED: "resolved",
  CLOSED: "resolved",
  REJECTED: "rejected",
};

export function phaseOf(status: string): StatusPhase | undefined {
  return (PHASES as Record<string, StatusPhase>)[status];
}

export const OPEN_STATUSES = Object.values(ServiceRequestStatus).filter((s) => PHASES[s] === "open");

export function isOpen(status: string): boolean {
  return phaseOf(status) === "open";
}

/** What a status change does to resolvedAt: set when the request becomes resolved, cleared otherwise. */
export function resolvedAtFor(status: string | undefined, now = new Date()): { resolvedAt?: Date | null } {
  if (status === undefined) return {};
  return phaseOf(status) === "resolved" ? { resolvedAt: now } : { resolvedAt: null };
}
