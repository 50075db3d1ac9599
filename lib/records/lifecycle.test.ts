// The status lifecycle is one truth: what the statistics count as open and what lib/data does to
// resolvedAt agree for every status (REJECTED was "not open" for the stats panel and "reopened"
// for lib/data's resolvedAt rule, two rules written in two places).
import { describe, expect, it } from "vitest";
import { ServiceRequestStatus } from "@/lib/generated/prisma/enums";
import { isOpen, OPEN_STATUSES, phaseOf, resolvedAtFor } from "./lifecycle";
import { serviceRequest } from "./service-request";

describe("service request lifecycle", () => {
  it("gives every status exactly one phase", () => {
    for (const s of Object.values(ServiceRequestStatus)) expect(["open", "resolved", "rejected"]).toContain(phaseOf(s));
    expect(OPEN_STATUSES).toEqual(["SUBMITTED", "TRIAGED", "IN_PROGRESS"]);
  });

  it("sets resolvedAt exactly for resolved statuses, clears it otherwise, and REJECTED is neither open nor resolved", () => {
    const now = new Date("2026-12-01T00:00:00Z");
    for (const s of Object.values(ServiceRequestStatus)) {
      const { resolvedAt } = resolvedAtFor(s, now);
      expect(resolvedAt === now, s).toBe(phaseOf(s) === "resolved");
      if (isOpen(s)) expect(resolvedAt, s).toBeNull();
    }
    expect(isOpen("REJECTED")).toBe(false);
    expect(resolvedAtFor("REJECTED").resolvedAt).toBeNull();
    expect(resolvedAtFor(undefined)).toEqual({});
  });

  it("is the rule the service request's update hook applies", () => {
    expect(serviceRequest.onUpdate!({ status: "CLOSED" }).resolvedAt).toBeInstanceOf(Date);
    expect(serviceRequest.onUpdate!({ status: "REJECTED" })).toEqual({ resolvedAt: null });
    expect(serviceRequest.onUpdate!({ internalNotes: "x" })).toEqual({});
  });
});
