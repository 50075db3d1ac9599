import { describe, expect, it } from "vitest";
import { groupsFromClaims, loadSsoMap } from "./sso-map";

describe("SSO claim mapping", () => {
  const map = loadSsoMap();
  it("maps job codes and groups claims to municipality groups", () => {
    expect(groupsFromClaims(map, "riverton", { job_codes: ["RIV-PW-OPS"] }).groups).toEqual(["operator"]);
    expect(
      groupsFromClaims(map, "riverton", { job_codes: ["RIV-CLERK-EDIT", "RIV-READ"], groups: ["riverton-volunteers"] })
        .groups,
    ).toEqual(["document_editor", "viewer", "volunteer"]);
    expect(groupsFromClaims(map, "riverton", { job_codes: "RIV-PW-MGR" }).groups).toEqual(["manager"]);
  });
  it("maps unknown codes and other municipalities to nothing", () => {
    expect(groupsFromClaims(map, "riverton", { job_codes: ["NOPE"] }).groups).toEqual([]);
    expect(groupsFromClaims(map, "riverton", {}).groups).toEqual([]);
    expect(groupsFromClaims(map, "lakeside", { job_codes: ["RIV-PW-OPS"] }).groups).toEqual([]);
  });
});
