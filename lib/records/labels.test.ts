// The one label module: enum values, lists of them, fields and person fields in words.
import { describe, expect, it } from "vitest";
import { fieldLabel, isPersonField, label, labelList } from "./labels";

const WORDS: [string, string][] = [
  [label("STREET_LIGHTING"), "Street lighting"],
  [label("PENDING_APPROVAL"), "Pending approval"],
  [label("OIDC"), "OpenID Connect (OIDC)"],
  [label("SAML"), "SAML 2.0"],
  [labelList(["ROADS", "STREET_LIGHTING"]), "Roads, Street lighting"],
  [labelList([], "all"), "all"],
  [fieldLabel("internalNotes", "ServiceRequest"), "Internal notes"],
  [fieldLabel("createdById"), "Created by"],
  // A field no record type names still reads as words.
  [fieldLabel("lastReviewedAt"), "Last reviewed at"],
  [fieldLabel("ownerId"), "Owner"],
  // A request's new fields and its parts (timeline entries, photos, followers) in words.
  [fieldLabel("approxLatitude", "ServiceRequest"), "Approximate latitude"],
  [fieldLabel("body", "RequestEvent"), "Text"],
  [fieldLabel("kind", "RequestEvent"), "Kind of entry"],
  [fieldLabel("isPublished", "RequestPhoto"), "Published"],
  [fieldLabel("email", "RequestFollower"), "Email"],
  [label("INTERNAL_NOTE"), "Internal note"],
  [label("PHOTO_PUBLISHED"), "Photo published"],
];

describe("labels", () => {
  it.each(WORDS)("reads %s", (got, want) => expect(got).toBe(want));

  it("knows which fields hold a person", () => {
    expect(["createdById", "updatedById", "assigneeId"].filter(isPersonField)).toHaveLength(3);
    expect(isPersonField("departmentId")).toBe(false);
  });
});
