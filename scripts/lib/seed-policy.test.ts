import { describe, expect, it } from "vitest";
import { seedWasAsked, shouldSeedDemo } from "./seed-policy.ts";

describe("demo seeding decision", () => {
  it("seeds an empty embedded database", () => {
    expect(shouldSeedDemo({ embedded: true, asked: false, empty: true })).toBe(true);
  });
  it("never seeds a DATABASE_URL server unasked", () => {
    expect(shouldSeedDemo({ embedded: false, asked: false, empty: true })).toBe(false);
  });
  it("seeds a DATABASE_URL server only when asked, and only when empty", () => {
    expect(shouldSeedDemo({ embedded: false, asked: true, empty: true })).toBe(true);
    expect(shouldSeedDemo({ embedded: false, asked: true, empty: false })).toBe(false);
    expect(shouldSeedDemo({ embedded: true, asked: false, empty: false })).toBe(false);
  });
  it("reads SEED_DEMO_DATA strictly", () => {
    expect(seedWasAsked("1")).toBe(true);
    expect(seedWasAsked("true")).toBe(true);
    expect(seedWasAsked("0")).toBe(false);
    expect(seedWasAsked("yes please")).toBe(false);
    expect(seedWasAsked(undefined)).toBe(false);
  });
});
