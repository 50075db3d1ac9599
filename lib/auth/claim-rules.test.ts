import { describe, expect, it } from "vitest";
import { groupsFromMappings, mergeMappings } from "./claim-rules";

describe("claim rules", () => {
  it("merges mappings: a value mapped twice grants both sets of groups, once each", () => {
    const merged = mergeMappings(
      { job_codes: { A: ["viewer"] } },
      { job_codes: { A: ["operator", "viewer"], B: ["analyst"] }, groups: { g: ["volunteer"] } },
    );
    expect(groupsFromMappings(merged, { job_codes: ["A"] }).groups).toEqual(["operator", "viewer"]);
    expect(groupsFromMappings(merged, { job_codes: "A B", groups: ["g"] })).toEqual({
      groups: ["analyst", "operator", "viewer", "volunteer"],
      matched: ["job_codes=A", "job_codes=B", "groups=g"],
    });
  });

  it("treats __proto__ and inherited names as plain, unmapped keys", () => {
    const merged = mergeMappings(
      { __proto__: { x: ["viewer"] } } as never,
      JSON.parse('{"c":{"__proto__":["viewer"]}}'),
    );
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    expect(groupsFromMappings(merged, { c: ["toString", "constructor"] }).groups).toEqual([]);
    expect(groupsFromMappings(merged, JSON.parse('{"c":["__proto__"]}')).groups).toEqual(["viewer"]);
    expect(groupsFromMappings({ toString: { a: ["viewer"] } }, {}).groups).toEqual([]);
  });
});
