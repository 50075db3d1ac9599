import { describe, expect, it } from "vitest";
import { ValidationError } from "@/lib/errors";
import { freshMunicipality } from "@/test/fixtures/municipalities";
import { freshPerson } from "@/test/fixtures/people";
import { viewerOf } from "@/test/fixtures/viewers";
import { myItemsFromUrl, reviewItemsFromUrl, reviewsFromUrl } from "./access-reviews";
import { orInvalid } from "./scope";

describe("access-review pages: a filter that is not valid", () => {
  // The bad-input suite's NUL byte in ?q= was a 500: the parse threw before orInvalid held a promise.
  it("rejects the list's promise (shown in place of the list), never throws before the page can catch it", async () => {
    const town = await freshMunicipality();
    const admin = await freshPerson(town.id, ["municipality_admin"]);
    const viewer = await viewerOf(admin.email);
    const nul = { q: "a\u0000b" };
    for (const read of [
      () => reviewsFromUrl(viewer, town.id, nul),
      () => reviewItemsFromUrl(viewer, "no-such-review", nul),
      () => myItemsFromUrl(viewer, town.id, nul),
    ]) {
      let promise: Promise<unknown> | undefined;
      expect(() => (promise = read())).not.toThrow();
      await expect(promise).rejects.toBeInstanceOf(ValidationError);
    }
    expect(await orInvalid(reviewsFromUrl(viewer, town.id, { sort: "nope" }))).toEqual({
      ok: false,
      invalid: "Unknown sort.",
    });
  });
});
