// The password rules (SP 800-63B): length bounds, common and pattern passwords, the person's own
// name and address refused; long passphrases and the project's own test passwords accepted.
import { describe, expect, it } from "vitest";
import { ratePassword } from "./password-strength";
import { newPasswordField } from "./password-rules";

describe("ratePassword", () => {
  it("refuses passwords shorter than 12 characters and longer than 128, with the rule in plain words", () => {
    expect(ratePassword("short-pass1")).toMatchObject({ acceptable: false, level: "too short" });
    expect(ratePassword("short-pass1").advice).toMatch(/at least 12 characters/);
    expect(ratePassword("x".repeat(129)).advice).toMatch(/at most 128/);
    expect(newPasswordField.safeParse("x".repeat(11)).success).toBe(false);
    expect(newPasswordField.safeParse("x".repeat(129)).success).toBe(false);
  });

  it("refuses common passwords, repeats, sequences and keyboard walks even at 12 characters or more", () => {
    for (const p of ["password1234", "123456789012", "aaaaaaaaaaaa", "qwertyuiopas", "iloveyou2024", "Password123!"]) {
      const r = ratePassword(p);
      expect(r.acceptable, p).toBe(false);
      expect(r.advice, p).toBeTruthy();
    }
  });

  it("refuses a password made of the person's own name or address, and the service's name", () => {
    const ctx = { name: "Rosalind Featherstonehaugh", email: "rosalind.featherstonehaugh@riverton.test" };
    expect(ratePassword("featherstonehaugh1", ctx).acceptable).toBe(false);
    expect(ratePassword("Featherstonehaugh!", ctx).acceptable).toBe(false);
    expect(ratePassword("riverton-rosalind", ctx).acceptable).toBe(false);
    // Without the context the same password is harder to guess: the context is what refuses it.
    expect(ratePassword("featherstonehaugh1").score).toBeGreaterThan(ratePassword("featherstonehaugh1", ctx).score);
    expect(ratePassword("gatehouse2026!").acceptable).toBe(false);
    // The demo accounts' password (lib/seed/test-users.ts) is set by the seed, not through these
    // rules: it names the service, so nobody could choose it.
    expect(ratePassword("gatehouse-demo").acceptable).toBe(false);
  });

  it("accepts passphrases without any composition rule (no digit, no capital, no symbol needed)", () => {
    for (const p of ["correct horse battery staple", "a-long-enough-password", "lantern orchard violet"]) {
      expect(ratePassword(p, { name: "Sam Example", email: "sam@riverton.test" }).acceptable, p).toBe(true);
    }
    expect(ratePassword("lantern orchard violet").level).toMatch(/good|strong/);
  });
});
