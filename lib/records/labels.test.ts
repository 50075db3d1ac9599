// The one label module: enum values, lists of them, fields and person fields in words.
import { describe, expect, it } from "vitest";
import { fieldLabel, isPersonField, label, labelList } from "./labels";

describe("labels", () => {
  it("reads enum values as words, acronyms as their names", () => {
    expect(label("STREET_LIGHTING")).toBe("Street lighting");
    expect(label("PENDING_APPROVAL")).toBe("Pending approval");
    expect(label("OIDC")).toBe("OpenID Connect (OIDC)");
    expect(label("SAML")).toBe("SAML 2.0");
    expect(labelList(["ROADS", "STREET_LIGHTING"])).toBe("Roads, Street lighting");
    expect(labelList([], "all")).toBe("all");
  });

  it("names every field in words, registered or not", () => {
    expect(fieldLabel("internalNotes", "ServiceRequest")).toBe("Internal notes");
    expect(fieldLabel("createdById")).toBe("Created by");
    expect(fieldLabel("lastReviewedAt")).toBe("Last reviewed at");
    expect(fieldLabel("ownerId")).toBe("Owner");
  });

  it("knows which fields hold a person", () => {
    expect(["createdById", "updatedById", "assigneeId"].every(isPersonField)).toBe(true);
    expect(isPersonField("departmentId")).toBe(false);
  });
});
