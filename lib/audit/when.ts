// Times as a municipality's staff read them: in its time zone (Municipality.timeZone), with the
// zone named, and UTC kept for the hover and the export. The audit log's date filters mean the
// municipality's calendar days, so "from 1 December" starts at its local midnight, not UTC's.
// Pure (Intl only), shared by lib/people/audit-log.ts and the pages.

/** A zone this runtime knows (an IANA name such as "Europe/Amsterdam"), else UTC. */
export function knownZone(tz: string | null | undefined): string {
  if (!tz) return "UTC";
  try {
    new Intl.DateTimeFormat("en-GB", { timeZone: tz });
    return tz;
  } catch {
    return "UTC";
  }
}

/** "1 Dec 2026, 18:25:03 CET" in the zone. */
export function localTime(at: Date, tz: string): string {
  return new Intl.DateTimeFormat("en-GB", {
    timeZone: knownZone(tz),
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
    timeZoneName: "short",
  }).format(at);
}

/** "2026-12-01 17:25:03 UTC": the hover text and the export's UTC column. */
export function utcTime(at: Date): string {
  return `${at.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

/** The zone's offset from UTC at `at`, in milliseconds (CET: +3 600 000). */
function offsetAt(tz: string, at: Date): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", {
      timeZone: tz,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const asUtc = Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour!, +parts.minute!, +parts.second!);
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

/** The instant a calendar day ("2026-12-01") starts in the zone (its local midnight, DST included). */
export function dayStart(day: string, tz: string): Date {
  const zone = knownZone(tz);
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const guess = Date.UTC(y, m - 1, d);
  const first = guess - offsetAt(zone, new Date(guess));
  return new Date(guess - offsetAt(zone, new Date(first)));
}

/** The instant the day after `day` starts in the zone (the exclusive end of a "to" filter). */
export function dayEnd(day: string, tz: string): Date {
  const next = new Date(`${day}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return dayStart(next.toISOString().slice(0, 10), tz);
}

/** Every zone this runtime knows, for the settings' choice. */
export function zoneNames(): string[] {
  const list = (Intl as unknown as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.("timeZone");
  return list && list.length ? (list.includes("UTC") ? list : ["UTC", ...list]) : ["UTC"];
}
