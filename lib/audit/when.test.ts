// Times in a municipality's zone: its calendar days start at its local midnight, summer time included.
import { describe, expect, it } from "vitest";
import { dayEnd, dayStart, knownZone, localTime, utcTime } from "./when";

describe("times in a municipality's zone", () => {
  it("start a day at local midnight, in winter and in summer, and end it at the next one", () => {
    expect(dayStart("2026-12-01", "Europe/Amsterdam").toISOString()).toBe("2026-11-30T23:00:00.000Z");
    expect(dayStart("2026-07-01", "Europe/Amsterdam").toISOString()).toBe("2026-06-30T22:00:00.000Z");
    expect(dayEnd("2026-12-31", "Europe/Amsterdam").toISOString()).toBe("2026-12-31T23:00:00.000Z");
    expect(dayStart("2026-12-01", "UTC").toISOString()).toBe("2026-12-01T00:00:00.000Z");
    // The day summer time starts has 23 hours.
    const start = dayStart("2026-03-29", "Europe/Amsterdam").getTime();
    expect(dayEnd("2026-03-29", "Europe/Amsterdam").getTime() - start).toBe(23 * 3_600_000);
  });

  it("show the local time with its zone and keep UTC for the hover; an unknown zone is UTC", () => {
    const at = new Date("2026-12-01T17:25:03Z");
    expect(localTime(at, "Europe/Amsterdam")).toMatch(/1 Dec 2026.*18:25:03.*CET/);
    expect(utcTime(at)).toBe("2026-12-01 17:25:03 UTC");
    expect(knownZone("Mars/Olympus")).toBe("UTC");
    expect(localTime(at, "Mars/Olympus")).toMatch(/17:25:03 UTC/);
  });
});
