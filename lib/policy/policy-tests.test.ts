// `npm test` runs every case of policies/tests/*.yaml (also `npm run policy:test`).
import { describe, expect, it } from "vitest";
import { loadPolicyTests, runPolicyCase } from "./policy-tests";

const cases = loadPolicyTests();

describe("policies/tests", () => {
  it("has cases for every record type", () => {
    for (const s of ["ServiceRequest", "HeritageSite", "Document", "Statistics"]) {
      expect(cases.some((c) => c.subject === s), s).toBe(true);
    }
  });
  for (const c of cases) {
    it(`${c.file} — ${c.name}`, () => {
      const r = runPolicyCase(c);
      expect(r.ok, r.message).toBe(true);
    });
  }
});
