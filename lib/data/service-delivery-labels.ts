// A connected service's deliveries in plain words (pure): what was sent ("Sign-out notice",
// "Webhook: access removed") and its state ("Failed, next try at 14:05 UTC (connection
// refused)"), never enum names. Times in UTC, as the mail outbox shows them.
import type { ServiceDeliveryKind, ServiceDeliveryStatus } from "@/lib/generated/prisma/enums";

type Row = {
  status: ServiceDeliveryStatus;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: Date;
};

/** "Sign-out notice", "Webhook: access removed". */
export function deliveryWhat(kind: ServiceDeliveryKind | undefined, event: string | undefined): string {
  if (kind === "BACKCHANNEL_LOGOUT") return "Sign-out notice";
  if (event === "access.revoked") return "Webhook: access removed";
  if (event === "access.granted") return "Webhook: access given";
  return kind === "WEBHOOK" ? "Webhook" : "Notice";
}

const hhmm = (d: Date, now: Date) => {
  const time = `${d.toISOString().slice(11, 16)} UTC`;
  return d.toISOString().slice(0, 10) === now.toISOString().slice(0, 10)
    ? time
    : `${d.toISOString().slice(0, 10)} ${time}`;
};

/**
 * The state in plain words: "Delivered", "Waiting to be sent", "Failed, next try at 14:05 UTC
 * (connection refused)", "Given up after 8 tries (the service answered HTTP 500)".
 */
export function deliveryState(r: Partial<Row>, now = new Date()): string {
  const why = r.lastError ? ` (${r.lastError})` : "";
  switch (r.status) {
    case "SENT":
      return "Delivered";
    case "PENDING":
      return (r.attempts ?? 0) > 0 ? "Being sent" : "Waiting to be sent";
    case "FAILED": {
      const next =
        r.nextAttemptAt && r.nextAttemptAt > now ? `next try at ${hhmm(r.nextAttemptAt, now)}` : "trying again now";
      return `Failed, ${next}${why}`;
    }
    case "GAVE_UP":
      return `Given up after ${r.attempts ?? 0} ${r.attempts === 1 ? "try" : "tries"}${why}`;
    default:
      return "Not shown to you";
  }
}
